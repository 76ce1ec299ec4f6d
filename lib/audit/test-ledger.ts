import { generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { eventHash, GENESIS_HASH, type LedgerEvent } from './chain';
import type { ExportViewRow } from './export-format';
import { createExportStream } from './export-stream';
import type { ChainHead } from './manifest';
import { parseSigningKey, type SigningKey } from './signing-key';
import type { OpenExport } from './verify-export';

/**
 * Test fixtures for the ledger's exports (used by the unit tests only): a valid chain as
 * v_alert_event_export returns it, a pager over it, keys, and whole export files.
 */
function toEvent(row: ExportViewRow): LedgerEvent {
  return {
    id: row.id!,
    alert_id: row.alert_id!,
    event_type: row.event_type!,
    check_code: row.check_code!,
    actor_id: row.actor_id,
    actor_role: row.actor_role,
    from_status: row.from_status,
    to_status: row.to_status,
    note: row.note,
    resolved_while_active: row.resolved_while_active,
    occurred_at: row.occurred_at_utc!,
    details: row.details_text,
    prev_hash: row.prev_hash!,
    hash: row.hash!,
  };
}

/** Recomputes every prev_hash and hash in order, from `prev` — as an attacker who edits rows would. */
export function rechain(rows: ExportViewRow[], prev = GENESIS_HASH): ExportViewRow[] {
  return rows.map((row) => {
    const prevHash = prev;
    const hash = eventHash({ ...toEvent(row), prev_hash: prevHash });
    prev = hash;
    return { ...row, prev_hash: prevHash, hash };
  });
}

/** A valid chain of `count` rows (ids 1…count), notes with quotes, line breaks and formula-like text. */
export function ledgerRows(count: number): ExportViewRow[] {
  const rows: ExportViewRow[] = [];
  for (let id = 1; id <= count; id += 1) {
    const acked = id % 3 === 0;
    rows.push({
      id,
      alert_id: '0f1e2d3c-0000-4000-8000-000000000001',
      event_type: acked ? 'acknowledged' : 'opened',
      check_code: 'STOCK_NEGATIF',
      actor_id: acked ? '00000000-0000-4000-8000-000000000001' : null,
      actor_role: acked ? 'admin' : 'system',
      actor_name: acked ? 'Awa Koné' : null,
      from_status: acked ? 'OPEN' : null,
      to_status: acked ? 'ACK' : 'OPEN',
      note: id % 7 === 0 ? `=SOMME(A1) « note » ${id}, "quoted"\nsecond line` : acked ? `Jaugeage refait n°${id}` : null,
      resolved_while_active: null,
      occurred_at_utc: `2026-11-0${1 + (id % 9)}T10:00:00.${String(id).padStart(6, '0')}Z`,
      details_text: acked ? null : `{"severity": "CRITICAL", "n": ${id}}`,
      prev_hash: '',
      hash: '',
    });
  }
  return rechain(rows);
}

export function headOf(rows: ExportViewRow[]): ChainHead | null {
  const last = rows.at(-1);
  return last ? { id: last.id!, hash: last.hash! } : null;
}

export function pager(rows: ExportViewRow[], pageSize: number, failAfter?: number) {
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

export function newSigningKey(): SigningKey {
  return parseSigningKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/** A whole export file, as the route streams it. */
export async function exportFile(options: {
  format: 'jsonl' | 'csv';
  rows: ExportViewRow[];
  signingKey: SigningKey;
  filters?: Record<string, string>;
  head?: ChainHead | null;
  pageSize?: number;
}): Promise<Buffer> {
  const pageSize = options.pageSize ?? 4;
  const stream = createExportStream({
    format: options.format,
    exportedAt: '2026-11-25T17:00:00.000Z',
    filters: options.filters ?? {},
    head: options.head === undefined ? headOf(options.rows) : options.head,
    fetchPage: pager(options.rows, pageSize).fetchPage,
    pageSize,
    signingKey: options.signingKey,
  });
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/** An in-memory file for verifyExport, in small chunks so lines straddle them. */
export function openBuffer(file: Buffer, chunkSize = 97): OpenExport {
  return (byteLimit) => {
    const bytes = byteLimit === undefined ? file : file.subarray(0, byteLimit);
    const chunks: Buffer[] = [];
    for (let start = 0; start < bytes.length; start += chunkSize) chunks.push(bytes.subarray(start, start + chunkSize));
    return Readable.from(chunks);
  };
}
