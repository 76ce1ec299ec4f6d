import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { alertsCsv, alertsCsvFileName } from './export-csv';
import type { AlertListRow } from './queries';

const row: AlertListRow = {
  id: '7b0d2f6e-4a5b-4c1d-9e8f-0a1b2c3d4e5f',
  depot_code: 'VRIDI',
  check_code: 'STOCK_NEGATIF',
  severity: 'CRITICAL',
  severity_rank: 3,
  entity_type: 'citerne',
  entity_id: 'c1000000-0000-4000-8000-000000000005',
  message: 'Citerne T05 : stock négatif',
  status: 'RESOLVED',
  first_seen_at: '2026-11-20T08:00:00Z',
  last_seen_at: '2026-11-25T08:00:00Z',
  cleared_at: null,
  acknowledged_at: '2026-11-20T08:10:00Z',
  acknowledged_by_name: 'Awa Koné',
  resolved_at: '2026-11-21T09:00:00Z',
  resolved_by_name: '=HYPERLINK("http://x")',
  resolved_while_active: true,
  resolution_reason: 'accepted_risk',
  assigned_to: null,
  assigned_to_name: null,
  snoozed: false,
  snoozed_until: null,
  awaiting_countersign: false,
  occurrence: 2,
  silenced: false,
  silenced_until: null,
};

describe('the alert list as CSV', () => {
  it('starts with a byte-order mark, names the columns in French, and writes times in the depot’s zone', () => {
    const text = alertsCsv([row, { ...row, id: 'x', depot_code: null, status: 'OPEN' }], dictionaries.fr, 'Africa/Kinshasa');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, first, second] = parse(text, { bom: true }) as string[][];
    expect(header!.slice(0, 4)).toEqual(['identifiant', 'dépôt', 'gravité', 'contrôle']);
    const cell = (line: string[], name: string) => line[header!.indexOf(name)];
    expect(cell(first!, 'gravité')).toBe('Critique');
    expect(cell(first!, 'première détection')).toBe('2026-11-20 09:00');
    expect(cell(first!, 'motif de résolution')).toBe('Risque accepté');
    expect(cell(first!, 'résolue quand même')).toBe('oui');
    expect(cell(first!, 'occurrence')).toBe('2');
    // A name that looks like a formula is never one for the spreadsheet.
    expect(cell(first!, 'résolue par')).toBe('\'=HYPERLINK("http://x")');
    expect(cell(second!, 'dépôt')).toBe('Plateforme');
    expect(cell(second!, 'motif de résolution')).toBe('');
  });

  it('speaks English to an English reader, and names the file by the depot’s clock', () => {
    const [header] = parse(alertsCsv([], dictionaries.en, 'UTC'), { bom: true }) as string[][];
    expect(header!.slice(0, 3)).toEqual(['id', 'depot', 'severity']);
    expect(alertsCsvFileName(new Date('2026-12-03T16:30:00Z'), 'Africa/Kinshasa')).toBe('alertes-20261203-1730.csv');
  });
});
