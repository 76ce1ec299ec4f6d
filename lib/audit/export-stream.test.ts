import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createChainVerifier, GENESIS_HASH } from './chain';
import { parseExportStream, parseManifestTrailer } from './export-format';
import { createExportStream, type ExportStreamOptions } from './export-stream';
import { verifyManifestSignature } from './manifest';
import { headOf, ledgerRows, newSigningKey, pager } from './test-ledger';
import { splitLastLine } from './verify-export';

const filters = { from: '2026-11-01', to: '2026-11-25', time_zone: 'Africa/Abidjan' };
const signingKey = newSigningKey();

function stream(options: Omit<ExportStreamOptions, 'exportedAt' | 'filters' | 'signingKey'>) {
  return createExportStream({ exportedAt: '2026-11-25T12:00:00Z', filters, signingKey, ...options });
}

/** The events before the manifest's line, through the verifier's chain check. */
async function verify(file: Buffer, format: 'csv' | 'jsonl') {
  const { bodyBytes } = await splitLastLine(Readable.from([file]));
  const verifier = createChainVerifier();
  for await (const event of parseExportStream(Readable.from([file.subarray(0, bodyBytes)]), format)) verifier.add(event);
  return verifier.result();
}

async function bytes(readable: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(readable).arrayBuffer());
}

async function manifestOf(file: Buffer, format: 'csv' | 'jsonl') {
  const trailer = parseManifestTrailer((await splitLastLine(Readable.from([file]))).lastLine, format);
  if (!trailer.ok) throw new Error(trailer.reason);
  return trailer.value;
}

describe('createExportStream', () => {
  it('writes JSON Lines page by page that the verifier accepts, then the signed manifest', async () => {
    const rows = ledgerRows(2500);
    const { calls, fetchPage } = pager(rows, 1000);
    const file = await bytes(stream({ format: 'jsonl', head: headOf(rows), fetchPage, pageSize: 1000 }));
    expect(await verify(file, 'jsonl')).toMatchObject({ valid: true, checked: 2500, anchor: GENESIS_HASH });
    // Three pages; the last (500 rows) is short, so no fourth request.
    expect(calls).toEqual([0, 1000, 2000]);
    const signed = await manifestOf(file, 'jsonl');
    expect(signed.manifest).toMatchObject({
      format: 'governance-alert-ledger',
      version: 2,
      filters,
      head: { id: 2500, hash: rows[2499]!.hash },
      first_id: 1,
      last_id: 2500,
      row_count: 2500,
      key_fingerprint: signingKey.fingerprint,
    });
    expect(verifyManifestSignature(signed, signingKey.publicKey)).toBe(true);
  });

  it('writes CSV that the verifier accepts, formula-like notes included', async () => {
    const rows = ledgerRows(45);
    const { fetchPage } = pager(rows, 20);
    const file = await bytes(stream({ format: 'csv', head: headOf(rows), fetchPage, pageSize: 20 }));
    expect(await verify(file, 'csv')).toMatchObject({ valid: true, checked: 45 });
    expect((await manifestOf(file, 'csv')).manifest).toMatchObject({ row_count: 45, first_id: 1, last_id: 45 });
  });

  it('stops at the head without asking again, and never goes past it', async () => {
    const { calls, fetchPage } = pager(ledgerRows(40), 20);
    const file = await bytes(stream({ format: 'jsonl', head: headOf(ledgerRows(40)), fetchPage, pageSize: 20 }));
    expect(await verify(file, 'jsonl')).toMatchObject({ valid: true, checked: 40 });
    expect(calls).toEqual([0, 20]);
  });

  it('asks once more after a full last page short of the head (a filtered export), and ends on an empty one', async () => {
    const rows = ledgerRows(50);
    const { calls, fetchPage } = pager(rows.slice(0, 40), 20);
    const file = await bytes(stream({ format: 'jsonl', head: headOf(rows), fetchPage, pageSize: 20 }));
    expect(await verify(file, 'jsonl')).toMatchObject({ valid: true, checked: 40 });
    expect(calls).toEqual([0, 20, 40]);
    expect((await manifestOf(file, 'jsonl')).manifest).toMatchObject({ head: { id: 50 }, last_id: 40, row_count: 40 });
  });

  it('uses a page read in advance, and carries the header with the filters', async () => {
    const rows = ledgerRows(30);
    const { calls, fetchPage } = pager(rows, 20);
    const text = (
      await bytes(stream({ format: 'jsonl', head: headOf(rows), fetchPage, pageSize: 20, firstPage: rows.slice(0, 20) }))
    ).toString('utf8');
    const [header, ...lines] = text.trimEnd().split('\n');
    expect(JSON.parse(header!)).toMatchObject({
      format: 'governance-alert-ledger',
      exported_at: '2026-11-25T12:00:00Z',
      filters: { from: '2026-11-01' },
    });
    expect(lines).toHaveLength(31);
    expect(JSON.parse(lines.at(-1)!)).toHaveProperty('manifest.row_count', 30);
    expect(calls).toEqual([20]);
  });

  it('writes only the header and the manifest for an empty ledger, after a byte-order mark for spreadsheets', async () => {
    const { calls, fetchPage } = pager([], 1000);
    const file = await bytes(stream({ format: 'csv', head: null, fetchPage, pageSize: 1000 }));
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file);
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text.startsWith('\uFEFFid,occurred_at,event_type')).toBe(true);
    expect(calls).toEqual([]);
    expect((await manifestOf(file, 'csv')).manifest).toMatchObject({ head: null, first_id: null, last_id: null, row_count: 0 });
  });

  it('errors the stream when a page fails mid-way, instead of ending short (and unsigned)', async () => {
    const errors: unknown[] = [];
    const rows = ledgerRows(50);
    const { fetchPage } = pager(rows, 20, 20);
    const failing = stream({ format: 'jsonl', head: headOf(rows), fetchPage, pageSize: 20, onError: (error) => errors.push(error) });
    await expect(new Response(failing).text()).rejects.toThrow('connection reset');
    expect(errors).toHaveLength(1);
  });

  it('errors rather than looping when a page does not move forward', async () => {
    const rows = ledgerRows(40);
    const stuck = stream({
      format: 'jsonl',
      head: headOf(rows),
      fetchPage: async () => rows.slice(0, 20),
      pageSize: 20,
      firstPage: rows.slice(0, 20),
    });
    await expect(new Response(stuck).text()).rejects.toThrow('did not move forward');
  });

  it('reads nothing more once the client goes away', async () => {
    const rows = ledgerRows(100);
    const { calls, fetchPage } = pager(rows, 10);
    const reader = stream({ format: 'jsonl', head: headOf(rows), fetchPage, pageSize: 10 }).getReader();
    await reader.read(); // header
    await reader.read(); // first page
    await reader.cancel();
    expect(calls.length).toBeLessThanOrEqual(2);
  });
});
