/**
 * The deployment log's validation query, run verbatim, returns the seed's expected anomalies
 * (supabase/seed.sql header).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, query } from './support/db';

afterAll(closeDb);

const VALIDATION_QUERY = 'select check_code, severity, count(*) from public.v_integrity_checks group by check_code, severity;';

describe('v_integrity_checks after the seed', () => {
  it('the validation query returns the seed’s expected counts', async () => {
    const rows = await query<{ check_code: string; severity: string; count: string }>(VALIDATION_QUERY);
    const counts = rows.map((r) => `${r.check_code} ${r.severity} ${Number(r.count)}`).sort();
    expect(counts).toEqual(
      [
        'STOCK_NEGATIF CRITICAL 2',
        'STOCK_OVER_CAPACITY CRITICAL 2',
        'CDR_ARRIVE_STALE WARN 2',
        'ECART_15C WARN 3',
        'STOCK_JOURNAL_MISSING CRITICAL 1',
        'FEED_SILENT CRITICAL 1',
        'REFERENCE_INCOMPLETE WARN 1',
      ].sort(),
    );
  });

  it('names the seed’s anomalous entities, not the clean ones nearby', async () => {
    const rows = await query<{ check_code: string; entity_id: string }>(
      'select check_code, entity_id from public.v_integrity_checks order by check_code, entity_id',
    );
    const ids = rows.map((r) => r.entity_id);
    // T03's old negative line, the trucks ARRIVE for 6 h and 20 h, the receipt at +0.3 %: no check.
    expect(ids).not.toContain('c1000000-0000-4000-8000-000000000003');
    expect(ids).not.toContain('ec000000-0000-4000-8000-000000000004');
    expect(rows.filter((r) => r.check_code === 'ECART_15C').map((r) => r.entity_id)).toEqual([
      'ec000000-0000-4000-8000-000000000001',
      'ec000000-0000-4000-8000-000000000002',
      'ec000000-0000-4000-8000-000000000003',
    ]);
  });

  it('a stale truck’s finding is what its data says, not how long ago it arrived (no clock in it)', async () => {
    const rows = await query<{ message: string; details: Record<string, unknown>; date_arrivee: Date }>(
      `select c.message, c.details, r.date_arrivee
       from public.v_integrity_checks c join public.cours_de_route r on r.id::text = c.entity_id
       where c.check_code = 'CDR_ARRIVE_STALE' order by c.entity_id`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row.details).sort()).toEqual([
        'date_arrivee',
        'immatriculation',
        'seuil_heures',
        'transporteur',
        'volume_ambiant',
      ]);
      expect(new Date(String(row.details.date_arrivee)).getTime()).toBe(row.date_arrivee.getTime());
      expect(row.message).toMatch(/^Camion \S+ arrivé le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, non déchargé au-delà du seuil de 48 h$/);
    }
    // Evaluated again later (another transaction, another now()): the same finding, to the byte.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await query<{ message: string; details: Record<string, unknown> }>(
      `select c.message, c.details from public.v_integrity_checks c where c.check_code = 'CDR_ARRIVE_STALE' order by c.entity_id`,
    );
    expect(again).toEqual(rows.map(({ message, details }) => ({ message, details })));
  });
});
