import 'server-only';
import { createServerClient } from '@supabase/ssr';
import { cookies, headers } from 'next/headers';
import { getPublicEnv } from '@/lib/env';
import { sessionCookieOptions } from './cookie-options';
import type { Database } from './database.types';

/**
 * Supabase client for Server Components, Server Actions and Route Handlers, acting as the signed-in
 * user so RLS applies. Create one per request; never keep it in a module-level variable.
 * `forwardedFor`: the visitor's address, passed on to the auth server (the sign-in action), which
 * throttles password guesses per address.
 */
export async function createClient(options: { forwardedFor?: string | null } = {}) {
  const env = getPublicEnv();
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  const cookieContext = { production: process.env.NODE_ENV === 'production', host: requestHeaders.get('host') };

  return createServerClient<Database>(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    ...(options.forwardedFor ? { global: { headers: { 'X-Forwarded-For': options.forwardedFor } } } : {}),
    cookies: {
      getAll() {
        return cookieStore.getAll();
      },
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options: cookieOptions } of cookiesToSet) {
            cookieStore.set(name, value, sessionCookieOptions(cookieOptions, cookieContext));
          }
        } catch {
          // Server Components cannot write cookies. That is fine: the proxy refreshes the session
          // (and writes the cookies) before any Server Component runs.
        }
      },
    },
  });
}
