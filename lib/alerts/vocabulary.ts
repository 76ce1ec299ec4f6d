/**
 * The alert vocabulary, in one place: severities and their rank, statuses, which statuses are
 * active, and which status each action applies to. Zod-free, so the browser uses it too. The
 * database states the same rules (system_alerts' check constraints, private.severity_rank(), the
 * workflow trigger); supabase/tests/vocabulary.test.ts holds the two equal.
 */

/** Most severe first, as a reviewer reads them. */
export const SEVERITIES = ['CRITICAL', 'WARN', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** CRITICAL 3, WARN 2, INFO 1: sorts by severity (system_alerts.severity_rank). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { CRITICAL: 3, WARN: 2, INFO: 1 };

/** OPEN → ACK → RESOLVED, or OPEN → RESOLVED; RESOLVED is final. */
export const ALERT_STATUSES = ['OPEN', 'ACK', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Why an alert was resolved (system_alerts.resolution_reason), in the order the resolve dialog
 * offers them: the fix first, the closures that accept the condition after.
 */
export const RESOLUTION_REASONS = ['fixed_at_source', 'expected_behaviour', 'false_positive', 'accepted_risk', 'duplicate'] as const;
export type ResolutionReason = (typeof RESOLUTION_REASONS)[number];

export function isResolutionReason(value: unknown): value is ResolutionReason {
  return typeof value === 'string' && (RESOLUTION_REASONS as readonly string[]).includes(value);
}

/** An alert still to be handled. */
export const ACTIVE_STATUSES = ['OPEN', 'ACK'] as const satisfies readonly AlertStatus[];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function isAlertStatus(value: unknown): value is AlertStatus {
  return typeof value === 'string' && (ALERT_STATUSES as readonly string[]).includes(value);
}

export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/** Whether an alert in this status can be acknowledged (OPEN only). */
export function canBeAcknowledged(status: string): boolean {
  return status === 'OPEN';
}

/** Whether an alert in this status can be resolved (OPEN or ACK). */
export function canBeResolved(status: string): boolean {
  return isActive(status);
}

/**
 * Offered a « Résoudre » button: active, and no resolution awaiting another directeur's
 * countersignature (four-eyes) — unless its condition cleared since, when a plain resolution is
 * allowed again (the database's rule).
 */
export function offersResolve(alert: { status: string; cleared_at: string | null; awaiting_countersign: boolean | null }): boolean {
  return canBeResolved(alert.status) && !(alert.awaiting_countersign && !alert.cleared_at);
}

/**
 * Whether the list offers to select an alert for a bulk action: one the user may acknowledge (an
 * admin or a directeur, OPEN), or resolve (a directeur, OPEN or ACK).
 */
export function canBeSelected(status: string, can: { acknowledge: boolean; resolve: boolean }): boolean {
  return (can.acknowledge && canBeAcknowledged(status)) || (can.resolve && canBeResolved(status));
}
