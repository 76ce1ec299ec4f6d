/**
 * A session's life on the auth server, end to end, as GoTrue lives it: password sign-in opens a
 * session (an access token naming it, a refresh token), a refresh keeps the session and rotates the
 * token, sign-out ends it — the access tokens refused at once, the refresh tokens gone. What
 * auth-refresh-tokens.test.ts proves of rotation and reuse is not repeated here: this file covers
 * the answers and rows around it, sign-out's scopes and the requests refused on the way.
 * On an auth server of our own, with throwaway users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthServer,
  authFetch,
  claimsOf,
  createThrowawayUser,
  passwordSignIn,
  refresh,
  removeThrowawayUsers,
  startAuthServer,
} from './support/auth';
import { closeDb, query } from './support/db';

let server: AuthServer;

beforeAll(async () => {
  server = await startAuthServer();
});
afterAll(async () => {
  await server?.close();
  await removeThrowawayUsers();
  await closeDb();
});

type Session = {
  access_token: string;
  token_type: string;
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
};

async function signIn(user: { email: string; password: string }): Promise<Session> {
  const answer = await passwordSignIn(server.url, user.email, user.password);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as Session;
}

async function refreshed(token: string): Promise<Session> {
  const answer = await refresh(server.url, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as Session;
}

const sessionIdOf = (session: Session) => String(claimsOf(session.access_token).session_id);
const getUser = (token: string) => authFetch(server.url, '/user', { bearer: token });
const logout = (token: string | undefined, scope?: string) =>
  authFetch(server.url, `/logout${scope === undefined ? '' : `?scope=${scope}`}`, { bearer: token, method: 'POST' });

async function sessionsOf(userId: string) {
  return (await query<{ id: string }>('select id from auth.sessions where user_id = $1 order by id', [userId])).map((row) => row.id);
}

async function refreshTokensOf(sessionId: string) {
  return query<{ token: string; revoked: boolean; parent: string | null }>(
    'select token, revoked, parent from auth.refresh_tokens where session_id = $1 order by id',
    [sessionId],
  );
}

describe('sign-in', () => {
  it('answers GoTrue’s session and records it: a 12-hour session, one fresh refresh token, last_sign_in_at', async () => {
    const user = await createThrowawayUser();
    const session = await signIn(user);
    const claims = claimsOf(session.access_token);
    const sessionId = sessionIdOf(session);

    expect(session.token_type).toBe('bearer');
    expect(session.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(session.expires_at).toBe(claims.exp);
    expect(session.expires_in).toBeGreaterThan(3590);
    expect(session.expires_in).toBeLessThanOrEqual(3600);
    expect(session.user).toMatchObject({ id: user.id, email: user.email, aud: 'authenticated', role: 'authenticated' });
    expect(session.user.last_sign_in_at).toEqual(expect.any(String));
    expect(claims).toMatchObject({
      iss: `${server.url}/auth/v1`,
      sub: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      aal: 'aal1',
      email: user.email,
      is_anonymous: false,
    });

    const [row] = await query<{ user_id: string; life: number; age: number }>(
      `select s.user_id, extract(epoch from s.not_after - s.created_at)::float8 as life,
              extract(epoch from now() - u.last_sign_in_at)::float8 as age
         from auth.sessions s join auth.users u on u.id = s.user_id where s.id = $1`,
      [sessionId],
    );
    expect(row).toMatchObject({ user_id: user.id, life: 12 * 3600 });
    expect(row!.age).toBeLessThan(60);
    expect(await refreshTokensOf(sessionId)).toEqual([{ token: session.refresh_token, revoked: false, parent: null }]);
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);

    const me = await getUser(session.access_token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email });
  });

  it('opens a new session at each sign-in', async () => {
    const user = await createThrowawayUser();
    const first = await signIn(user);
    const second = await signIn(user);
    expect(sessionIdOf(second)).not.toBe(sessionIdOf(first));
    expect(await sessionsOf(user.id)).toEqual([sessionIdOf(first), sessionIdOf(second)].sort());
  });
});

describe('refresh', () => {
  it('keeps the session: a new access token naming it, the sign-in’s amr kept, the earlier token valid until it expires', async () => {
    const user = await createThrowawayUser();
    const first = await signIn(user);
    const second = await refreshed(first.refresh_token);
    const [before, after] = [claimsOf(first.access_token), claimsOf(second.access_token)];

    expect(second.access_token).not.toBe(first.access_token);
    expect(after.session_id).toBe(before.session_id);
    expect(after.sub).toBe(user.id);
    expect(after.amr).toEqual(before.amr);
    expect(Number(after.iat)).toBeGreaterThanOrEqual(Number(before.iat));
    expect(second.user).toMatchObject({ id: user.id });
    // GoTrue revokes refresh tokens, not access tokens: both name a live session.
    expect((await getUser(second.access_token)).status).toBe(200);
    expect((await getUser(first.access_token)).status).toBe(200);

    const [row] = await query<{ refreshed: boolean }>('select refreshed_at is not null as refreshed from auth.sessions where id = $1', [
      sessionIdOf(first),
    ]);
    expect(row?.refreshed).toBe(true);
    expect(await sessionsOf(user.id)).toEqual([sessionIdOf(first)]);
  });

  it('refuses a refresh token that is malformed, and one that was never issued', async () => {
    const malformed = await refresh(server.url, 'not-a-refresh-token');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error_code: 'validation_failed', msg: 'Refresh token is not valid' });
    const unknown = await refresh(server.url, 'aaaaaaaaaaaa');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error_code: 'refresh_token_not_found' });
  });

  it('refuses a banned user’s refresh, sign-in and token', async () => {
    const user = await createThrowawayUser();
    const session = await signIn(user);
    await query("update auth.users set banned_until = now() + interval '1 hour' where id = $1", [user.id]);
    expect((await refresh(server.url, session.refresh_token)).body).toMatchObject({
      error_code: 'user_banned',
      msg: 'Invalid Refresh Token: User Banned',
    });
    expect((await passwordSignIn(server.url, user.email, user.password)).body).toMatchObject({ error_code: 'user_banned' });
    const me = await getUser(session.access_token);
    expect(me.status).toBe(403);
    expect(me.body).toMatchObject({ error_code: 'user_banned' });
  });
});

describe('sign-out', () => {
  it('by default (global, as GoTrue) ends every session of the user: access tokens refused at once, refresh tokens gone', async () => {
    const user = await createThrowawayUser();
    const here = await signIn(user);
    const hereNow = await refreshed(here.refresh_token);
    const elsewhere = await signIn(user);

    const out = await logout(hereNow.access_token);
    expect(out.status).toBe(204);
    expect(await sessionsOf(user.id)).toEqual([]);
    for (const session of [here, elsewhere]) expect(await refreshTokensOf(sessionIdOf(session))).toEqual([]);

    for (const token of [hereNow.access_token, here.access_token, elsewhere.access_token]) {
      const me = await getUser(token);
      expect(me.status).toBe(403);
      expect(me.body).toMatchObject({ error_code: 'session_not_found' });
    }
    for (const token of [hereNow.refresh_token, here.refresh_token, elsewhere.refresh_token]) {
      expect((await refresh(server.url, token)).body).toMatchObject({ error_code: 'refresh_token_not_found' });
    }
    // Signing out twice: the session is gone.
    expect((await logout(hereNow.access_token)).body).toMatchObject({ error_code: 'session_not_found' });
  });

  it('with scope=local ends this session only', async () => {
    const user = await createThrowawayUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    expect((await logout(here.access_token, 'local')).status).toBe(204);
    expect(await sessionsOf(user.id)).toEqual([sessionIdOf(elsewhere)]);
    expect((await getUser(here.access_token)).status).toBe(403);
    expect((await getUser(elsewhere.access_token)).status).toBe(200);
    await refreshed(elsewhere.refresh_token);
  });

  it('with scope=others ends the other sessions and keeps this one', async () => {
    const user = await createThrowawayUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    expect((await logout(here.access_token, 'others')).status).toBe(204);
    expect(await sessionsOf(user.id)).toEqual([sessionIdOf(here)]);
    expect((await getUser(elsewhere.access_token)).body).toMatchObject({ error_code: 'session_not_found' });
    expect((await refresh(server.url, elsewhere.refresh_token)).body).toMatchObject({ error_code: 'refresh_token_not_found' });
    expect((await getUser(here.access_token)).status).toBe(200);
    await refreshed(here.refresh_token);
  });

  it('refuses a request without a token, and a scope it does not know, ending nothing', async () => {
    const user = await createThrowawayUser();
    const session = await signIn(user);
    const anonymous = await logout(undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error_code: 'no_authorization' });
    const unknownScope = await logout(session.access_token, 'everyone');
    expect(unknownScope.status).toBe(400);
    expect(unknownScope.body).toMatchObject({ error_code: 'validation_failed', msg: 'Unsupported logout scope "everyone"' });
    expect(await sessionsOf(user.id)).toEqual([sessionIdOf(session)]);
    expect((await getUser(session.access_token)).status).toBe(200);
  });
});
