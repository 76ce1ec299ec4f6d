import type { CookieOptions } from '@supabase/ssr';

/**
 * The session's life in the browser: 12 hours, the same time-box the auth server puts on a session
 * (the local stack's `not_after`; on a hosted project, Authentication → Sessions → time-box user
 * sessions). After it the browser forgets the cookie and the user signs in again.
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Options for every Supabase session cookie the console writes, whatever @supabase/ssr proposes
 * (it writes readable cookies that live 400 days): HttpOnly (no script in the browser needs the
 * session — the browser has no Supabase client), SameSite=Lax, Secure in production (except on a
 * loopback host, where tests serve the production build over plain HTTP), and the session's
 * lifetime. A removal (maxAge 0) stays a removal.
 */
export function sessionCookieOptions(options: CookieOptions, context: { production: boolean; host: string | null }): CookieOptions {
  const hostname = (context.host ?? '').replace(/:\d+$/, '').toLowerCase();
  return {
    ...options,
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: context.production && !LOOPBACK_HOSTS.has(hostname),
    maxAge: options.maxAge === 0 ? 0 : SESSION_MAX_AGE_SECONDS,
  };
}
