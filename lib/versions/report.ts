import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/supabase/database.types';
import { createClient } from '@/lib/supabase/server';
import { CONSOLE_VERSION } from './build-info';

/**
 * The console reports the version it runs, as every client app does, through
 * `report_client_version` with the signed-in user's session (the database stamps who and when, and
 * folds a repeat within the hour into the previous report). Best effort: a failed report is logged
 * and never breaks the page — the versions page then shows the console as STALE or UNKNOWN, which
 * is the truth the database holds.
 */
export async function reportConsoleVersion(client?: SupabaseClient<Database>): Promise<void> {
  try {
    const supabase = client ?? (await createClient());
    const { error } = await supabase.rpc('report_client_version', { component: 'console', version: CONSOLE_VERSION });
    if (error) console.error(JSON.stringify({ event: 'console_version_report_failed', code: error.code }));
  } catch (error) {
    console.error(JSON.stringify({ event: 'console_version_report_failed', message: String(error) }));
  }
}
