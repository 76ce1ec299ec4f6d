/**
 * The next deadline an active alert has to meet (DESIGN §2.3c, issue 15): an OPEN alert must be
 * acknowledged, an acknowledged one resolved, each within its severity's time counted from the
 * alert's first detection (public.v_alert_deadlines; the sync escalates what passes it). Pure:
 * shared by the list, the detail and their tests.
 */

/** One row of v_alert_deadlines: minutes, null for "no deadline". */
export type SeverityDeadline = { severity: string | null; ack_minutes: number | null; resolve_minutes: number | null };

export type DeadlineStep = 'ack' | 'resolve';

/** The step to meet next and when it falls due (ISO), or null (resolved, or no deadline). */
export type AlertDeadline = { step: DeadlineStep; dueAt: string };

const MINUTE_MS = 60_000;

export function alertDeadline(
  alert: { status: string | null; severity: string | null; first_seen_at: string | null },
  deadlines: readonly SeverityDeadline[],
): AlertDeadline | null {
  if (!alert.first_seen_at || (alert.status !== 'OPEN' && alert.status !== 'ACK')) return null;
  const deadline = deadlines.find((row) => row.severity === alert.severity);
  if (!deadline) return null;
  const firstSeen = Date.parse(alert.first_seen_at);
  if (Number.isNaN(firstSeen)) return null;
  // An OPEN alert's first duty is to be acknowledged; without such a deadline, its resolution's.
  const step: DeadlineStep | null =
    alert.status === 'OPEN' && deadline.ack_minutes != null ? 'ack' : deadline.resolve_minutes != null ? 'resolve' : null;
  if (!step) return null;
  const minutes = step === 'ack' ? deadline.ack_minutes! : deadline.resolve_minutes!;
  return { step, dueAt: new Date(firstSeen + minutes * MINUTE_MS).toISOString() };
}

/** Seconds from `now` to the deadline: positive while time is left, negative once it is overdue. */
export function secondsLeft(deadline: AlertDeadline, now: number): number {
  return Math.round((Date.parse(deadline.dueAt) - now) / 1000);
}
