import { createServerClient } from '@supabase/ssr';
import { isAuthRetryableFetchError } from '@supabase/supabase-js';
import { NextResponse, type NextRequest } from 'next/server';
import { getPublicEnv } from '@/lib/env';
import { sessionCookieOptions } from './cookie-options';
import type { Database } from './database.types';

/**
 * Refreshes the Supabase session on every matched request and forwards the refreshed auth cookies
 * both to the downstream render (request cookies) and to the browser (response cookies).
 * Access decisions (redirect to sign-in, 403) belong to the caller, based on the returned claims.
 */
export async function updateSession(request: NextRequest) {
  const env = getPublicEnv();
  let response = NextResponse.next({ request });

  const supabase = createServerClient<Database>(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) {
          request.cookies.set(name, value);
        }
        response = NextResponse.next({ request });
        const context = { production: process.env.NODE_ENV === 'production', host: request.headers.get('host') };
        for (const { name, value, options } of cookiesToSet) {
          response.cookies.set(name, value, sessionCookieOptions(options, context));
        }
        // Cache-Control: no-store and friends, so no shared cache ever serves a session cookie.
        for (const [key, value] of Object.entries(headers)) {
          response.headers.set(key, value);
        }
      },
    },
  });

  // IMPORTANT: nothing may run between createServerClient() and getClaims(): getClaims() is what
  // refreshes an expired session. Skipping it logs users out at random.
  const { data, error } = await supabase.auth.getClaims();

  // IMPORTANT: return `response` itself (or copy its cookies onto any replacement), otherwise the
  // browser keeps a stale refresh token and the session ends early.
  // `authUnavailable`: the auth server did not answer (down, 5xx): the session is unknown, not absent.
  return { response, claims: data?.claims ?? null, authUnavailable: !!error && isAuthRetryableFetchError(error) };
}
