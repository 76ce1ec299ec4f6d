import 'server-only';
import { createClient } from '@/lib/supabase/server';
import {
  governanceOverviewSchema,
  integrityChecksSchema,
  type GovernanceOverview,
  type IntegrityCheck,
} from './schemas';

export type IntegrityPageData = { overview: GovernanceOverview; checks: IntegrityCheck[] };

/** The window of the overview's means and trend, in days. */
export const OVERVIEW_DAYS = 30;

/**
 * Everything the integrity overview shows, read in parallel through the viewer's own session (RLS
 * and the functions' role gate apply): the figures of `governance_overview(days)` and the anomalies
 * detected now in `v_integrity_checks`, most severe first.
 *
 * IMPORTANT: throws on any database or shape error so the segment's error boundary shows the
 * designed error state; the raw error stays in the server log, never in the page.
 */
export async function getIntegrityPageData(days = OVERVIEW_DAYS): Promise<IntegrityPageData> {
  const supabase = await createClient();
  const [overviewResult, checksResult] = await Promise.all([
    supabase.rpc('governance_overview', { days }),
    supabase
      .from('v_integrity_checks')
      .select('check_code, severity, entity_type, entity_id, message, details, detected_at')
      .order('check_code'),
  ]);

  if (overviewResult.error) {
    throw new Error(`governance_overview failed (${overviewResult.error.code ?? 'unknown'})`, {
      cause: overviewResult.error,
    });
  }
  if (checksResult.error) {
    throw new Error(`v_integrity_checks failed (${checksResult.error.code ?? 'unknown'})`, {
      cause: checksResult.error,
    });
  }

  const overview = governanceOverviewSchema.safeParse(overviewResult.data);
  if (!overview.success) {
    throw new Error('governance_overview returned an unexpected shape', { cause: overview.error });
  }
  const checks = integrityChecksSchema.safeParse(checksResult.data);
  if (!checks.success) {
    throw new Error('v_integrity_checks returned an unexpected shape', { cause: checks.error });
  }
  return { overview: overview.data, checks: checks.data };
}
