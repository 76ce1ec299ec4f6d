/**
 * The security headers every response carries (issue: hardening). Pure, so they are unit-tested:
 *  - a Content-Security-Policy with a per-request nonce: scripts run only with the nonce
 *    ('strict-dynamic' lets Next's own chunks load); no 'unsafe-inline' for scripts; styles allow
 *    inline (style attributes from the chart library, toasts' injected styles); connections only to
 *    this site (the browser never calls Supabase: the list refreshes through /api/alerts, actions
 *    are server actions); no framing (frame-ancestors 'none');
 *  - Strict-Transport-Security in production; X-Content-Type-Options, Referrer-Policy,
 *    Permissions-Policy always.
 */
export function contentSecurityPolicy({ nonce, development }: { nonce: string; development: boolean }): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'unsafe-eval' in development only: React rebuilds server error stacks with eval.
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'"],
    // Development adds the hot-reload websocket.
    'connect-src': ["'self'", ...(development ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export function staticSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'X-Frame-Options': 'DENY',
    ...(production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
