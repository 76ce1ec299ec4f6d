/**
 * Password guessing is throttled (security finding 4, the auth server's part): per account
 * (10 failures / 15 min) and per client address (30 failures / 15 min), then 429
 * `over_request_rate_limit` with `Retry-After`, without checking the password.
 *
 * Against the shared stack, with its real limits. IMPORTANT: throwaway users and fresh client
 * addresses (`X-Forwarded-For`, honoured because the tests reach the gateway over loopback) only:
 * a locked demo user would fail every other test that signs in as it, for 15 minutes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  authFetch,
  createThrowawayUser,
  freshAddress,
  passwordSignIn,
  removeThrowawayUsers,
  sleep,
  startAuthServer,
} from './support/auth';
import { closeDb, query } from './support/db';
import { supabaseUrl } from './support/env';

afterAll(async () => {
  await removeThrowawayUsers();
  await closeDb();
});

const WINDOW_SECONDS = 15 * 60;

async function sessionsOf(userId: string) {
  const [row] = await query<{ n: number }>('select count(*)::int as n from auth.sessions where user_id = $1', [userId]);
  return row?.n ?? -1;
}

describe('sign-in throttle', () => {
  it('locks an account after 10 wrong passwords from anywhere, refusing even the right one, with Retry-After', async () => {
    const user = await createThrowawayUser();
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      const wrong = await passwordSignIn(supabaseUrl, user.email, `wrong-${i}`, freshAddress());
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ error_code: 'invalid_credentials' });
    }

    // The right password, from a new address, in either spelling of the address: refused.
    for (const email of [user.email, user.email.toUpperCase()]) {
      const locked = await passwordSignIn(supabaseUrl, email, user.password, freshAddress());
      expect(locked.status).toBe(429);
      expect(locked.body).toEqual({ code: 429, error_code: 'over_request_rate_limit', msg: 'Request rate limit reached' });
      expect(locked.headers.get('x-sb-error-code')).toBe('over_request_rate_limit');
      // Until the first failure leaves the 15-minute window.
      const retryAfter = Number(locked.headers.get('retry-after'));
      const elapsed = Math.ceil((Date.now() - started) / 1000);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(retryAfter).toBeGreaterThanOrEqual(WINDOW_SECONDS - elapsed);
    }
    // auth-js's shape (it sends the API version): code = the error code.
    const versioned = await authFetch(supabaseUrl, '/token?grant_type=password', {
      body: { email: user.email, password: user.password },
      forwardedFor: freshAddress(),
      apiVersion: '2024-01-01',
    });
    expect(versioned.status).toBe(429);
    expect(versioned.body).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it('answers a locked account at once: the password is not checked', async () => {
    const user = await createThrowawayUser();
    // A real bcrypt cost, so checking the password would show in the time.
    await query("update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', 12)) where id = $1", [
      user.id,
      user.password,
    ]);
    const timed = async (password: string) => {
      const started = performance.now();
      const answer = await passwordSignIn(supabaseUrl, user.email, password, freshAddress());
      return { status: answer.status, ms: performance.now() - started };
    };
    const wrong = [];
    for (let i = 0; i < 10; i++) wrong.push(await timed(`wrong-${i}`));
    const locked = await timed(user.password);
    expect(locked.status).toBe(429);
    const slowestCheck = Math.min(...wrong.map((w) => w.ms));
    expect(slowestCheck).toBeGreaterThan(100);
    expect(locked.ms).toBeLessThan(slowestCheck / 2);
  });

  it('locks an address after 30 failures, whatever the accounts, and only that address', async () => {
    const address = freshAddress();
    for (let i = 0; i < 30; i++) {
      const wrong = await passwordSignIn(supabaseUrl, `nobody-${i}-${address}@auth.test`, 'guess', address);
      expect(wrong.status).toBe(400);
    }
    const user = await createThrowawayUser();
    const locked = await passwordSignIn(supabaseUrl, user.email, user.password, address);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(WINDOW_SECONDS - 60);
    const elsewhere = await passwordSignIn(supabaseUrl, user.email, user.password, freshAddress());
    expect(elsewhere.status).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    const user = await createThrowawayUser();
    const address = freshAddress();
    for (let i = 0; i < 35; i++) {
      const answer = await passwordSignIn(supabaseUrl, user.email, user.password, address);
      expect(answer.status).toBe(200);
    }
    expect(await sessionsOf(user.id)).toBe(35);
  });

  it('lets the account in again once the window has passed', async () => {
    const server = await startAuthServer({
      signInThrottle: { perAccount: { maxFailures: 2, windowSeconds: 2 }, perAddress: { maxFailures: 100, windowSeconds: 2 } },
    });
    try {
      const user = await createThrowawayUser();
      const address = freshAddress();
      await passwordSignIn(server.url, user.email, 'wrong', address);
      await passwordSignIn(server.url, user.email, 'wrong', address);
      const locked = await passwordSignIn(server.url, user.email, user.password, address);
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBe('2');
      await sleep(2100);
      expect((await passwordSignIn(server.url, user.email, user.password, address)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
