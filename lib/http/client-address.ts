import { isIP } from 'node:net';

/**
 * The visitor's address from X-Forwarded-For: `trustedHops` entries from the end (each trusted
 * proxy appends the address it was reached from). Null when that entry is missing or not an IP
 * address. IMPORTANT: with no proxy in front, Next.js fills the header with the connection's
 * address only when the visitor sent none, so a visitor can choose the address it is counted under
 * there; per-account limits do not depend on it.
 */
export function clientAddressFrom(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const candidate = entries[entries.length - trustedHops];
  if (!candidate) return null;
  const address = candidate.replace(/^\[(.*)\](?::\d+)?$/, '$1').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return isIP(address) ? address : null;
}
