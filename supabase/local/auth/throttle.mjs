/**
 * Throttling password guesses (`POST /token?grant_type=password`), per account and per client
 * address: past the limit, sign-in is refused (429, `over_request_rate_limit`, `Retry-After`)
 * without the password being checked, until the window has slid past the oldest counted failure.
 *
 * Only failures count. An attempt is counted as soon as it starts (so a burst of parallel guesses
 * cannot all slip under the limit while bcrypt runs) and uncounted when it turns out not to be a
 * wrong password. Memory is bounded: each key keeps at most `maxFailures` timestamps, expired keys
 * are swept, and past `maxEntries` keys the least recently failing one is forgotten (an attacker
 * would need that many live keys, each failing, to push a lock out).
 */

/** The limits, in one place. */
export const SIGN_IN_THROTTLE = Object.freeze({
  perAccount: Object.freeze({ maxFailures: 10, windowSeconds: 15 * 60 }),
  perAddress: Object.freeze({ maxFailures: 30, windowSeconds: 15 * 60 }),
  /** Keys kept per table (accounts, addresses). */
  maxEntries: 10_000,
});

/**
 * @typedef {{ maxFailures: number, windowSeconds: number }} Limit
 * @typedef {{ perAccount: Limit, perAddress: Limit, maxEntries: number }} ThrottleSettings
 * @typedef {{ allowed: false, retryAfterSeconds: number } | { allowed: true, release: () => void }} Attempt
 */

/**
 * @param {Partial<ThrottleSettings> & { now?: () => number }} [options] `now`: a clock in
 *   milliseconds (default: monotonic)
 */
export function createSignInThrottle(options = {}) {
  const now = options.now ?? (() => performance.now());
  const maxEntries = options.maxEntries ?? SIGN_IN_THROTTLE.maxEntries;
  const accounts = createFailureLog(options.perAccount ?? SIGN_IN_THROTTLE.perAccount, maxEntries, now);
  const addresses = createFailureLog(options.perAddress ?? SIGN_IN_THROTTLE.perAddress, maxEntries, now);

  return {
    /**
     * Starts a sign-in attempt: refused while either key is over its limit; otherwise counted as a
     * failure until `release()` (call it for anything but a wrong password).
     * @param {string} accountKey
     * @param {string} addressKey
     * @returns {Attempt}
     */
    attempt(accountKey, addressKey) {
      const waitMs = Math.max(accounts.waitMs(accountKey), addresses.waitMs(addressKey));
      if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      const accountStamp = accounts.add(accountKey);
      const addressStamp = addresses.add(addressKey);
      let released = false;
      return {
        allowed: true,
        release() {
          if (released) return;
          released = true;
          accounts.remove(accountKey, accountStamp);
          addresses.remove(addressKey, addressStamp);
        },
      };
    },
    /** Keys held, for tests and diagnostics. */
    size() {
      return { accounts: accounts.size(), addresses: addresses.size() };
    },
  };
}

/**
 * Failure timestamps per key over a sliding window.
 * @param {Limit} limit
 * @param {number} maxEntries
 * @param {() => number} now
 */
function createFailureLog({ maxFailures, windowSeconds }, maxEntries, now) {
  if (!(maxFailures >= 1) || !(windowSeconds > 0) || !(maxEntries >= 1)) {
    throw new Error("sign-in throttle: maxFailures, windowSeconds and maxEntries must be positive");
  }
  const windowMs = windowSeconds * 1000;
  /** @type {Map<string, number[]>} oldest first, at most maxFailures; Map order = least recently failing first */
  const entries = new Map();
  let nextSweep = now() + windowMs;

  /** The key's unexpired timestamps (expired ones dropped), or undefined. */
  function live(/** @type {string} */ key) {
    const stamps = entries.get(key);
    if (!stamps) return undefined;
    const cutoff = now() - windowMs;
    while (stamps.length > 0 && /** @type {number} */ (stamps[0]) <= cutoff) stamps.shift();
    if (stamps.length === 0) {
      entries.delete(key);
      return undefined;
    }
    return stamps;
  }

  function sweep() {
    for (const key of [...entries.keys()]) live(key);
    nextSweep = now() + Math.min(windowMs, 60_000);
  }

  return {
    /** Milliseconds until the key may fail again (0: now). */
    waitMs(/** @type {string} */ key) {
      const stamps = live(key);
      if (!stamps || stamps.length < maxFailures) return 0;
      return /** @type {number} */ (stamps[0]) + windowMs - now();
    },
    /** Counts a failure now; returns its timestamp. */
    add(/** @type {string} */ key) {
      if (now() >= nextSweep) sweep();
      const stamps = live(key) ?? [];
      const stamp = now();
      stamps.push(stamp);
      if (stamps.length > maxFailures) stamps.shift();
      entries.delete(key);
      entries.set(key, stamps);
      if (entries.size > maxEntries) sweep();
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return stamp;
    },
    /** Uncounts a failure added by `add`. */
    remove(/** @type {string} */ key, /** @type {number} */ stamp) {
      const stamps = entries.get(key);
      if (!stamps) return;
      const index = stamps.lastIndexOf(stamp);
      if (index >= 0) stamps.splice(index, 1);
      if (stamps.length === 0) entries.delete(key);
    },
    size: () => entries.size,
  };
}
