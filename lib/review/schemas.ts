import { z } from 'zod';
import { SEVERITIES } from '@/lib/alerts/vocabulary';

/** What review_summary() answers (jsonb): checked, not cast. Seconds are rounded; null: no case. */
const count = z.coerce.number().int().nonnegative();
// Not `nonnegative`: a clock skew between the writers of two times must not break the page.
const seconds = z.number().nullable();
const severity = z.enum(SEVERITIES);

export const reviewSummarySchema = z.object({
  since: z.string(),
  until: z.string(),
  period_end: z.string(),
  depot: z.string().nullable(),
  opened: count,
  resolved: count,
  still_open: count,
  resolved_while_active: count,
  countersigned: count,
  times: z.array(
    z.object({
      scope: z.enum(['all', 'severity', 'check']),
      check_code: z.string().nullable(),
      severity: severity.nullable(),
      alerts: count,
      acknowledged: count,
      resolved: count,
      ack_p50: seconds,
      ack_p90: seconds,
      resolve_p50: seconds,
      resolve_p90: seconds,
    }),
  ),
  on_time: z.array(z.object({ severity, ack_due: count, ack_on_time: count, resolve_due: count, resolve_on_time: count })),
  reasons: z.array(z.object({ reason: z.string().min(1), resolved: count, resolved_while_active: count })),
  entities: z.array(
    z.object({
      entity_type: z.string(),
      entity_id: z.string(),
      label: z.string().nullable(),
      depot_code: z.string().nullable(),
      alerts: count,
      recurrences: count,
      checks: z.array(z.string()),
    }),
  ),
  heat_map: z.array(z.object({ depot_code: z.string().nullable(), check_code: z.string(), alerts: count, critical: count })),
});
export type ReviewSummary = z.output<typeof reviewSummarySchema>;
export type HandlingTimesRow = ReviewSummary['times'][number];

/** The heat map as a grid: one row per depot (the platform last), one column per check, counts in the cells. */
export function heatMapGrid(cells: ReviewSummary['heat_map']): {
  depots: (string | null)[];
  checks: string[];
  at: (depot: string | null, check: string) => { alerts: number; critical: number } | undefined;
  max: number;
} {
  const depots = [...new Set(cells.map((cell) => cell.depot_code))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  );
  const checks = [...new Set(cells.map((cell) => cell.check_code))].sort();
  const byKey = new Map(cells.map((cell) => [`${cell.depot_code ?? ''}\u0000${cell.check_code}`, cell]));
  return {
    depots,
    checks,
    at: (depot, check) => byKey.get(`${depot ?? ''}\u0000${check}`),
    max: cells.reduce((top, cell) => Math.max(top, cell.alerts), 0),
  };
}

/** What board_report_details() answers (jsonb): the board report's lists, each a total and its first items. */
const listOf = <T extends z.ZodTypeAny>(item: T) => z.object({ total: count, items: z.array(item) });
export const reportDetailsSchema = z.object({
  period_end: z.string(),
  open_critical: listOf(
    z.object({
      id: z.string(),
      check_code: z.string(),
      label: z.string().nullable(),
      depot_code: z.string().nullable(),
      message: z.string(),
      first_seen_at: z.string(),
      acknowledged: z.boolean(),
      age_seconds: z.number(),
    }),
  ),
  resolved_anyway: listOf(
    z.object({
      id: z.string(),
      check_code: z.string(),
      severity,
      label: z.string().nullable(),
      depot_code: z.string().nullable(),
      resolved_at: z.string(),
      resolved_by_name: z.string().nullable(),
      reason: z.string().nullable(),
      countersigned_by_name: z.string().nullable(),
    }),
  ),
  four_eyes: listOf(
    z.object({
      id: z.string(),
      check_code: z.string(),
      label: z.string().nullable(),
      depot_code: z.string().nullable(),
      requested_at: z.string(),
      requested_by_name: z.string().nullable(),
      /** What became of the request by the period's end; null: still waiting. */
      outcome: z.enum(['countersigned', 'resolution_rejected', 'resolved']).nullable(),
      decided_at: z.string().nullable(),
      decided_by_name: z.string().nullable(),
    }),
  ),
  findings: listOf(
    z.object({
      id: z.string(),
      check_code: z.string(),
      severity,
      label: z.string().nullable(),
      message: z.string(),
      first_seen_at: z.string(),
      resolved_at: z.string().nullable(),
    }),
  ),
});
export type ReportDetails = z.output<typeof reportDetailsSchema>;
