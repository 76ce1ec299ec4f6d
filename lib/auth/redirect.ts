/**
 * Where to send a user after sign-in: a page of the console, never another site.
 *
 * IMPORTANT: the check runs on the URL as the browser will read it, not on the raw string. A URL
 * parser drops tabs and newlines and resolves dot segments, so `/.//evil.example`, `/%2e//x`,
 * `/a/..//x` or `/\t/x` all become the protocol-relative `//x` (another host) once normalised.
 * So: refuse control characters and backslashes outright, normalise, then require the result to be
 * a governance page of this origin whose path cannot be read as `//host`.
 */
import { HOME_PATH, isGovernancePath } from '@/lib/routes';

export { HOME_PATH };

const ORIGIN = 'http://console.invalid';
// Control characters (which URL parsers strip), backslashes (read as slashes), and encoded slashes
// or backslashes (which some servers decode before routing).
const FORBIDDEN = /[\u0000-\u001f\u007f\\]|%(?:2f|5c)/i;

export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || FORBIDDEN.test(value)) return HOME_PATH;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return HOME_PATH;
  }
  const path = url.pathname + url.search;
  const isGovernancePage = isGovernancePath(url.pathname);
  if (url.origin !== ORIGIN || !isGovernancePage || path.startsWith('//') || FORBIDDEN.test(path)) return HOME_PATH;
  // The result must mean the same thing when parsed again (no second normalisation changes it).
  const again = new URL(path, ORIGIN);
  return again.origin === ORIGIN && again.pathname + again.search === path ? path : HOME_PATH;
}
