import { getPublicEnv } from '@/lib/env';

export type ApiStatus = 'reachable' | 'unreachable';

export interface CheckSupabaseApiOptions {
  /** Give up after this long; a slow API counts as unreachable. */
  timeoutMs?: number;
  /** Injected in tests. */
  fetchImpl?: typeof fetch;
  env?: { NEXT_PUBLIC_SUPABASE_URL: string; NEXT_PUBLIC_SUPABASE_ANON_KEY: string };
}

/**
 * Asks the Supabase Auth service behind the API gateway whether it is up (`GET /auth/v1/health`).
 * Never throws: any network error, timeout or non-2xx answer is reported as `unreachable`.
 */
export async function checkSupabaseApi({
  timeoutMs = 2000,
  fetchImpl = fetch,
  env = getPublicEnv(),
}: CheckSupabaseApiOptions = {}): Promise<ApiStatus> {
  try {
    const response = await fetchImpl(`${env.NEXT_PUBLIC_SUPABASE_URL}/auth/v1/health`, {
      headers: { apikey: env.NEXT_PUBLIC_SUPABASE_ANON_KEY },
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? 'reachable' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
