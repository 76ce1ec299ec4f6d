import { createHash } from 'node:crypto';

/**
 * The alert ledger's hash chain, recomputed outside the database — by the export verifier
 * (`npm run audit:verify -- <file>`) and the tests. It mirrors private.alert_event_hash in
 * supabase/migrations/20261125120000_create_alert_ledger.sql:
 *
 *   hash = hex(SHA-256(UTF-8(canonical form)))
 *   canonical form = the 13 fields below, in order, each as `<UTF-8 byte length>:<value>,`
 *                    or `-,` for null
 *   id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
 *   resolved_while_active (true/false), occurred_at (UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ),
 *   details (the jsonb text as PostgreSQL prints it), prev_hash
 *
 * Exports carry every field in exactly that text form, so nothing needs re-formatting.
 */
export type LedgerEvent = {
  id: number | string;
  /** Null for an event that concerns no alert: a settings change, a retried digest. */
  alert_id: string | null;
  event_type: string;
  check_code: string | null;
  actor_id: string | null;
  actor_role: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  resolved_while_active: boolean | null;
  /** UTC with microseconds: 2026-11-25T17:17:18.332147Z */
  occurred_at: string;
  /** The jsonb as PostgreSQL prints it (`{"a": 1}`), or null. */
  details: string | null;
  prev_hash: string;
  hash: string;
};

export const GENESIS_HASH = '0'.repeat(64);

function field(value: string | null): string {
  return value === null ? '-,' : `${Buffer.byteLength(value, 'utf8')}:${value},`;
}

export function canonicalForm(event: LedgerEvent): string {
  return [
    String(event.id),
    event.alert_id,
    event.event_type,
    event.check_code,
    event.actor_id,
    event.actor_role,
    event.from_status,
    event.to_status,
    event.note,
    event.resolved_while_active === null ? null : String(event.resolved_while_active),
    event.occurred_at,
    event.details,
    event.prev_hash,
  ]
    .map(field)
    .join('');
}

export function eventHash(event: LedgerEvent): string {
  return createHash('sha256').update(canonicalForm(event), 'utf8').digest('hex');
}

export type ChainReport = {
  valid: boolean;
  checked: number;
  firstBrokenId: string | null;
  reason: string | null;
  /** The prev_hash of the first row: where this export hangs on the full chain. */
  anchor: string | null;
};

/**
 * Verifies events in id order: each row's hash must match its content, and where two rows are
 * consecutive (id n and n + 1) the second's prev_hash must be the first's hash. An export of a
 * period is one unbroken stretch of the chain; an export filtered by actor or check is verified
 * row by row, its links checked wherever the rows are consecutive.
 */
export function verifyEvents(events: Iterable<LedgerEvent>): ChainReport {
  const report = createChainVerifier();
  for (const event of events) {
    if (!report.add(event)) break;
  }
  return report.result();
}

/** The same, one event at a time, for streams that never fit in memory. */
export function createChainVerifier() {
  let checked = 0;
  let previous: { id: bigint; hash: string } | null = null;
  let anchor: string | null = null;
  let broken: { id: string; reason: string } | null = null;

  return {
    /** Returns false once the chain is broken (later rows are not checked). */
    add(event: LedgerEvent): boolean {
      if (broken) return false;
      checked += 1;
      const id = BigInt(event.id);
      if (previous === null) anchor = event.prev_hash;
      if (previous && id <= previous.id) {
        broken = { id: String(event.id), reason: 'rows are not in increasing id order' };
      } else if (previous && id === previous.id + 1n && event.prev_hash !== previous.hash) {
        broken = { id: String(event.id), reason: "prev_hash does not match the previous row's hash" };
      } else if (eventHash(event) !== event.hash) {
        broken = { id: String(event.id), reason: "hash does not match the row's content" };
      }
      previous = { id, hash: event.hash };
      return broken === null;
    },
    result(): ChainReport {
      return {
        valid: broken === null,
        checked,
        firstBrokenId: broken?.id ?? null,
        reason: broken?.reason ?? null,
        anchor,
      };
    },
  };
}
