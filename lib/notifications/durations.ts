/**
 * Deadlines as people read and type them: minutes in the database (v_alert_deadlines,
 * set_alert_deadline), « 15 min », « 24 h », « 7 j » on the page. Pure: shared by server and browser.
 */

export const DURATION_UNITS = ['min', 'h', 'd'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const MINUTES_PER_UNIT: Record<DurationUnit, number> = { min: 1, h: 60, d: 24 * 60 };

/** The database's limits (set_alert_deadline): 1 min to 90 days to acknowledge, to 365 days to resolve. */
export const ACK_MAX_MINUTES = 90 * 24 * 60;
export const RESOLVE_MAX_MINUTES = 365 * 24 * 60;

/** The unit abbreviations and the word for "no deadline", in the viewer's language. */
export type DurationLabels = { none: string; min: string; h: string; d: string };

/** Below two days a duration reads in hours (« 24 h », « 36 h »); from two days up, in days (« 7 j »). */
const DAYS_FROM_MINUTES = 2 * MINUTES_PER_UNIT.d;

/**
 * « 15 min », « 24 h », « 7 j », « 1 h 30 min », « aucun » (null: no deadline): the largest units
 * that hold the duration exactly, days only from two days up. The number and its unit never break
 * apart (a no-break space).
 */
export function formatDuration(minutes: number | null | undefined, labels: DurationLabels): string {
  if (minutes == null) return labels.none;
  const days = minutes >= DAYS_FROM_MINUTES ? Math.floor(minutes / MINUTES_PER_UNIT.d) : 0;
  const hours = Math.floor((minutes - days * MINUTES_PER_UNIT.d) / MINUTES_PER_UNIT.h);
  const rest = minutes % MINUTES_PER_UNIT.h;
  const parts: string[] = [];
  if (days) parts.push(`${days}\u00a0${labels.d}`);
  if (hours) parts.push(`${hours}\u00a0${labels.h}`);
  if (rest || parts.length === 0) parts.push(`${rest}\u00a0${labels.min}`);
  return parts.join(' ');
}

/** A duration as one number and unit for an edit field, read as formatDuration reads it: 1440 → 24 h, 10080 → 7 d, 90 → 90 min. */
export function splitDuration(minutes: number | null | undefined): { value: string; unit: DurationUnit } {
  if (minutes == null) return { value: '', unit: 'h' };
  if (minutes >= DAYS_FROM_MINUTES && minutes % MINUTES_PER_UNIT.d === 0)
    return { value: String(minutes / MINUTES_PER_UNIT.d), unit: 'd' };
  if (minutes > 0 && minutes % MINUTES_PER_UNIT.h === 0) return { value: String(minutes / MINUTES_PER_UNIT.h), unit: 'h' };
  return { value: String(minutes), unit: 'min' };
}

/**
 * What was typed, in minutes: null for an empty field (no deadline), `'invalid'` for anything that
 * is not a positive number giving whole minutes (« 1,5 » h is 90 min; « 0,3 » min is not).
 */
export function parseDuration(value: string, unit: DurationUnit): number | null | 'invalid' {
  const text = value.trim().replace(',', '.');
  if (text === '') return null;
  if (!/^\d{1,7}(\.\d{1,4})?$/.test(text)) return 'invalid';
  const minutes = Number(text) * MINUTES_PER_UNIT[unit];
  const rounded = Math.round(minutes);
  if (Math.abs(minutes - rounded) > 1e-9 || rounded < 1) return 'invalid';
  return rounded;
}

export type DeadlineIssue = 'ackInvalid' | 'resolveInvalid' | 'resolveBeforeAck';

/** The database's rules for one severity's pair of deadlines (null: none); the first broken, per field. */
export function deadlineIssues(
  ack: number | null | 'invalid',
  resolve: number | null | 'invalid',
): { ack?: DeadlineIssue; resolve?: DeadlineIssue } {
  const issues: { ack?: DeadlineIssue; resolve?: DeadlineIssue } = {};
  if (ack === 'invalid' || (ack !== null && (!Number.isInteger(ack) || ack < 1 || ack > ACK_MAX_MINUTES))) issues.ack = 'ackInvalid';
  if (resolve === 'invalid' || (resolve !== null && (!Number.isInteger(resolve) || resolve < 1 || resolve > RESOLVE_MAX_MINUTES))) {
    issues.resolve = 'resolveInvalid';
  } else if (typeof ack === 'number' && !issues.ack && resolve !== null && resolve < ack) {
    issues.resolve = 'resolveBeforeAck';
  }
  return issues;
}
