/**
 * Where to send a user after sign-in: only a path of this site (no scheme, no `//host`, no
 * backslash tricks), so the `next` parameter cannot become an open redirect.
 */
export const HOME_PATH = '/governance/integrity';

export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return HOME_PATH;
  }
  try {
    const url = new URL(value, 'http://console.invalid');
    if (url.origin !== 'http://console.invalid' || url.pathname.startsWith('/sign-in')) return HOME_PATH;
    return url.pathname + url.search;
  } catch {
    return HOME_PATH;
  }
}
