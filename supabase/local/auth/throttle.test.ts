import { describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE, createSignInThrottle } from './throttle.mjs';

/** A throttle on a clock the test moves. */
function throttleAt(settings: Parameters<typeof createSignInThrottle>[0] = {}) {
  let now = 1_000_000;
  const throttle = createSignInThrottle({ ...settings, now: () => now });
  return {
    throttle,
    advance: (ms: number) => {
      now += ms;
    },
    /** One wrong password: the attempt stays counted. */
    fail(account: string, address: string) {
      const attempt = throttle.attempt(account, address);
      expect(attempt.allowed).toBe(true);
    },
  };
}

describe('sign-in throttle', () => {
  it('has the limits of finding 4: 10 per account and 30 per address per 15 minutes', () => {
    expect(SIGN_IN_THROTTLE.perAccount).toEqual({ maxFailures: 10, windowSeconds: 900 });
    expect(SIGN_IN_THROTTLE.perAddress).toEqual({ maxFailures: 30, windowSeconds: 900 });
  });

  it('refuses an account after 10 failures, from any address, with the seconds until the oldest expires', () => {
    const { throttle, advance, fail } = throttleAt();
    for (let i = 0; i < 10; i++) {
      fail('user:a', `10.0.0.${i}`);
      advance(1000);
    }
    expect(throttle.attempt('user:a', '10.0.1.1')).toEqual({ allowed: false, retryAfterSeconds: 890 });
    expect(throttle.attempt('user:b', '10.0.1.1').allowed).toBe(true);
    advance(889_500);
    expect(throttle.attempt('user:a', '10.0.1.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(500);
    // The window slid past the first failure: one more attempt, then refused until the second expires.
    const attempt = throttle.attempt('user:a', '10.0.1.1');
    expect(attempt.allowed).toBe(true);
    expect(throttle.attempt('user:a', '10.0.1.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refuses an address after 30 failures, whatever the account', () => {
    const { throttle, fail } = throttleAt();
    for (let i = 0; i < 30; i++) fail(`email:guess-${i}@x.test`, '192.0.2.7');
    expect(throttle.attempt('user:someone-else', '192.0.2.7')).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(throttle.attempt('user:someone-else', '192.0.2.8').allowed).toBe(true);
  });

  it('does not count an attempt that is released (a right password, or any other answer)', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 50; i++) {
      const attempt = throttle.attempt('user:a', '192.0.2.1');
      if (!attempt.allowed) throw new Error(`refused at attempt ${i}`);
      attempt.release();
      attempt.release(); // twice is once
    }
    expect(throttle.size()).toEqual({ accounts: 0, addresses: 0 });
  });

  it('counts attempts in flight, so parallel guesses cannot all slip under the limit', () => {
    const { throttle } = throttleAt({ perAccount: { maxFailures: 3, windowSeconds: 60 } });
    const inFlight = Array.from({ length: 5 }, () => throttle.attempt('user:a', '192.0.2.1'));
    expect(inFlight.map((a) => a.allowed)).toEqual([true, true, true, false, false]);
  });

  it('keeps bounded memory: expired keys are swept, and past the cap the least recently failing key goes', () => {
    const { throttle, advance, fail } = throttleAt({
      maxEntries: 100,
      perAccount: { maxFailures: 2, windowSeconds: 60 },
      perAddress: { maxFailures: 1000, windowSeconds: 60 },
    });
    for (let i = 0; i < 100; i++) fail(`email:${i}@x.test`, `10.1.0.${i % 50}`);
    expect(throttle.size()).toEqual({ accounts: 100, addresses: 50 });
    fail('email:locked@x.test', '10.2.0.1');
    fail('email:locked@x.test', '10.2.0.1');
    expect(throttle.size().accounts).toBe(100);
    for (let i = 0; i < 98; i++) fail(`email:more-${i}@x.test`, '10.3.0.1');
    // The locked key failed last but one hundred: still there.
    expect(throttle.attempt('email:locked@x.test', '10.4.0.1').allowed).toBe(false);
    advance(61_000);
    fail('email:new@x.test', '10.5.0.1');
    expect(throttle.size()).toEqual({ accounts: 1, addresses: 1 });
  });
});
