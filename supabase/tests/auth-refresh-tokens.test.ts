/**
 * Refresh tokens (security finding 8) and session lifetimes, on an auth server of our own with a
 * 2 s reuse interval and, for the timebox, a 2 s session life (the shared stack keeps 10 s and 12 h).
 *
 * The promise, as Supabase documents it: a refresh token is used once and replaced by its child; a
 * used token may be presented again only within the reuse interval after its first use (and gets the
 * session's current token); later, that is reuse: the whole session ends — every token of the family
 * — and nothing of it refreshes again. Throwaway users only.
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
  sleep,
  startAuthServer,
} from './support/auth';
import { closeDb, query } from './support/db';

const REUSE_SECONDS = 2;
let server: AuthServer;

beforeAll(async () => {
  server = await startAuthServer({ refreshReuseIntervalSeconds: REUSE_SECONDS });
});
afterAll(async () => {
  await server?.close();
  await removeThrowawayUsers();
  await closeDb();
});

type Session = { access_token: string; refresh_token: string };

async function signIn(base = server.url): Promise<Session & { sessionId: string }> {
  const user = await createThrowawayUser();
  const answer = await passwordSignIn(base, user.email, user.password);
  expect(answer.status).toBe(200);
  const session = answer.body as Session;
  return { ...session, sessionId: String(claimsOf(session.access_token).session_id) };
}

async function refreshed(token: string): Promise<Session> {
  const answer = await refresh(server.url, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as Session;
}

async function tokensOf(sessionId: string) {
  return query<{ token: string; revoked: boolean; parent: string | null }>(
    'select token, revoked, parent from auth.refresh_tokens where session_id = $1 order by id',
    [sessionId],
  );
}

async function sessionExists(sessionId: string) {
  const rows = await query('select 1 from auth.sessions where id = $1', [sessionId]);
  return rows.length === 1;
}

/** Every token answers "not found": nothing of the family refreshes. */
async function expectAllDead(tokens: string[]) {
  for (const token of tokens) {
    const answer = await refresh(server.url, token);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error_code: 'refresh_token_not_found' });
  }
}

describe('refresh-token rotation', () => {
  it('trades a token for its child once: the used token is revoked, the child names it as parent, same session', async () => {
    const first = await signIn();
    const second = await refreshed(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(claimsOf(second.access_token).session_id).toBe(first.sessionId);
    expect(await tokensOf(first.sessionId)).toEqual([
      { token: first.refresh_token, revoked: true, parent: null },
      { token: second.refresh_token, revoked: false, parent: first.refresh_token },
    ]);
  });

  it('within the reuse interval, a used token gets the session’s current token, without a new one', async () => {
    const first = await signIn();
    const second = await refreshed(first.refresh_token);
    // The client lost the answer: its token again, at once.
    expect((await refreshed(first.refresh_token)).refresh_token).toBe(second.refresh_token);
    // The child was used meanwhile (another tab): still the current one.
    const third = await refreshed(second.refresh_token);
    expect((await refreshed(first.refresh_token)).refresh_token).toBe(third.refresh_token);
    expect((await tokensOf(first.sessionId)).map((t) => t.token)).toEqual([
      first.refresh_token,
      second.refresh_token,
      third.refresh_token,
    ]);
  });

  it('parallel refreshes with one token all succeed and agree on the child', async () => {
    const first = await signIn();
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(server.url, first.refresh_token)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.refresh_token)).size).toBe(1);
    expect(await tokensOf(first.sessionId)).toHaveLength(2);
  });
});

describe('refresh-token reuse', () => {
  it('replaying a parent after the interval, even with its child unused, ends the session and every token of it', async () => {
    const first = await signIn();
    const second = await refreshed(first.refresh_token); // second: never used
    await sleep(REUSE_SECONDS * 1000 + 300);

    const replay = await refresh(server.url, first.refresh_token);
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({
      code: 400,
      error_code: 'refresh_token_already_used',
      msg: 'Invalid Refresh Token: Already Used',
    });
    expect(await sessionExists(first.sessionId)).toBe(false);
    expect(await tokensOf(first.sessionId)).toEqual([]);
    await expectAllDead([second.refresh_token, first.refresh_token]);

    // The session's access tokens are refused by the auth server too (and by the database, which
    // refuses a session_id that is not in auth.sessions).
    const user = await authFetch(server.url, '/user', { bearer: second.access_token });
    expect(user.status).toBe(403);
    expect(user.body).toMatchObject({ error_code: 'session_not_found' });
  });

  it('measures the interval from the token’s first use: presenting it again does not extend it', async () => {
    const first = await signIn();
    const second = await refreshed(first.refresh_token);
    await sleep(REUSE_SECONDS * 500);
    expect((await refreshed(first.refresh_token)).refresh_token).toBe(second.refresh_token);
    await sleep(REUSE_SECONDS * 500 + 300);
    // Less than the interval since the last presentation, more since the first use: reuse.
    const late = await refresh(server.url, first.refresh_token);
    expect(late.body).toMatchObject({ error_code: 'refresh_token_already_used' });
    expect(await sessionExists(first.sessionId)).toBe(false);
  });

  it('once a family is revoked, none of its tokens refreshes again — not even those used moments ago', async () => {
    const first = await signIn();
    const second = await refreshed(first.refresh_token);
    await sleep(REUSE_SECONDS * 1000 + 300);
    const third = await refreshed(second.refresh_token); // second: first use now
    const fourth = await refreshed(third.refresh_token);

    // The old token comes back: reuse.
    expect((await refresh(server.url, first.refresh_token)).body).toMatchObject({ error_code: 'refresh_token_already_used' });
    // third and second were used less than the interval ago, fourth is the current token: all dead.
    await expectAllDead([third.refresh_token, second.refresh_token, fourth.refresh_token, first.refresh_token]);
    await sleep(REUSE_SECONDS * 1000 + 300);
    await expectAllDead([first.refresh_token, second.refresh_token, third.refresh_token, fourth.refresh_token]);
  });

  it('sign-out ends refreshing too', async () => {
    const first = await signIn();
    const out = await authFetch(server.url, '/logout?scope=local', { bearer: first.access_token, method: 'POST' });
    expect(out.status).toBe(204);
    await expectAllDead([first.refresh_token]);
  });
});

describe('session timebox', () => {
  it('by default a session ends 12 hours after it begins (not_after)', async () => {
    const first = await signIn();
    const [row] = await query<{ life: number }>(
      'select extract(epoch from not_after - created_at)::float8 as life from auth.sessions where id = $1',
      [first.sessionId],
    );
    expect(row?.life).toBe(12 * 3600);
  });

  it('a refresh after the timebox fails with session_expired, and one before it works', async () => {
    const short = await startAuthServer({ sessionTimeboxSeconds: 2 });
    try {
      const first = await signIn(short.url);
      const [row] = await query<{ life: number }>(
        'select extract(epoch from not_after - created_at)::float8 as life from auth.sessions where id = $1',
        [first.sessionId],
      );
      expect(row?.life).toBe(2);
      const second = await refresh(short.url, first.refresh_token);
      expect(second.status).toBe(200);
      await sleep(2300);
      const late = await authFetch(short.url, '/token?grant_type=refresh_token', {
        body: { refresh_token: second.body.refresh_token },
        apiVersion: '2024-01-01',
      });
      expect(late.status).toBe(400);
      expect(late.body).toEqual({ code: 'session_expired', message: 'Invalid Refresh Token: Session Expired' });
    } finally {
      await short.close();
    }
  });
});
