/**
 * The history of one alert, read from the audit ledger (system_alert_events): every step the
 * triggers recorded — opened, seen again, cleared, acknowledged, resolved — with actor, note and
 * the event's hash, oldest first.
 */
export type TimelineEventKind = 'opened' | 'seenAgain' | 'cleared' | 'acknowledged' | 'resolved';

export type TimelineEvent = {
  id: number;
  kind: TimelineEventKind;
  at: string;
  actor: string | null;
  note: string | null;
  /** The acknowledgement note given while resolving straight from OPEN (in the event's details). */
  ackNote: string | null;
  /** Resolved while the condition was still detected (an explicit "resolve anyway"). */
  whileActive: boolean;
  hash: string;
};

/** A row of v_alert_event_export, as far as the timeline needs it. */
export type LedgerRow = {
  id: number | null;
  event_type: string | null;
  occurred_at: string | null;
  actor_name: string | null;
  actor_role: string | null;
  note: string | null;
  resolved_while_active: boolean | null;
  details_text: string | null;
  hash: string | null;
};

/** The `ack_note` of a resolved event's details (jsonb text), or null. */
function ackNoteOf(detailsText: string | null): string | null {
  if (!detailsText) return null;
  try {
    const note = (JSON.parse(detailsText) as { ack_note?: unknown } | null)?.ack_note;
    return typeof note === 'string' ? note : null;
  } catch {
    return null;
  }
}

const KIND: Record<string, TimelineEventKind> = {
  opened: 'opened',
  seen_again: 'seenAgain',
  cleared: 'cleared',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
};

export function timelineFromLedger(rows: LedgerRow[]): TimelineEvent[] {
  return rows
    .filter((row) => row.id != null && row.occurred_at && row.event_type && row.event_type in KIND)
    .map((row) => ({
      id: row.id!,
      kind: KIND[row.event_type!]!,
      at: row.occurred_at!,
      actor: row.actor_name,
      note: row.note,
      ackNote: row.event_type === 'resolved' ? ackNoteOf(row.details_text) : null,
      whileActive: row.resolved_while_active === true,
      hash: row.hash ?? '',
    }))
    .sort((a, b) => a.id - b.id);
}
