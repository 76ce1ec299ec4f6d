import 'server-only';
import { createClient } from '@/lib/supabase/server';
import {
  deadlineComplianceSchema,
  governanceOverviewSchema,
  integrityChecksSchema,
  resolutionReasonCountsSchema,
  type DeadlineCompliance,
  type GovernanceOverview,
  type IntegrityCheck,
  type ResolutionReasonCount,
} from './schemas';

export type IntegrityPageData = {
  overview: GovernanceOverview;
  checks: IntegrityCheck[];
  compliance: DeadlineCompliance;
  reasons: ResolutionReasonCount[];
};

/** The window of the overview's means and trend, in days. */
export const OVERVIEW_DAYS = 30;
/** How many detected anomalies the page lists (most severe first); the alert list has the rest. */
export const CURRENT_CHECKS_SHOWN = 25;

/**
 * Everything the integrity overview shows, read in parallel through the viewer's own session (RLS
 * and the functions' role gate apply): the figures of `governance_overview(days)`, the share of
 * deadlines met (`alert_deadline_compliance(days)`), the resolutions by reason
 * (`alert_resolution_reasons(days)`) and the most severe anomalies the last sync left
 * detected (alerts whose condition has not cleared).
 *
 * The page reads what the sync materialised, not `v_integrity_checks`: evaluating the checks costs
 * ≈ 200 ms at depot scale and the sync does it every minute anyway (see the migration
 * 20261125160000_sync_writes_only_changes.sql); the page says when that sync ran.
 *
 * IMPORTANT: throws on any database or shape error so the segment's error boundary shows the
 * designed error state; the raw error stays in the server log, never in the page.
 */
export async function getIntegrityPageData(depot?: string, days = OVERVIEW_DAYS): Promise<IntegrityPageData> {
  const supabase = await createClient();
  // Nullable argument (null: every depot the user sees): the generated types say string.
  const p_depot = (depot ?? null) as string;
  const detected = supabase
    .from('v_system_alerts')
    .select('id, check_code, severity, entity_type, entity_id, message, details, status, first_seen_at')
    .is('cleared_at', null);
  const [overviewResult, complianceResult, reasonsResult, checksResult] = await Promise.all([
    supabase.rpc('governance_overview', { days, p_depot }),
    supabase.rpc('alert_deadline_compliance', { p_days: days, p_depot }),
    supabase.rpc('alert_resolution_reasons', { p_days: days, p_depot }),
    (depot ? detected.eq('depot_code', depot) : detected)
      .order('severity_rank', { ascending: false })
      .order('first_seen_at', { ascending: false })
      .order('id', { ascending: false })
      .limit(CURRENT_CHECKS_SHOWN),
  ]);

  if (overviewResult.error) {
    throw new Error(`governance_overview failed (${overviewResult.error.code ?? 'unknown'})`, {
      cause: overviewResult.error,
    });
  }
  if (complianceResult.error) {
    throw new Error(`alert_deadline_compliance failed (${complianceResult.error.code ?? 'unknown'})`, {
      cause: complianceResult.error,
    });
  }
  if (reasonsResult.error) {
    throw new Error(`alert_resolution_reasons failed (${reasonsResult.error.code ?? 'unknown'})`, { cause: reasonsResult.error });
  }
  if (checksResult.error) {
    throw new Error(`detected alerts failed (${checksResult.error.code ?? 'unknown'})`, {
      cause: checksResult.error,
    });
  }

  const overview = governanceOverviewSchema.safeParse(overviewResult.data);
  if (!overview.success) {
    throw new Error('governance_overview returned an unexpected shape', { cause: overview.error });
  }
  const checks = integrityChecksSchema.safeParse(checksResult.data);
  if (!checks.success) {
    throw new Error('detected alerts returned an unexpected shape', { cause: checks.error });
  }
  const compliance = deadlineComplianceSchema.safeParse(complianceResult.data);
  if (!compliance.success) {
    throw new Error('alert_deadline_compliance returned an unexpected shape', { cause: compliance.error });
  }
  const reasons = resolutionReasonCountsSchema.safeParse(reasonsResult.data);
  if (!reasons.success) {
    throw new Error('alert_resolution_reasons returned an unexpected shape', { cause: reasons.error });
  }
  return { overview: overview.data, checks: checks.data, compliance: compliance.data, reasons: reasons.data };
}
