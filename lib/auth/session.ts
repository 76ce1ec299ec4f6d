import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { logSecurityEvent } from '@/lib/audit/security-log';
import { createClient } from '@/lib/supabase/server';
import { can, isRole, type Permission, type Role } from './permissions';

export type SessionUser = {
  id: string;
  email: string;
  /** null when the account has no profile: it may sign in but sees nothing. */
  role: Role | null;
  name: string;
};

/**
 * The signed-in user, verified by the auth server (`getClaims()`), with the role read from
 * `profils` through the user's own session — never from anything the browser sends.
 * Cached for the duration of one request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.getClaims();
  if (error || !data?.claims?.sub) return null;
  const { sub, email } = data.claims;

  const { data: profile } = await supabase
    .from('profils')
    .select('role, nom_complet')
    .eq('user_id', sub)
    .maybeSingle();

  return {
    id: sub,
    email: typeof email === 'string' ? email : '',
    role: isRole(profile?.role) ? profile.role : null,
    name: profile?.nom_complet ?? (typeof email === 'string' ? email : sub),
  };
});

/** The signed-in user, or a redirect to the sign-in page (which brings them back to `nextPath`). */
export async function requireUser(nextPath?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(nextPath ? `/sign-in?next=${encodeURIComponent(nextPath)}` : '/sign-in');
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
