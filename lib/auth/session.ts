import 'server-only';
import { isAuthRetryableFetchError } from '@supabase/supabase-js';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { SESSION_ENDED_CODE } from '@/lib/actions/postgrest-error';
import { logSecurityEvent } from '@/lib/audit/security-log';
import { signInPath } from '@/lib/routes';
import { createClient } from '@/lib/supabase/server';
import { can, isRole, type Permission, type Role } from './permissions';

export type SessionUser = {
  id: string;
  email: string;
  /** null when the account has no profile: it may sign in but sees nothing. */
  role: Role | null;
  name: string;
  /**
   * The depot the profile is scoped to; null: head office (every depot and the platform).
   * Undefined where it was not read (server actions: the database applies the scope anyway).
   * What the console shows only — RLS decides what each user reads and changes.
   */
  depot?: { code: string; name: string } | null;
};

/**
 * The auth server or the database could not be asked who the user is (down, or answering 5xx).
 * That is not "signed out": pages let it reach their error boundary (error state, retry) instead of
 * sending the user to sign in, and actions report `unavailable`.
 */
export class SessionUnavailableError extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(`session unavailable: ${what}`, options);
    this.name = 'SessionUnavailableError';
  }
}

export type SessionClaims = {
  sub: string;
  email: string;
  /**
   * The token's `user_role` claim (the custom access token hook: the profile's role when the token
   * was issued, null without a profile); undefined when the project does not add it.
   */
  role?: unknown;
};

/**
 * Who the session's token says the user is, its signature verified by `getClaims()` — in-process
 * when the auth server signs with a published key (ES256 and its JWKS: the local stack, hosted
 * projects with asymmetric keys), else by asking the auth server. Null when there is no valid
 * token; throws SessionUnavailableError when the auth server cannot answer. Cached for the duration
 * of one request.
 *
 * IMPORTANT: a signature holds until the token expires, after sign-out too. Whether the session is
 * still live is the database's call (api_guard.check_request refuses a token whose session has
 * ended): pages learn it reading the profile (getSessionUser), actions from their write.
 */
export const getSessionClaims = cache(async (): Promise<SessionClaims | null> => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.getClaims();
  // IMPORTANT: a 5xx or a failed fetch says nothing about the session: never treat it as signed out.
  if (error && isAuthRetryableFetchError(error)) throw new SessionUnavailableError(`auth server (${error.status})`, { cause: error });
  if (error || !data?.claims?.sub) return null;
  const { sub, email } = data.claims;
  return {
    sub,
    email: typeof email === 'string' ? email : '',
    ...('user_role' in data.claims ? { role: data.claims.user_role } : {}),
  };
});

/** The user from verified claims and their profile as the database gave it (role, name). */
export function sessionUserFrom(
  claims: SessionClaims,
  profile: { role?: unknown; name?: unknown; depot?: { code: string; name: string } | null } | null,
): SessionUser {
  return {
    id: claims.sub,
    email: claims.email,
    role: isRole(profile?.role) ? profile.role : null,
    name: typeof profile?.name === 'string' ? profile.name : claims.email || claims.sub,
    ...(profile && profile.depot !== undefined ? { depot: profile.depot } : {}),
  };
}

/** Head office: a profile without a depot (sees every depot and the platform's findings). */
export function isHeadOffice(user: SessionUser): boolean {
  return user.depot === null;
}

/**
 * The signed-in user, verified by the auth server, with the role read from `profils` through the
 * user's own session — never from anything the browser sends. Null when there is no valid session;
 * throws SessionUnavailableError when the auth server or the database cannot answer. Cached for the
 * duration of one request. (Server actions take the role from the token instead: see defineAction.)
 *
 * IMPORTANT: a token can verify (its signature holds until it expires) and still belong to a
 * session that has ended — signed out, expired, revoked. The database refuses such a token
 * (api_guard.check_request: 401 `session_not_found`), and that refusal means "signed out" here.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await getSessionClaims();
  if (!claims) return null;
  const supabase = await createClient();
  const { data: profile, error: profileError } = await supabase
    .from('profils')
    .select('role, nom_complet, depot_id, depot:depots(code, nom)')
    .eq('user_id', claims.sub)
    .maybeSingle();
  if (profileError?.code === SESSION_ENDED_CODE) return null;
  // IMPORTANT: an unreadable profile is not "no role" (that would show the 403 page).
  if (profileError) throw new SessionUnavailableError(`profile (${profileError.code || profileError.message})`, { cause: profileError });
  return sessionUserFrom(
    claims,
    profile
      ? {
          role: profile.role,
          name: profile.nom_complet,
          // Scoped by depot_id, whether or not the depot's row is readable (a non-governance role's is not).
          depot: profile.depot_id ? { code: profile.depot?.code ?? '—', name: profile.depot?.nom ?? '—' } : null,
        }
      : null,
  );
});

/** The signed-in user, or a redirect to the sign-in page (which brings them back to `nextPath`). */
export async function requireUser(nextPath?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(signInPath(nextPath));
  return user;
}

/** The signed-in user holding `permission`, or the 403 page. */
export async function requirePermission(permission: Permission, nextPath?: string): Promise<SessionUser> {
  const user = await requireUser(nextPath);
  if (!can(user.role, permission)) {
    await logSecurityEvent({
      kind: 'forbidden_page',
      severity: 'INFO',
      reason: `role ${user.role ?? 'none'} lacks ${permission}`,
      actor: { id: user.id, email: user.email, role: user.role },
    });
    forbidden();
  }
  return user;
}

export type ApiAccess =
  { ok: true; user: SessionUser } | { ok: false; status: 401 | 403 | 503; error: 'unauthenticated' | 'forbidden' | 'unavailable' };

/**
 * For route handlers, which answer JSON rather than redirect or render the 403 page: the signed-in
 * user holding `permission`, or the status to answer. A refusal is logged like the pages' (`what`
 * names the resource in the log); an unreachable auth service is a 503, not a crash.
 */
export async function authorizeApiRequest(permission: Permission, what: string): Promise<ApiAccess> {
  let user: SessionUser | null;
  try {
    user = await getSessionUser();
  } catch (error) {
    if (error instanceof SessionUnavailableError) return { ok: false, status: 503, error: 'unavailable' };
    throw error;
  }
  if (!user) return { ok: false, status: 401, error: 'unauthenticated' };
  if (!can(user.role, permission)) {
    await logSecurityEvent({
      kind: 'action_refused',
      severity: 'WARN',
      reason: `role ${user.role ?? 'none'} lacks ${permission} (${what})`,
      actor: { id: user.id, email: user.email, role: user.role },
    });
    return { ok: false, status: 403, error: 'forbidden' };
  }
  return { ok: true, user };
}
