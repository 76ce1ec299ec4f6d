import { z } from 'zod';
import { ALERT_STATUSES, SEVERITIES, SEVERITY_RANK, type Severity } from '@/lib/alerts/vocabulary';

export const severitySchema = z.enum(SEVERITIES);

const count = z.number().int().nonnegative();
const meanSeconds = z.number().nonnegative().nullable();

/** The JSON returned by `public.governance_overview(days)` (migration 20261125110000). */
export const governanceOverviewSchema = z
  .object({
    generated_at: z.iso.datetime({ offset: true }),
    last_sync_at: z.iso.datetime({ offset: true }).nullable(),
    days: z.number().int().min(1),
    active_by_severity: z.object({ CRITICAL: count, WARN: count, INFO: count }),
    // Counted apart: active alerts a running silence keeps quiet, and the running silences.
    silenced_active: count,
    silences_running: count,
    // Four-eyes: resolutions waiting for a second directeur (still active, in the counts above too).
    awaiting_countersign: count,
    by_status: z.object({ OPEN: count, ACK: count, RESOLVED: count }),
    checks: z.array(z.object({ check_code: z.string().min(1), severity: severitySchema, count })),
    mean_seconds_to_ack: meanSeconds,
    mean_seconds_to_resolve: meanSeconds,
    // jsonb_agg over the days of the window: never empty in practice, but null would mean "no days".
    trend: z
      .array(z.object({ day: z.iso.date(), opened: count, resolved: count }))
      .nullable()
      .transform((trend) => trend ?? []),
  })
  .transform((raw) => ({
    generatedAt: raw.generated_at,
    lastSyncAt: raw.last_sync_at,
    days: raw.days,
    activeBySeverity: raw.active_by_severity,
    silencedActive: raw.silenced_active,
    silencesRunning: raw.silences_running,
    awaitingCountersign: raw.awaiting_countersign,
    byStatus: raw.by_status,
    checks: raw.checks.map((row) => ({ checkCode: row.check_code, severity: row.severity, count: row.count })).sort(bySeverityThenCode),
    meanSecondsToAck: raw.mean_seconds_to_ack,
    meanSecondsToResolve: raw.mean_seconds_to_resolve,
    trend: raw.trend,
  }));

export type GovernanceOverview = z.output<typeof governanceOverviewSchema>;

/**
 * The rows of `public.alert_deadline_compliance(days)` (migration 20261202170000), one per severity
 * with a deadline, summed: the acknowledgement and resolution steps that fell due in the window and
 * those met in time. PostgREST sends the counts (bigint) as numbers.
 */
export const deadlineComplianceSchema = z
  .array(z.object({ severity: z.string(), ack_due: count, ack_on_time: count, resolve_due: count, resolve_on_time: count }))
  .transform((rows) =>
    rows.reduce(
      (sum, row) => ({
        ackDue: sum.ackDue + row.ack_due,
        ackOnTime: sum.ackOnTime + row.ack_on_time,
        resolveDue: sum.resolveDue + row.resolve_due,
        resolveOnTime: sum.resolveOnTime + row.resolve_on_time,
      }),
      { ackDue: 0, ackOnTime: 0, resolveDue: 0, resolveOnTime: 0 },
    ),
  );

export type DeadlineCompliance = z.output<typeof deadlineComplianceSchema>;

/** `public.alert_resolution_reasons(days)`: alerts resolved in the period, by reason (`unspecified`: before reasons existed). */
export const resolutionReasonCountsSchema = z.array(
  z.object({ reason: z.string().min(1), resolved: count, resolved_while_active: count }).transform((row) => ({
    reason: row.reason,
    resolved: row.resolved,
    resolvedWhileActive: row.resolved_while_active,
  })),
);
export type ResolutionReasonCount = z.output<typeof resolutionReasonCountsSchema>[number];
export type TrendPoint = GovernanceOverview['trend'][number];
export type CheckCount = GovernanceOverview['checks'][number];

/** A JSON value as `details` holds it (numbers, text, dates as ISO text, nested values). */
export type DetailValue = string | number | boolean | null | DetailValue[] | { [key: string]: DetailValue };

/**
 * One anomaly the last sync left detected: an alert whose condition has not cleared (from
 * `v_system_alerts`; every column is nullable in a view's generated type).
 */
export const integrityCheckSchema = z
  .object({
    id: z.uuid(),
    check_code: z.string().min(1),
    severity: severitySchema,
    entity_type: z.string().min(1),
    entity_id: z.string().min(1),
    message: z.string(),
    details: z.record(z.string(), z.json()).nullable(),
    status: z.enum(ALERT_STATUSES),
    first_seen_at: z.iso.datetime({ offset: true }),
  })
  .transform((row) => ({
    alertId: row.id,
    checkCode: row.check_code,
    severity: row.severity,
    entityType: row.entity_type,
    entityId: row.entity_id,
    message: row.message,
    details: (row.details ?? {}) as Record<string, DetailValue>,
    status: row.status,
    firstSeenAt: row.first_seen_at,
  }));

export type IntegrityCheck = z.output<typeof integrityCheckSchema>;

/** In the order the database returns them: most severe first, then newest first. */
export const integrityChecksSchema = z.array(integrityCheckSchema);

/** Most severe first, then by check code: the order of the overview's tables. */
export function bySeverityThenCode(a: { severity: Severity; checkCode: string }, b: { severity: Severity; checkCode: string }): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.checkCode.localeCompare(b.checkCode);
}
