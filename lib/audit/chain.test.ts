import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { canonicalForm, eventHash, GENESIS_HASH, type LedgerEvent, verifyEvents } from './chain';
import { csvHeader, csvRows, jsonlHeader, jsonlLine, parseExportStream, type ExportedEvent } from './export-format';

function chain(count: number): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    // The last row of a chain of 3 or more is a settings change: no alert, no check code.
    const settings = count >= 3 && i === count;
    const event: ExportedEvent = {
      id: i,
      alert_id: settings ? null : '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
      event_type: i === 1 ? 'opened' : settings ? 'settings_changed' : 'acknowledged',
      check_code: settings ? null : 'STOCK_NEGATIF',
      actor_id: i === 1 ? null : '00000000-0000-4000-8000-000000000001',
      actor_role: i === 1 ? 'system' : 'admin',
      actor_name: i === 1 ? null : 'Awa Koné',
      from_status: i === 1 ? null : 'OPEN',
      to_status: i === 1 ? 'OPEN' : 'ACK',
      note: i === 1 ? null : `=HYPERLINK("x") note n°${i}, « citerne », "ok"\nligne 2`,
      resolved_while_active: null,
      occurred_at: `2026-11-25T16:40:0${i}.123456Z`,
      details: i === 1 ? '{"severity": "CRITICAL"}' : null,
      prev_hash: prev,
      hash: '',
    };
    event.hash = eventHash(event);
    prev = event.hash;
    events.push(event);
  }
  return events;
}

describe('canonical form', () => {
  it('length-prefixes every field in UTF-8 bytes and marks nulls', () => {
    const event: LedgerEvent = chain(1)[0]!;
    expect(canonicalForm(event)).toBe(
      '1:1,36:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9,6:opened,13:STOCK_NEGATIF,-,6:system,-,4:OPEN,-,-,' +
        `27:2026-11-25T16:40:01.123456Z,24:{"severity": "CRITICAL"},64:${GENESIS_HASH},`,
    );
    expect(canonicalForm({ ...event, note: 'é' })).toContain('2:é,');
  });
});

describe('chain verification', () => {
  it('accepts an untouched chain and names the first altered row', () => {
    const events = chain(5);
    expect(verifyEvents(events)).toEqual({ valid: true, checked: 5, firstBrokenId: null, reason: null, anchor: GENESIS_HASH });
    const altered = events.map((event) => (event.id === 3 ? { ...event, note: 'réécrit' } : event));
    expect(verifyEvents(altered)).toMatchObject({ valid: false, firstBrokenId: '3', reason: "hash does not match the row's content" });
  });

  it('detects a removed row between consecutive ids only as a gap, and a relinked row as a broken link', () => {
    const events = chain(4);
    const relinked = events.map((event) => (event.id === 3 ? { ...event, prev_hash: GENESIS_HASH } : event));
    expect(verifyEvents(relinked)).toMatchObject({
      valid: false,
      firstBrokenId: '3',
      reason: "prev_hash does not match the previous row's hash",
    });
    // A filtered export skips rows: the rows present still verify on their own.
    expect(verifyEvents([events[0]!, events[2]!, events[3]!])).toMatchObject({ valid: true, checked: 3 });
  });
});

describe('export formats', () => {
  it('round-trip through JSON Lines and CSV, quotes, line breaks and formula guard included', async () => {
    const events = chain(3);
    const jsonl = jsonlHeader({ exportedAt: '2026-11-25T17:00:00Z', filters: {} }) + events.map(jsonlLine).join('');
    const csv = csvHeader() + csvRows(events);
    expect(csv).toContain(`"'=HYPERLINK(""x"")`);
    for (const [text, format] of [
      [jsonl, 'jsonl'],
      [csv, 'csv'],
    ] as const) {
      const read: LedgerEvent[] = [];
      for await (const event of parseExportStream(Readable.from([text]), format)) read.push(event);
      expect(read).toHaveLength(3);
      expect(verifyEvents(read)).toMatchObject({ valid: true, checked: 3 });
      expect(read[1]!.note).toBe(events[1]!.note);
    }
  });

  it('refuses a file that is not a ledger export', async () => {
    const read = async () => {
      for await (const event of parseExportStream(Readable.from(['{"format":"other"}\n']), 'jsonl')) void event;
    };
    await expect(read()).rejects.toThrow('not a governance-alert-ledger export');
  });
});
