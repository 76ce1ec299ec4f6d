import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createChainVerifier, GENESIS_HASH, type ChainReport } from './chain.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, parseExportStream, parseManifestTrailer } from './export-format.ts';
import { checkSignature, type ExportManifest, type SignatureStatus } from './manifest.ts';
import { parsePublicKey } from './signing-key.ts';

/**
 * Offline verification of an audit export (`npm run audit:verify`), without the database. An export
 * verifies only when all of these hold:
 *   - its last line is a manifest (manifest.ts) whose Ed25519 signature checks with a public key the
 *     reviewer trusts (the console's: audit page, or GET /api/audit/public-key);
 *   - the SHA-256 of every byte before that line is the manifest's file_sha256;
 *   - the events read are as many as row_count, from first_id to last_id, none after the head;
 *   - every event's hash matches its content, and consecutive ids link (chain.ts);
 *   - for the whole ledger (no filters): every event links to the one before it, ids apart or not
 *     (nothing is missing between the first and the last), the first starts the chain, and the last
 *     is the head the manifest names.
 * IMPORTANT: an id gap whose link holds is a warning, not a failure. The ledger's ids come from a
 * sequence, and a transaction that rolls back after sealing an event (a failed sync, say, or the
 * benchmark's rolled-back syncs) burns its ids for good: the chain stays whole and the database's own
 * check says so. The same trace would be left by events deleted in the database and the chain
 * recomputed after them — which a later export can only show against a head an earlier one named.
 * Two passes over the file, each streaming (never the whole file in memory): the first hashes every
 * byte but the last line and keeps that line; the second reads the events before it. Without a
 * manifest nothing else is checked: a chain that holds would prove nothing about what is missing.
 */
export type ExportFileFormat = 'jsonl' | 'csv';

export type { SignatureStatus } from './manifest.ts';

export type ExportVerification = {
  ok: boolean;
  events: number;
  chain: ChainReport;
  manifest: ExportManifest | null;
  signature: SignatureStatus;
  /** Each one fails the verification (besides a broken chain and a signature not valid). */
  problems: string[];
  warnings: string[];
};

/** The file's bytes, from the start, up to `byteLimit` bytes when given. */
export type OpenExport = (byteLimit?: number) => AsyncIterable<Uint8Array>;

/** The SHA-256 of every byte before the last line, and that line (without its line break). */
export async function splitLastLine(
  input: AsyncIterable<Uint8Array>,
): Promise<{ bodyBytes: number; bodySha256: string; lastLine: string }> {
  const hash = createHash('sha256');
  let bodyBytes = 0;
  let held: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const data = held.length > 0 ? Buffer.concat([held, chunk]) : Buffer.from(chunk);
    // A line break that is not the data's final byte ends a line that is certainly not the last one.
    const boundary = data.length >= 2 ? data.lastIndexOf(0x0a, data.length - 2) : -1;
    if (boundary >= 0) {
      hash.update(data.subarray(0, boundary + 1));
      bodyBytes += boundary + 1;
      held = data.subarray(boundary + 1);
    } else {
      held = data;
    }
  }
  const last = held.at(-1) === 0x0a ? held.subarray(0, -1) : held;
  return { bodyBytes, bodySha256: hash.digest('hex'), lastLine: last.toString('utf8') };
}

type Gap = { after: bigint; next: bigint };

/** "event #6 is" / "events #4 to #5 are": the ids between two events. */
function missing({ after, next }: Gap): string {
  return next - after === 2n ? `event #${after + 1n} is` : `events #${after + 1n} to #${next - 1n} are`;
}

function isWholeLedger(manifest: ExportManifest): boolean {
  return Object.keys(manifest.filters).length === 0;
}

export async function verifyExport(
  open: OpenExport,
  { format, publicKey }: { format: ExportFileFormat; publicKey: KeyObject | null },
): Promise<ExportVerification> {
  const scan = await splitLastLine(open());
  const trailer = parseManifestTrailer(scan.lastLine, format);
  const chain = createChainVerifier();
  if (!trailer.ok) {
    const problem = `no manifest: ${trailer.reason}; the file was cut short, edited, or made before exports were signed, so nothing proves that no event was removed`;
    return { ok: false, events: 0, chain: chain.result(), manifest: null, signature: 'absent', problems: [problem], warnings: [] };
  }

  const problems: string[] = [];
  const warnings: string[] = [];
  let events = 0;
  let first: { id: bigint; prevHash: string } | null = null;
  let last: { id: bigint; hash: string } | null = null;
  // Ids apart: the first such pair whose link fails, and those whose link holds (see IMPORTANT above).
  let unlinkedGap: Gap | null = null;
  let linkedGap: Gap | null = null;
  let linkedGaps = 0;
  if (scan.bodyBytes > 0) {
    for await (const event of parseExportStream(Readable.from(open(scan.bodyBytes)), format)) {
      const id = BigInt(event.id);
      events += 1;
      first ??= { id, prevHash: event.prev_hash };
      if (last && id > last.id + 1n) {
        if (event.prev_hash === last.hash) {
          linkedGap ??= { after: last.id, next: id };
          linkedGaps += 1;
        } else {
          unlinkedGap ??= { after: last.id, next: id };
        }
      }
      last = { id, hash: event.hash };
      // Past a broken row the chain is no longer checked; the rows are still counted for the manifest.
      chain.add(event);
    }
  }

  const { manifest } = trailer.value;
  if (manifest.format !== EXPORT_FORMAT || manifest.version !== EXPORT_VERSION) {
    problems.push(`the manifest is for ${manifest.format} version ${manifest.version}, not ${EXPORT_FORMAT} version ${EXPORT_VERSION}`);
  }
  if (manifest.file_sha256 !== scan.bodySha256) {
    problems.push(
      `the file's SHA-256 ${scan.bodySha256} is not the manifest's ${manifest.file_sha256}: bytes were changed, added or removed after the console wrote it`,
    );
  }
  if (manifest.row_count !== events) problems.push(`the manifest counts ${manifest.row_count} events, the file holds ${events}`);
  const idText = (id: bigint | number | null | undefined) => (id == null ? 'none' : `#${id}`);
  if (String(manifest.first_id) !== String(first?.id ?? null) || String(manifest.last_id) !== String(last?.id ?? null)) {
    problems.push(
      `the manifest covers events ${idText(manifest.first_id)} to ${idText(manifest.last_id)}, the file holds ${idText(first?.id)} to ${idText(last?.id)}`,
    );
  }
  if (manifest.head === null ? events > 0 : last !== null && last.id > BigInt(manifest.head.id)) {
    problems.push(`the file holds events after the chain's head at export (${idText(manifest.head?.id)})`);
  }

  if (isWholeLedger(manifest)) {
    if (unlinkedGap) {
      problems.push(
        `the whole ledger was exported, yet event #${unlinkedGap.next} does not link to #${unlinkedGap.after} before it: ${missing(unlinkedGap)} missing`,
      );
    }
    if (linkedGap) {
      warnings.push(
        `${missing(linkedGap)} absent, yet #${linkedGap.next} links to #${linkedGap.after}` +
          (linkedGaps > 1 ? ` (and ${linkedGaps - 1} more such gap${linkedGaps > 2 ? 's' : ''})` : '') +
          ': a transaction that rolled back leaves such a gap, its ids never reused; so would events deleted in the database ' +
          'with the chain recomputed after them, which shows only against the head an earlier export named',
      );
    }
    if (first && first.prevHash !== GENESIS_HASH) {
      problems.push(
        `the whole ledger was exported, yet its first event #${first.id} does not start the chain (its prev_hash is not ${GENESIS_HASH})`,
      );
    }
    if (manifest.head && (last?.id !== BigInt(manifest.head.id) || last.hash !== manifest.head.hash)) {
      problems.push(
        `the whole ledger was exported, yet its last event (${idText(last?.id)}) is not the chain's head at export, #${manifest.head.id} ${manifest.head.hash}`,
      );
    }
  } else {
    warnings.push(
      'a filtered export: events between its first and last are left out by design, so only the signed count vouches that none was removed',
    );
  }

  const signature = checkSignature(manifest.key_fingerprint, trailer.value, publicKey, problems, warnings);

  const result = chain.result();
  return {
    ok: result.valid && problems.length === 0 && signature === 'valid',
    events,
    chain: result,
    manifest,
    signature,
    problems,
    warnings,
  };
}

/** An export on disk; its format from its extension. */
export function verifyExportFile(file: string, publicKey: KeyObject | null): Promise<ExportVerification> {
  const open: OpenExport = (byteLimit) =>
    byteLimit === undefined ? createReadStream(file) : createReadStream(file, { start: 0, end: byteLimit - 1 });
  return verifyExport(open, { format: file.endsWith('.csv') ? 'csv' : 'jsonl', publicKey });
}

/**
 * The reviewer's trusted key, as given to --public-key or AUDIT_PUBLIC_KEY: a PEM, the base64 of the
 * SPKI DER, or the path of a file holding either (or the JSON of GET /api/audit/public-key).
 */
export function readTrustedPublicKey(value: string): KeyObject {
  if (value.includes('-----BEGIN') || !existsSync(value)) return parsePublicKey(value);
  const text = readFileSync(value, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const json = JSON.parse(text) as { public_key_pem?: unknown };
    if (typeof json.public_key_pem === 'string') return parsePublicKey(json.public_key_pem);
  }
  return parsePublicKey(text);
}

export const KEY_HELP =
  'Get the console\'s public key from the audit page ("Clé de signature des exports") or GET /api/audit/public-key, ' +
  'then run: npm run audit:verify -- <file> --public-key <PEM file> (or set AUDIT_PUBLIC_KEY).';

/** The verdict as the CLI prints it: one line per finding, `OK:` only when everything holds. */
export function formatVerification(report: ExportVerification): string[] {
  const lines: string[] = [];
  const { chain, manifest } = report;
  if (!chain.valid) lines.push(`BROKEN at event ${chain.firstBrokenId}: ${chain.reason} (${chain.checked} events read).`);
  for (const problem of report.problems) lines.push(`BROKEN: ${problem}.`);
  if (report.signature === 'unchecked') {
    lines.push(`UNVERIFIED: the manifest's signature could not be checked: no trusted public key was given. ${KEY_HELP}`);
  }
  for (const warning of report.warnings) lines.push(`WARNING: ${warning}.`);
  if (report.ok && manifest) {
    const head = manifest.head ? `#${manifest.head.id} ${manifest.head.hash}` : 'none (empty ledger)';
    const scope = isWholeLedger(manifest)
      ? `the whole ledger, one unbroken chain from its first event to the head ${head}`
      : `filters ${JSON.stringify(manifest.filters)}, chain head at export ${head}`;
    lines.unshift(
      `OK: ${report.events} events verified; manifest signed by key ${manifest.key_fingerprint}, exported ${manifest.exported_at}: ${scope}; ` +
        `the export hangs on the chain at prev_hash ${chain.anchor ?? '—'}.`,
    );
  }
  return lines;
}
