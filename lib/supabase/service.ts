import 'server-only';
import { createClient as createSupabaseClient } from '@supabase/supabase-js';
import { getPublicEnv } from '@/lib/env';
import type { Database } from './database.types';

/**
 * The service-role client: the console's server acting as itself, never as a user.
 * IMPORTANT: it bypasses RLS; it is used by exactly six narrow modules, each for something no user
 * may do: lib/audit/security-log.ts (records denied attempts), lib/auth/actions.ts (the sign-in
 * throttle, before anyone is signed in), lib/versions/report.ts (the console reports its own
 * version), lib/exports/log.ts (logs an export for the user whose session the server verified),
 * lib/review/report-store.ts (keeps a board report rendered for such a user, reads its bytes back
 * and the whole ledger's state) and app/api/ready/route.ts (reads the applied schema version and the
 * sync's health, which anon may not). The key lives in SUPABASE_SERVICE_ROLE_KEY — a server-only variable, never
 * NEXT_PUBLIC_ (required in production). Returns null when the key is not configured. A new client
 * per call: nothing is kept at module level.
 */
export function createServiceClient() {
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY;
  if (!key) return null;
  return createSupabaseClient<Database>(getPublicEnv().NEXT_PUBLIC_SUPABASE_URL, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}
