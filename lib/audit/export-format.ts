import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { LedgerEvent } from './chain';
import { canonicalJson, manifestSchema, signatureSchema, type SignedManifest } from './manifest.ts';

/**
 * The two export formats of the alert ledger and how to read them back.
 *   JSON Lines (.jsonl): a header line `{"format": "governance-alert-ledger", …}`, then one event per
 *     line with every hashed field in its hashed text form, then the signed manifest's line
 *     `{"manifest": {…}, "signature": "<hex>"}`;
 *   CSV (.csv): a header row, then one event per row (an empty cell is null: the ledger never holds
 *     an empty string, notes are null or non-blank), then the signed manifest as one last row of the
 *     same columns, so csv-parse and spreadsheets read it like any other: `id` is the marker
 *     `manifest`, `details` the manifest's canonical JSON, `hash` the signature, every other cell empty.
 * Both add the actor's name for readers; it is not hashed.
 *
 * IMPORTANT: the manifest is always the file's last line (one physical line: its JSON has no raw
 * line break) and its file_sha256 covers every byte before that line (byte-order mark, header and
 * events included). It is written last because the file's hash is known only once every page has
 * streamed out (manifest.ts says what it holds and how it is signed).
 */
export const EXPORT_FORMAT = 'governance-alert-ledger';
/** 2: the signed manifest as the last line. (1 had none.) */
export const EXPORT_VERSION = 2;
/** The CSV manifest row's `id` cell: never an event id (those are digits). */
export const MANIFEST_ROW_ID = 'manifest';

export const EXPORT_COLUMNS = [
  'id',
  'occurred_at',
  'event_type',
  'alert_id',
  'check_code',
  'actor_id',
  'actor_role',
  'actor_name',
  'from_status',
  'to_status',
  'note',
  'resolved_while_active',
  'details',
  'prev_hash',
  'hash',
] as const;

export type ExportedEvent = LedgerEvent & { actor_name: string | null };

/** A row of v_alert_event_export, as PostgREST returns it. */
export type ExportViewRow = {
  id: number | null;
  alert_id: string | null;
  event_type: string | null;
  check_code: string | null;
  actor_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  resolved_while_active: boolean | null;
  occurred_at_utc: string | null;
  details_text: string | null;
  prev_hash: string | null;
  hash: string | null;
};

export function toExportedEvent(row: ExportViewRow): ExportedEvent {
  return {
    id: row.id ?? 0,
    alert_id: row.alert_id,
    event_type: row.event_type ?? '',
    check_code: row.check_code,
    actor_id: row.actor_id,
    actor_role: row.actor_role,
    actor_name: row.actor_name,
    from_status: row.from_status,
    to_status: row.to_status,
    note: row.note,
    resolved_while_active: row.resolved_while_active,
    occurred_at: row.occurred_at_utc ?? '',
    details: row.details_text,
    prev_hash: row.prev_hash ?? '',
    hash: row.hash ?? '',
  };
}

export function jsonlHeader(meta: { exportedAt: string; filters: Record<string, string> }): string {
  return `${JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported_at: meta.exportedAt,
    filters: meta.filters,
    canonical_form:
      'hash = hex(sha256(utf8(concat of fields as <byte length>:<value>, or -, for null))) over: ' +
      'id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note, ' +
      'resolved_while_active, occurred_at, details, prev_hash',
  })}\n`;
}

export function jsonlLine(event: ExportedEvent): string {
  const ordered = Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, event[column]]));
  return `${JSON.stringify(ordered)}\n`;
}

/**
 * CSV text for a header or rows. A note starting with = + - @ (or a quote) gets a leading quote so a
 * spreadsheet never runs it as a formula (notes are free text); the reader removes it.
 */
export function csvHeader(): string {
  // A UTF-8 byte-order mark first: without it Excel reads the file as the system's code page and
  // garbles every accented letter of the notes and names. Readers skip it (see parseExportStream).
  return `\uFEFF${stringify([EXPORT_COLUMNS as unknown as string[]])}`;
}

export function csvRows(events: ExportedEvent[]): string {
  return stringify(
    events.map((event) =>
      EXPORT_COLUMNS.map((column) => {
        const value = event[column];
        if (value === null) return '';
        const text = String(value);
        return column === 'note' && /^[=+\-@\t\r']/.test(text) ? `'${text}` : text;
      }),
    ),
  );
}

/** The manifest's line, last in the file. */
export function manifestTrailer(format: 'jsonl' | 'csv', { manifest, signature }: SignedManifest): string {
  if (format === 'jsonl') return `{"manifest":${canonicalJson(manifest)},"signature":"${signature}"}\n`;
  const cells: Record<string, string> = { id: MANIFEST_ROW_ID, details: canonicalJson(manifest), hash: signature };
  return stringify([EXPORT_COLUMNS.map((column) => cells[column] ?? '')]);
}

const jsonlTrailerSchema = z.strictObject({ manifest: manifestSchema, signature: signatureSchema });

/** The last line of an export read back as its signed manifest, or why it is not one. */
export function parseManifestTrailer(
  line: string,
  format: 'jsonl' | 'csv',
): { ok: true; value: SignedManifest } | { ok: false; reason: string } {
  try {
    if (format === 'jsonl') {
      const parsed = jsonlTrailerSchema.safeParse(JSON.parse(line));
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'its last line is not a signed manifest' };
    }
    const [cells, ...more] = parseSync(line) as string[][];
    if (!cells || more.length > 0 || cells.length !== EXPORT_COLUMNS.length || cells[0] !== MANIFEST_ROW_ID) {
      return { ok: false, reason: `its last row is not a manifest row (id "${MANIFEST_ROW_ID}")` };
    }
    const cell = (column: (typeof EXPORT_COLUMNS)[number]) => cells[EXPORT_COLUMNS.indexOf(column)] ?? '';
    const others = EXPORT_COLUMNS.filter((column) => !['id', 'details', 'hash'].includes(column));
    const manifest = manifestSchema.safeParse(JSON.parse(cell('details')));
    const signature = signatureSchema.safeParse(cell('hash'));
    if (!manifest.success || !signature.success || others.some((column) => cell(column) !== '')) {
      return { ok: false, reason: 'its manifest row does not hold a manifest and its signature' };
    }
    return { ok: true, value: { manifest: manifest.data, signature: signature.data } };
  } catch {
    return { ok: false, reason: `its last ${format === 'csv' ? 'row' : 'line'} is not a signed manifest` };
  }
}

function fromRecord(record: Record<string, string | boolean | number | null>): LedgerEvent {
  const text = (key: string) => {
    const value = record[key];
    return value === undefined || value === null || value === '' ? null : String(value);
  };
  const note = text('note');
  const rwa = record.resolved_while_active;
  return {
    id: String(record.id),
    alert_id: text('alert_id'),
    event_type: text('event_type') ?? '',
    check_code: text('check_code'),
    actor_id: text('actor_id'),
    actor_role: text('actor_role'),
    from_status: text('from_status'),
    to_status: text('to_status'),
    // Undo the spreadsheet guard added on export.
    note: note?.startsWith("'") ? note.slice(1) : note,
    resolved_while_active: rwa === true || rwa === 'true' ? true : rwa === false || rwa === 'false' ? false : null,
    occurred_at: text('occurred_at') ?? '',
    details: text('details'),
    prev_hash: text('prev_hash') ?? '',
    hash: text('hash') ?? '',
  };
}

/** A parsed event's id must be an event id: a manifest row (or anything else) before the end is an error. */
function checkedEvent(event: LedgerEvent, where: string): LedgerEvent {
  if (/^[1-9]\d*$/.test(String(event.id))) return event;
  if (event.id === MANIFEST_ROW_ID) throw new Error(`${where}: a manifest before the end of the file`);
  throw new Error(`${where}: "${event.id}" is not an event id`);
}

/**
 * Reads an export's events back, one at a time (never the whole file in memory). Give it the bytes
 * before the manifest's line (verify-export.ts splits them off).
 */
export async function* parseExportStream(input: Readable, format: 'jsonl' | 'csv'): AsyncGenerator<LedgerEvent> {
  if (format === 'csv') {
    let recordNumber = 0;
    for await (const record of input.pipe(parse({ bom: true, columns: true, relax_column_count: false }))) {
      recordNumber += 1;
      yield checkedEvent(fromRecord(record as Record<string, string>), `row ${recordNumber + 1}`);
    }
    return;
  }
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let record: Record<string, string | boolean | number | null>;
    try {
      record = JSON.parse(line);
    } catch {
      throw new Error(`line ${lineNumber} is not JSON`);
    }
    if ('format' in record) {
      if (record.format !== EXPORT_FORMAT) throw new Error(`line ${lineNumber}: not a ${EXPORT_FORMAT} export`);
      continue;
    }
    if ('manifest' in record) throw new Error(`line ${lineNumber}: a manifest before the end of the file`);
    yield checkedEvent(fromRecord(record), `line ${lineNumber}`);
  }
}
