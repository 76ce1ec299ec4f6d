import { inflateSync } from 'node:zlib';
import { renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { BoardReportDocument, monthTitle, pdfText, type ReportContent } from './report-document';

/**
 * The board report's PDF, rendered for real (@react-pdf/renderer) from figures made up here; its
 * text is read back from the page content streams (the standard fonts write Windows-1252 bytes as
 * hex strings inside TJ arrays), so the test asserts what a reader of the PDF sees.
 */
function pdfLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  const source = pdf.toString('latin1');
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let text: string;
    try {
      text = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a compressed content stream (fonts, metadata)
    }
    for (const array of text.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...array[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((part) => part[1]).join('');
      lines.push(new TextDecoder('windows-1252').decode(Buffer.from(hex, 'hex')));
    }
  }
  return lines;
}

const alert = { id: 'a1', check_code: 'STOCK_NEGATIF', label: 'T02 — Citerne 02', depot_code: 'VRIDI' };
const content: ReportContent = {
  month: '2026-11',
  scope: null,
  timeZone: 'Africa/Kinshasa',
  generatedAt: new Date('2026-12-03T10:00:00Z'),
  generatedBy: 'Marie-Claire Diallo',
  summary: {
    since: '2026-10-31T23:00:00Z',
    until: '2026-11-30T23:00:00Z',
    period_end: '2026-11-30T23:00:00Z',
    depot: null,
    opened: 1234,
    resolved: 1200,
    still_open: 34,
    resolved_while_active: 7,
    countersigned: 5,
    times: [
      {
        scope: 'all',
        check_code: null,
        severity: null,
        alerts: 1234,
        acknowledged: 1230,
        resolved: 1200,
        ack_p50: 600,
        ack_p90: 3600,
        resolve_p50: 7200,
        resolve_p90: 86400,
      },
      {
        scope: 'severity',
        check_code: null,
        severity: 'CRITICAL',
        alerts: 34,
        acknowledged: 34,
        resolved: 30,
        ack_p50: 300,
        ack_p90: 900,
        resolve_p50: 3600,
        resolve_p90: 7200,
      },
      {
        scope: 'check',
        check_code: 'STOCK_NEGATIF',
        severity: 'CRITICAL',
        alerts: 34,
        acknowledged: 34,
        resolved: 30,
        ack_p50: 300,
        ack_p90: 900,
        resolve_p50: 3600,
        resolve_p90: 7200,
      },
    ],
    on_time: [{ severity: 'CRITICAL', ack_due: 34, ack_on_time: 30, resolve_due: 30, resolve_on_time: 29 }],
    reasons: [{ reason: 'fixed_at_source', resolved: 1200, resolved_while_active: 7 }],
    entities: [
      {
        entity_type: 'citerne',
        entity_id: 'x',
        label: 'T02 — Citerne 02',
        depot_code: 'VRIDI',
        alerts: 9,
        recurrences: 8,
        checks: ['STOCK_NEGATIF'],
      },
    ],
    heat_map: [
      { depot_code: 'VRIDI', check_code: 'STOCK_NEGATIF', alerts: 30, critical: 30 },
      { depot_code: 'BOUAKE', check_code: 'STOCK_NEGATIF', alerts: 4, critical: 4 },
    ],
  },
  details: {
    period_end: '2026-11-30T23:00:00Z',
    open_critical: {
      total: 30,
      items: [{ ...alert, message: 'Stock négatif', first_seen_at: '2026-11-02T08:00:00Z', acknowledged: true, age_seconds: 2_500_000 }],
    },
    resolved_anyway: {
      total: 1,
      items: [
        {
          ...alert,
          severity: 'CRITICAL',
          resolved_at: '2026-11-20T08:00:00Z',
          resolved_by_name: 'Jean-Baptiste Mensah',
          reason: 'accepted_risk',
          countersigned_by_name: 'Awa Koné',
        },
      ],
    },
    four_eyes: {
      total: 1,
      items: [
        {
          ...alert,
          requested_at: '2026-11-19T08:00:00Z',
          requested_by_name: 'Jean-Baptiste Mensah',
          outcome: null,
          decided_at: null,
          decided_by_name: null,
        },
      ],
    },
    findings: {
      total: 1,
      items: [
        {
          id: 'f1',
          check_code: 'SCHEMA_DRIFT',
          severity: 'CRITICAL',
          label: null,
          message: 'Le schéma a changé hors migration → colonne ajoutée',
          first_seen_at: '2026-11-10T08:00:00Z',
          resolved_at: null,
        },
      ],
    },
  },
  ledger: { head: { id: 4321, hash: 'ab'.repeat(32) }, valid: true, checked: 4321 },
  showLedgerSize: true,
};

/** The document as the console renders it (a Document element, which renderToBuffer's type asks for). */
function render(value: ReportContent): Promise<Buffer> {
  return renderToBuffer(createElement(BoardReportDocument, { content: value }) as unknown as Parameters<typeof renderToBuffer>[0]);
}

describe('the board report PDF', () => {
  it('reads in French: the month, the figures, the lists, the ledger’s head, page numbers', async () => {
    const pdf = await render(content);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfLines(pdf).join('\n');
    expect(text).toContain('Rapport mensuel au conseil d’administration');
    expect(text).toContain('novembre 2026 · tous les dépôts');
    // French digits: « 1 234 » with a no-break space Helvetica can write.
    expect(text).toContain('1\u00a0234');
    expect(text).toContain('Alertes critiques encore ouvertes à la fin du mois (30)');
    expect(text).toContain('Et 29 autres, à voir dans la console.');
    expect(text).toContain('Jean-Baptiste Mensah');
    expect(text).toContain('En attente à la fin du mois');
    // A character Helvetica cannot write is replaced, never dropped silently into garbage.
    expect(text).toContain('Le schéma a changé hors migration -> colonne');
    expect(text).toContain('Chaîne de hachage vérifiée : intègre (4\u00a0321 événements).');
    expect(text).toContain('ab'.repeat(32));
    expect(text).toMatch(/Page 1 sur \d/);
  });

  it('for a depot: no ledger size, and the platform’s findings left to head office', async () => {
    const pdf = await render({ ...content, scope: { code: 'BOUAKE', name: 'Bouaké' }, showLedgerSize: false });
    const text = pdfLines(pdf).join('\n');
    expect(text).toContain('novembre 2026 · dépôt Bouaké (BOUAKE)');
    expect(text).toContain('Chaîne de hachage vérifiée : intègre.');
    expect(text).not.toContain('4\u00a0321 événements');
    expect(text).toContain('Les constats de la plateforme relèvent du siège');
    expect(text).not.toContain('colonne ajoutée');
  });

  it('says so when the ledger is broken', async () => {
    const pdf = await render({ ...content, ledger: { ...content.ledger, valid: false } });
    expect(pdfLines(pdf).join('\n')).toContain('Chaîne de hachage ROMPUE');
  });
});

describe('pdfText', () => {
  it('keeps French punctuation and spacing, replaces what Windows-1252 lacks', () => {
    expect(pdfText('« 1\u202f234 » — l’été… œuvre €')).toBe('« 1\u00a0234 » — l’été… œuvre €');
    expect(pdfText('a → b ≤ c ≥ d − e 😀 漢')).toBe('a -> b <= c >= d - e ? ?');
  });

  it('names the month in full', () => {
    expect(monthTitle('2026-11')).toBe('novembre 2026');
    expect(monthTitle('2027-01')).toBe('janvier 2027');
  });
});
