import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { localAuditSigningKey } from '../../supabase/local/config.mjs';
import {
  csvHeader,
  csvRows,
  jsonlHeader,
  jsonlLine,
  manifestTrailer,
  parseManifestTrailer,
  toExportedEvent,
  type ExportViewRow,
} from './export-format';
import { signManifest, type SignedManifest } from './manifest';
import { LOCAL_SIGNING_KEY_FINGERPRINT, parseSigningKey } from './signing-key';
import { exportFile, headOf, ledgerRows, newSigningKey, openBuffer, rechain } from './test-ledger';
import { formatVerification, splitLastLine, verifyExport, type ExportVerification } from './verify-export';

const FORMATS = ['jsonl', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const consoleKey = newSigningKey();
const attackerKey = newSigningKey();
const rows = ledgerRows(12);
const periodFilters = { from: '2026-11-01', to: '2026-11-25', time_zone: 'Africa/Abidjan' };

function verify(file: Buffer, format: Format, publicKey = consoleKey.publicKey): Promise<ExportVerification> {
  return verifyExport(openBuffer(file), { format, publicKey });
}

/** The bytes before the manifest, written as the console writes them, for rows an attacker chose. */
function body(format: Format, chosen: ExportViewRow[], filters: Record<string, string> = {}): Buffer {
  const events = chosen.map(toExportedEvent);
  return Buffer.from(
    format === 'jsonl'
      ? jsonlHeader({ exportedAt: '2026-11-25T17:00:00.000Z', filters }) + events.map(jsonlLine).join('')
      : csvHeader() + csvRows(events),
  );
}

async function lastLineOf(file: Buffer): Promise<string> {
  return (await splitLastLine(openBuffer(file)())).lastLine;
}

async function signedManifestOf(file: Buffer, format: Format): Promise<SignedManifest> {
  const trailer = parseManifestTrailer(await lastLineOf(file), format);
  if (!trailer.ok) throw new Error(trailer.reason);
  return trailer.value;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(FORMATS)('verifyExport (%s)', (format) => {
  it('accepts the whole ledger as the console wrote it', async () => {
    const file = await exportFile({ format, rows, signingKey: consoleKey });
    const report = await verify(file, format);
    expect(report).toMatchObject({ ok: true, events: 12, signature: 'valid', problems: [], warnings: [] });
    expect(formatVerification(report)[0]).toMatch(
      new RegExp(
        `^OK: 12 events verified; manifest signed by key ${consoleKey.fingerprint}.*the whole ledger, one unbroken chain from its first event to the head #12 `,
      ),
    );
  });

  it('refuses a copy with one event deleted', async () => {
    const file = await exportFile({ format, rows, signingKey: consoleKey });
    const copy = Buffer.concat([
      body(
        format,
        rows.filter((row) => row.id !== 6),
      ),
      Buffer.from(`${await lastLineOf(file)}\n`),
    ]);
    const report = await verify(copy, format);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("the file's SHA-256"),
        'the manifest counts 12 events, the file holds 11',
        'the whole ledger was exported, yet event #7 does not link to #5 before it: event #6 is missing',
      ]),
    );
  });

  it('refuses a rewritten note with every later hash recomputed (the chain alone would pass)', async () => {
    const file = await exportFile({ format, rows, signingKey: consoleKey });
    const rewritten = rechain(rows.map((row) => (row.id === 6 ? { ...row, note: 'Tout va bien' } : row)));
    const report = await verify(Buffer.concat([body(format, rewritten), Buffer.from(`${await lastLineOf(file)}\n`)]), format);
    expect(report.chain.valid).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringContaining("the file's SHA-256"),
      // Re-chaining changes every later hash, the head's included.
      expect.stringMatching(/its last event \(#12\) is not the chain's head at export, #12 /),
    ]);
    // Deleting a row and re-chaining the rest: the count and the ids give it away too.
    const shortened = rechain(rows.filter((row) => row.id !== 6).map((row, index) => ({ ...row, id: index + 1 })));
    const renumbered = await verify(Buffer.concat([body(format, shortened), Buffer.from(`${await lastLineOf(file)}\n`)]), format);
    expect(renumbered.chain.valid).toBe(true);
    expect(renumbered.problems).toEqual(
      expect.arrayContaining([
        'the manifest counts 12 events, the file holds 11',
        expect.stringContaining("its last event (#11) is not the chain's head at export, #12"),
      ]),
    );
  });

  it('refuses a manifest edited to match, unless re-signed — and a re-signature with another key', async () => {
    const file = await exportFile({ format, rows, signingKey: consoleKey });
    const { manifest: original, signature } = await signedManifestOf(file, format);
    const forgedRows = rechain(rows.map((row) => (row.id === 6 ? { ...row, note: 'Tout va bien' } : row)));
    const forgedBody = body(format, forgedRows);
    const forged = { ...original, file_sha256: sha256(forgedBody), head: headOf(forgedRows) };

    const edited = await verify(
      Buffer.concat([forgedBody, Buffer.from(manifestTrailer(format, { manifest: forged, signature }))]),
      format,
    );
    expect(edited.signature).toBe('invalid');
    expect(edited.problems).toEqual(["the manifest's signature does not match it: the manifest was edited after signing"]);

    const resigned = signManifest({ ...forged, key_fingerprint: attackerKey.fingerprint }, attackerKey.privateKey);
    const other = await verify(Buffer.concat([forgedBody, Buffer.from(manifestTrailer(format, resigned))]), format);
    expect(other).toMatchObject({ ok: false, signature: 'invalid' });
    expect(other.problems).toEqual([
      `the manifest names the signing key ${attackerKey.fingerprint}, not the trusted key ${consoleKey.fingerprint}: it was signed by someone else`,
    ]);
    // The forger's file verifies with the forger's key: the reviewer must trust the console's key, not the file's.
    expect(
      (await verify(Buffer.concat([forgedBody, Buffer.from(manifestTrailer(format, resigned))]), format, attackerKey.publicKey)).ok,
    ).toBe(true);
  });

  it('refuses a file cut short anywhere, and one with a line added after the manifest', async () => {
    const file = await exportFile({ format, rows: rows.slice(0, 3), signingKey: consoleKey });
    for (let length = 0; length < file.length - 1; length += 1) {
      const report = await verify(file.subarray(0, length), format);
      expect(report.ok, `cut at byte ${length}`).toBe(false);
      expect(report.signature).toBe('absent');
      expect(report.problems[0]).toMatch(/^no manifest: /);
    }
    // Only the final line break gone: every byte the manifest covers is still there.
    expect((await verify(file.subarray(0, file.length - 1), format)).ok).toBe(true);

    const appended = Buffer.concat([file, body(format, rows.slice(3, 4)).subarray(body(format, []).length)]);
    expect((await verify(appended, format)).problems[0]).toMatch(/^no manifest: /);
  });

  it('says the signature could not be checked without a trusted key, and never OK', async () => {
    const file = await exportFile({ format, rows, signingKey: consoleKey });
    const report = await verifyExport(openBuffer(file), { format, publicKey: null });
    expect(report).toMatchObject({ ok: false, signature: 'unchecked', problems: [] });
    const lines = formatVerification(report);
    expect(lines.some((line) => line.startsWith('OK'))).toBe(false);
    expect(lines).toContainEqual(expect.stringMatching(/^UNVERIFIED: .*audit page.*\/api\/audit\/public-key/));
  });

  it('refuses the whole ledger with an event missing in the database itself, or not starting the chain, or short of the head', async () => {
    // Rows deleted from the database, then exported and honestly signed: the chain no longer links.
    const holed = rows.filter((row) => row.id !== 4 && row.id !== 5);
    const report = await verify(await exportFile({ format, rows: holed, signingKey: consoleKey }), format);
    expect(report).toMatchObject({ signature: 'valid', ok: false });
    expect(report.problems).toEqual([
      'the whole ledger was exported, yet event #6 does not link to #3 before it: events #4 to #5 are missing',
    ]);

    const late = await verify(await exportFile({ format, rows: rows.slice(2), signingKey: consoleKey }), format);
    expect(late.problems).toEqual([expect.stringMatching(/its first event #3 does not start the chain/)]);

    const short = await verify(await exportFile({ format, rows: rows.slice(0, 8), head: headOf(rows), signingKey: consoleKey }), format);
    expect(short.problems).toEqual([expect.stringMatching(/its last event \(#8\) is not the chain's head at export, #12/)]);
  });

  it('accepts ids a rolled-back transaction burnt (the chain links across them), with a warning', async () => {
    const burnt = rechain(rows.filter((row) => row.id !== 4 && row.id !== 5 && row.id !== 9));
    const report = await verify(await exportFile({ format, rows: burnt, signingKey: consoleKey }), format);
    expect(report).toMatchObject({ ok: true, events: 9, problems: [] });
    expect(report.warnings).toEqual([
      expect.stringMatching(/^events #4 to #5 are absent, yet #6 links to #3 \(and 1 more such gap\): a transaction that rolled back/),
    ]);
  });

  it('accepts a filtered export with gaps between its events, and an empty ledger', async () => {
    const filtered = rows.filter((row) => row.event_type === 'acknowledged');
    const report = await verify(
      await exportFile({ format, rows: filtered, head: headOf(rows), filters: periodFilters, signingKey: consoleKey }),
      format,
    );
    expect(report).toMatchObject({ ok: true, events: 4 });
    expect(report.warnings).toEqual([expect.stringContaining('a filtered export')]);
    expect(formatVerification(report)[0]).toContain('chain head at export #12');

    const empty = await verify(await exportFile({ format, rows: [], signingKey: consoleKey }), format);
    expect(empty).toMatchObject({ ok: true, events: 0 });
    expect(formatVerification(empty)[0]).toContain('none (empty ledger)');
  });

  it('warns that the local stack’s well-known key proves nothing', async () => {
    const localKey = parseSigningKey(localAuditSigningKey);
    expect(localKey.fingerprint).toBe(LOCAL_SIGNING_KEY_FINGERPRINT);
    const report = await verify(await exportFile({ format, rows, signingKey: localKey }), format, localKey.publicKey);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([expect.stringContaining("the local stack's well-known key")]);
  });
});

describe('the CSV export', () => {
  it('stays one table that csv-parse (and a spreadsheet) reads whole, the manifest as its last row', async () => {
    const file = await exportFile({ format: 'csv', rows, signingKey: consoleKey });
    const records = parse(file, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(13);
    const manifestRow = records.at(-1)!;
    expect(manifestRow.id).toBe('manifest');
    expect(JSON.parse(manifestRow.details!)).toMatchObject({ row_count: 12, key_fingerprint: consoleKey.fingerprint });
    expect(manifestRow.hash).toMatch(/^[0-9a-f]{128}$/);
    expect(Object.entries(manifestRow).filter(([column, value]) => value !== '' && !['id', 'details', 'hash'].includes(column))).toEqual(
      [],
    );
  });

  it('refuses a copy with one record removed from the file itself', async () => {
    const file = await exportFile({ format: 'csv', rows, signingKey: consoleKey });
    // Event 7's note spans two lines: its record is removed whole.
    const records = parse(file, { bom: true, raw: true, columns: true }) as { record: { id: string }; raw: string }[];
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const header = file.subarray(bom.length, file.indexOf(0x0a) + 1);
    const copy = Buffer.concat([bom, header, ...records.filter(({ record }) => record.id !== '7').map(({ raw }) => Buffer.from(raw))]);
    const report = await verify(copy, 'csv');
    expect(report.ok).toBe(false);
    expect(report.problems).toContain('the whole ledger was exported, yet event #8 does not link to #6 before it: event #7 is missing');
  });
});
