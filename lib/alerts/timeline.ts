/**
 * The history of one alert, read from the audit ledger (system_alert_events): every step the
 * triggers recorded — opened, seen again, cleared, acknowledged, resolved, escalated (a deadline
 * passed), notified (who was told, on which channel), commented (the comment is the note),
 * assigned (from whom to whom), delivery retried (an admin sent a failed notification again),
 * snoozed and unsnoozed, unsilenced (the silence it opened under ended), and the four-eyes steps
 * (resolution requested, countersigned, resolution rejected) — with actor, note and the event's
 * hash, oldest first.
 */
export type TimelineEventKind =
  | 'opened'
  | 'seenAgain'
  | 'cleared'
  | 'acknowledged'
  | 'resolved'
  | 'escalated'
  | 'notified'
  | 'commented'
  | 'assigned'
  | 'deliveryRetried'
  | 'snoozed'
  | 'unsnoozed'
  | 'unsilenced'
  | 'resolutionRequested'
  | 'countersigned'
  | 'resolutionRejected';

/** A `snoozed` or `unsnoozed` event's details: the pause's end, and why an unsnooze happened. */
export type Snooze = { until: string | null; cause: 'ended' | 'expired' | 'severity_worsened' | null };

/**
 * An alert's silence, on its `opened` event (it opened during one: cause null) and on `unsilenced`
 * (the silence ended by hand, or ran its course).
 */
export type Silence = { cause: 'ended' | 'expired' | null };

/** An `assigned` event's details: the names at the time (null: nobody). */
export type Assignment = { fromName: string | null; toName: string | null };

/** An `escalated` event's details: which deadline passed, how long it was, who is told. */
export type Escalation = { level: 'ack' | 'resolve'; deadlineMinutes: number | null; audience: string[] };

/** A `notified` event's details, counted: never an address, only roles and channels. */
export type Notified = { recipients: number; roles: string[]; channels: string[] };

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
  /**
   * Why it was resolved (a resolution reason code, from the event's details; for the four-eyes
   * steps, the reason the request gave); null before reasons existed.
   */
  reason: string | null;
  escalation: Escalation | null;
  notified: Notified | null;
  assignment: Assignment | null;
  snooze: Snooze | null;
  silence: Silence | null;
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

/** An event's details (jsonb text) as an object, or null when absent or unreadable. */
function detailsOf(detailsText: string | null): Record<string, unknown> | null {
  if (!detailsText) return null;
  try {
    const details: unknown = JSON.parse(detailsText);
    return details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The `ack_note` of a resolved event's details, or null. */
function ackNoteOf(details: Record<string, unknown> | null): string | null {
  const note = details?.ack_note;
  return typeof note === 'string' ? note : null;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function escalationOf(details: Record<string, unknown> | null): Escalation | null {
  const level = details?.level;
  if (level !== 'ack' && level !== 'resolve') return null;
  const minutes = details?.deadline_minutes;
  return {
    level,
    deadlineMinutes: typeof minutes === 'number' && Number.isFinite(minutes) ? minutes : null,
    audience: strings(details?.audience),
  };
}

function notifiedOf(details: Record<string, unknown> | null): Notified | null {
  const recipients = Array.isArray(details?.recipients) ? (details.recipients as unknown[]) : [];
  const entries = recipients.filter((entry): entry is Record<string, unknown> => !!entry && typeof entry === 'object');
  const distinct = (key: string) => [...new Set(entries.map((entry) => entry[key]).filter((v): v is string => typeof v === 'string'))];
  return {
    recipients: distinct('recipient_id').length,
    roles: distinct('role').sort(),
    channels: distinct('channel').sort(),
  };
}

/** An `assigned` event's names, from its details (jsonb text): the audit page shows them too. */
export function assignmentFromDetails(detailsText: string | null): Assignment {
  return assignmentOf(detailsOf(detailsText));
}

/** A `resolved` event's reason code, from its details (jsonb text); null before reasons existed. */
export function reasonFromDetails(detailsText: string | null): string | null {
  return reasonOf(detailsOf(detailsText));
}

/** A silence event's check code (silence_created, silence_ended: no alert, the silence in the details). */
export function silenceCheckFromDetails(detailsText: string | null): string | null {
  const code = detailsOf(detailsText)?.check_code;
  return typeof code === 'string' ? code : null;
}

function reasonOf(details: Record<string, unknown> | null): string | null {
  return typeof details?.reason === 'string' ? details.reason : null;
}

function snoozeOf(details: Record<string, unknown> | null): Snooze {
  const cause = details?.cause;
  return {
    until: typeof details?.until === 'string' ? details.until : null,
    cause: cause === 'ended' || cause === 'expired' || cause === 'severity_worsened' ? cause : null,
  };
}

function silenceOf(eventType: string, details: Record<string, unknown> | null): Silence | null {
  if (eventType === 'opened') return typeof details?.silence_id === 'string' ? { cause: null } : null;
  if (eventType !== 'unsilenced') return null;
  return { cause: details?.cause === 'ended' || details?.cause === 'expired' ? details.cause : null };
}

function assignmentOf(details: Record<string, unknown> | null): Assignment {
  const name = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return { fromName: name(details?.from_name), toName: name(details?.to_name) };
}

const KIND: Record<string, TimelineEventKind> = {
  opened: 'opened',
  seen_again: 'seenAgain',
  cleared: 'cleared',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
  escalated: 'escalated',
  notified: 'notified',
  commented: 'commented',
  assigned: 'assigned',
  delivery_retried: 'deliveryRetried',
  snoozed: 'snoozed',
  unsnoozed: 'unsnoozed',
  unsilenced: 'unsilenced',
  resolution_requested: 'resolutionRequested',
  countersigned: 'countersigned',
  resolution_rejected: 'resolutionRejected',
};

/** The events whose details carry a resolution reason. */
const WITH_REASON = new Set(['resolved', 'resolution_requested', 'countersigned', 'resolution_rejected']);

export function timelineFromLedger(rows: LedgerRow[]): TimelineEvent[] {
  return rows
    .filter((row) => row.id != null && row.occurred_at && row.event_type && row.event_type in KIND)
    .map((row) => {
      const details = detailsOf(row.details_text);
      return {
        id: row.id!,
        kind: KIND[row.event_type!]!,
        at: row.occurred_at!,
        actor: row.actor_name,
        note: row.note,
        ackNote: row.event_type === 'resolved' ? ackNoteOf(details) : null,
        whileActive: row.resolved_while_active === true,
        reason: WITH_REASON.has(row.event_type!) ? reasonOf(details) : null,
        escalation: row.event_type === 'escalated' ? escalationOf(details) : null,
        notified: row.event_type === 'notified' ? notifiedOf(details) : null,
        assignment: row.event_type === 'assigned' ? assignmentOf(details) : null,
        snooze: row.event_type === 'snoozed' || row.event_type === 'unsnoozed' ? snoozeOf(details) : null,
        silence: silenceOf(row.event_type!, details),
        hash: row.hash ?? '',
      };
    })
    .sort((a, b) => a.id - b.id);
}
