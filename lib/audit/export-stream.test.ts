import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createChainVerifier, eventHash, GENESIS_HASH, type LedgerEvent } from './chain';
import { parseExportStream, type ExportViewRow } from './export-format';
import { createExportStream } from './export-stream';

/** A valid chain of `count` rows, as v_alert_event_export returns them. */
function ledger(count: number): ExportViewRow[] {
  const rows: ExportViewRow[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= count; id += 1) {
    const event: LedgerEvent = {
      id,
      alert_id: '0f1e2d3c-0000-4000-8000-000000000001',
      event_type: id % 3 === 0 ? 'acknowledged' : 'opened',
      check_code: 'STOCK_NEGATIF',
      actor_id: id % 3 === 0 ? '00000000-0000-4000-8000-000000000001' : null,
      actor_role: id % 3 === 0 ? 'admin' : 'system',
      from_status: id % 3 === 0 ? 'OPEN' : null,
      to_status: id % 3 === 0 ? 'ACK' : 'OPEN',
      note: id % 7 === 0 ? `=SOMME(A1) « note » ${id}, "quoted"\nsecond line` : null,
      resolved_while_active: null,
      occurred_at: `2026-11-0${1 + (id % 9)}T10:00:00.${String(id).padStart(6, '0')}Z`,
      details: id % 3 === 0 ? null : `{"severity": "CRITICAL", "n": ${id}}`,
      prev_hash: prev,
      hash: '',
    };
    event.hash = eventHash(event);
    prev = event.hash;
    rows.push({
      id,
      alert_id: event.alert_id,
      event_type: event.event_type,
      check_code: event.check_code,
      actor_id: event.actor_id,
      actor_role: event.actor_role,
      actor_name: event.actor_id ? 'Awa Koné' : null,
      from_status: event.from_status,
      to_status: event.to_status,
      note: event.note,
      resolved_while_active: event.resolved_while_active,
      occurred_at_utc: event.occurred_at,
      details_text: event.details,
      prev_hash: event.prev_hash,
      hash: event.hash,
    });
  }
  return rows;
}

function pager(rows: ExportViewRow[], pageSize: number, failAfter?: number) {
  const calls: number[] = [];
  return {
    calls,
    fetchPage: async (afterId: number) => {
      calls.push(afterId);
      if (failAfter !== undefined && afterId >= failAfter) throw new Error('connection reset');
      return rows.filter((row) => row.id! > afterId).slice(0, pageSize);
    },
  };
}

async function verify(stream: ReadableStream<Uint8Array>, format: 'csv' | 'jsonl') {
  const verifier = createChainVerifier();
  for await (const event of parseExportStream(Readable.fromWeb(stream as never), format)) verifier.add(event);
  return verifier.result();
}

const filters = { from: '2026-11-01', to: '2026-11-25', time_zone: 'Africa/Abidjan', type: undefined };

describe('createExportStream', () => {
  it('writes JSON Lines page by page that the verifier accepts', async () => {
    const rows = ledger(2500);
    const { calls, fetchPage } = pager(rows, 1000);
    const stream = createExportStream({ format: 'jsonl', exportedAt: '2026-11-25T12:00:00Z', filters, fetchPage, pageSize: 1000 });
    const report = await verify(stream, 'jsonl');
    expect(report).toMatchObject({ valid: true, checked: 2500, anchor: GENESIS_HASH });
    // Three pages; the last (500 rows) is short, so no fourth request.
    expect(calls).toEqual([0, 1000, 2000]);
  });

  it('writes CSV that the verifier accepts, formula-like notes included', async () => {
    const rows = ledger(45);
    const { fetchPage } = pager(rows, 20);
    const stream = createExportStream({ format: 'csv', exportedAt: 'x', filters, fetchPage, pageSize: 20 });
    expect(await verify(stream, 'csv')).toMatchObject({ valid: true, checked: 45 });
  });

  it('asks once more after a full last page, and ends on an empty one', async () => {
    const { calls, fetchPage } = pager(ledger(40), 20);
    const stream = createExportStream({ format: 'jsonl', exportedAt: 'x', filters, fetchPage, pageSize: 20 });
    expect(await verify(stream, 'jsonl')).toMatchObject({ valid: true, checked: 40 });
    expect(calls).toEqual([0, 20, 40]);
  });

  it('uses a page read in advance, and carries the header with the filters', async () => {
    const rows = ledger(30);
    const { calls, fetchPage } = pager(rows, 20);
    const stream = createExportStream({
      format: 'jsonl',
      exportedAt: '2026-11-25T12:00:00Z',
      filters,
      fetchPage,
      pageSize: 20,
      firstPage: rows.slice(0, 20),
    });
    const text = await new Response(stream).text();
    const [header, ...lines] = text.trimEnd().split('\n');
    expect(JSON.parse(header!)).toMatchObject({ format: 'governance-alert-ledger', exported_at: '2026-11-25T12:00:00Z', filters: { from: '2026-11-01' } });
    expect(lines).toHaveLength(30);
    expect(calls).toEqual([20]);
  });

  it('writes only the header for an empty period, after a byte-order mark for spreadsheets', async () => {
    const { fetchPage } = pager([], 1000);
    const bytes = new Uint8Array(
      await new Response(createExportStream({ format: 'csv', exportedAt: 'x', filters, fetchPage, pageSize: 1000 })).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text.startsWith('\uFEFFid,occurred_at,event_type')).toBe(true);
  });

  it('errors the stream when a page fails mid-way, instead of ending short', async () => {
    const errors: unknown[] = [];
    const { fetchPage } = pager(ledger(50), 20, 20);
    const stream = createExportStream({
      format: 'jsonl',
      exportedAt: 'x',
      filters,
      fetchPage,
      pageSize: 20,
      onError: (error) => errors.push(error),
    });
    await expect(new Response(stream).text()).rejects.toThrow('connection reset');
    expect(errors).toHaveLength(1);
  });

  it('errors rather than looping when a page does not move forward', async () => {
    const rows = ledger(20);
    const stream = createExportStream({
      format: 'jsonl',
      exportedAt: 'x',
      filters,
      fetchPage: async () => rows,
      pageSize: 20,
      firstPage: rows,
    });
    await expect(new Response(stream).text()).rejects.toThrow('did not move forward');
  });

  it('reads nothing more once the client goes away', async () => {
    const { calls, fetchPage } = pager(ledger(100), 10);
    const stream = createExportStream({ format: 'jsonl', exportedAt: 'x', filters, fetchPage, pageSize: 10 });
    const reader = stream.getReader();
    await reader.read(); // header
    await reader.read(); // first page
    await reader.cancel();
    expect(calls.length).toBeLessThanOrEqual(2);
  });
});
