/**
 * Governance settings changed for the length of a test, and put back. Settings are one row shared
 * by the whole stack; test files run one at a time, so a test may narrow one briefly.
 */
import { query } from './db';

export type SettingName =
  | 'api_writes_per_minute'
  | 'alerts_per_write'
  | 'sign_in_failures_per_account'
  | 'sign_in_failures_per_address'
  | 'sign_in_lockout_minutes'
  | 'stock_journal_cutoff_hour'
  | 'feed_silent_hours'
  | 'depot_time_zone'
  | 'sync_interval_seconds'
  | 'sync_runs_retention_days'
  | 'sync_runs_kept_max'
  | 'deliveries_retention_days'
  | 'auth_failure_window_minutes'
  | 'auth_failures_per_account'
  | 'auth_failures_overall'
  | 'rules_disagree_window_minutes';

/** Sets `name` to `value` and returns a function that restores the previous value. */
export async function withSetting(name: SettingName, value: number | string): Promise<() => Promise<void>> {
  const [row] = await query<{ value: number | string }>(`select ${name} as value from public.governance_settings where id`);
  await query(`update public.governance_settings set ${name} = $1 where id`, [value]);
  return async () => {
    await query(`update public.governance_settings set ${name} = $1 where id`, [row!.value]);
  };
}
