/**
 * Supabase clients exactly as the console uses them: the anon key, signed in (or not) through the
 * stack's auth endpoint as the seed's demo users, so PostgREST, RLS and the triggers all apply.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { anonKey, serviceRoleKey, supabaseUrl } from './env';

export const DEMO_PASSWORD = 'demo-governance';

export const demoRoles = ['admin', 'directeur', 'pca', 'operateur', 'gerant', 'lecture'] as const;
export type DemoRole = (typeof demoRoles)[number];

export type SignedIn = { client: SupabaseClient; userId: string; role: DemoRole; sessionId: string };

const clientOptions = { auth: { persistSession: false, autoRefreshToken: false } } as const;

/** Not signed in: the anon key alone. */
export function anonClient(): SupabaseClient {
  return createClient(supabaseUrl, anonKey, clientOptions);
}

/** The service role (a server secret; bypasses RLS but not the triggers). */
export function serviceClient(): SupabaseClient {
  return createClient(supabaseUrl, serviceRoleKey, clientOptions);
}

/** A new client with its own session, signed in as the demo user of `role`. */
export async function signInFresh(role: DemoRole): Promise<SignedIn> {
  return { ...(await signInAs(`${role}@depot.test`)), role };
}

/** A new client with its own session, signed in as any seeded account (e.g. the operations app's). */
export async function signInAs(email: string, password = DEMO_PASSWORD): Promise<Omit<SignedIn, 'role'>> {
  const client = anonClient();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error || !data.user || !data.session) {
    throw new Error(`sign-in as ${email} failed: ${error?.message ?? 'no session returned'}`);
  }
  return { client, userId: data.user.id, sessionId: sessionIdOf(data.session.access_token) };
}

/** The `session_id` claim of an access token (read, not verified: the API verifies it). */
function sessionIdOf(accessToken: string): string {
  const payload = accessToken.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { session_id?: string };
  return claims.session_id ?? '';
}

const sessions = new Map<DemoRole, Promise<SignedIn>>();

/** The demo user of `role`, signed in once per test file and reused. */
export function signedIn(role: DemoRole): Promise<SignedIn> {
  let session = sessions.get(role);
  if (!session) {
    session = signInFresh(role);
    sessions.set(role, session);
    session.catch(() => sessions.delete(role));
  }
  return session;
}

let secondDirecteurSession: Promise<SignedIn> | undefined;

/** The seed's second directeur (directeur2@depot.test): four-eyes closures need one to ask and another to countersign. */
export function secondDirecteur(): Promise<SignedIn> {
  if (!secondDirecteurSession) {
    secondDirecteurSession = signInAs('directeur2@depot.test').then((session) => ({ ...session, role: 'directeur' as const }));
    secondDirecteurSession.catch(() => (secondDirecteurSession = undefined));
  }
  return secondDirecteurSession;
}
