import 'server-only';
import { createClient as createSupabaseClient } from '@supabase/supabase-js';
import { getPublicEnv } from '@/lib/env';
import type { Database } from './database.types';

/**
 * The service-role client. IMPORTANT: it bypasses RLS; it is used by exactly two narrow modules:
 * lib/audit/security-log.ts (to record denied attempts, which no user may write) and
 * app/api/ready/route.ts (to read the applied schema version, which anon may not). The key lives in
 * SUPABASE_SERVICE_ROLE_KEY — a server-only variable, never NEXT_PUBLIC_. Returns null when the key
 * is not configured. A new client per call: nothing is kept at module level.
 */
export function createServiceClient() {
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY;
  if (!key) return null;
  return createSupabaseClient<Database>(getPublicEnv().NEXT_PUBLIC_SUPABASE_URL, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}
