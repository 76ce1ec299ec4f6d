import { describe, expect, it } from 'vitest';
import { SESSION_MAX_AGE_SECONDS, sessionCookieOptions } from './cookie-options';

const ssrDefaults = { path: '/', sameSite: 'lax' as const, httpOnly: false, maxAge: 400 * 24 * 60 * 60 };

describe('sessionCookieOptions', () => {
  it('makes the session cookie HttpOnly and bounds its life to the session time-box', () => {
    const options = sessionCookieOptions(ssrDefaults, { production: false, host: '127.0.0.1:3000' });
    expect(options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false, maxAge: SESSION_MAX_AGE_SECONDS, path: '/' });
    expect(SESSION_MAX_AGE_SECONDS).toBe(43_200);
  });

  it('is Secure in production, except on a loopback host', () => {
    expect(sessionCookieOptions(ssrDefaults, { production: true, host: 'console.depot.example' }).secure).toBe(true);
    expect(sessionCookieOptions(ssrDefaults, { production: true, host: null }).secure).toBe(true);
    for (const host of ['127.0.0.1:3100', 'localhost', '[::1]:3000']) {
      expect(sessionCookieOptions(ssrDefaults, { production: true, host }).secure).toBe(false);
    }
  });

  it('keeps a removal a removal', () => {
    expect(sessionCookieOptions({ ...ssrDefaults, maxAge: 0 }, { production: true, host: 'x.example' }).maxAge).toBe(0);
  });
});
