import { NextResponse, type NextRequest } from 'next/server';
import { HOME_PATH, ROUTES, signInPath } from '@/lib/routes';
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from '@/lib/http/security-headers';
import { updateSession } from '@/lib/supabase/proxy';

/**
 * On every request: a fresh CSP nonce and the security headers; the session refreshed; visitors
 * without a session sent from any governance page to the sign-in page, which brings them back.
 * Pages and actions check again (requirePermission / defineAction): the proxy only redirects, it
 * protects nothing by itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = createNonce();
  const csp = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === 'development' });
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  request.headers.set('Content-Security-Policy', csp);
  request.headers.set('x-nonce', nonce);
  // The page and action code log denied attempts with the path they were asked for.
  request.headers.set('x-pathname', pathname + search);
  const result = await route(request);
  result.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ production: process.env.NODE_ENV === 'production' }))) {
    result.headers.set(name, value);
  }
  return result;
}

async function route(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const { response, claims, authUnavailable } = await updateSession(request);

  const redirectTo = (path: string) => {
    const redirect = NextResponse.redirect(new URL(path, request.url));
    // Keep the refreshed session cookies on the redirect.
    for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
    return redirect;
  };

  if (pathname === '/') return redirectTo(claims || authUnavailable ? HOME_PATH : ROUTES.signIn);
  // Auth server unreachable: let the page ask again and show its error state (with retry), rather
  // than sending a signed-in user to the sign-in page.
  if (!claims && !authUnavailable && pathname.startsWith(ROUTES.governance)) {
    return redirectTo(signInPath(pathname + search));
  }
  return response;
}

export const config = {
  matcher: [
    {
      // Every path except Next.js internals, the favicon, and static files served from public/.
      // (Static files get their headers from next.config.ts.) Not server actions: an action answers
      // for itself (defineAction: `unauthenticated`, `unavailable`) and checks — and refreshes — the
      // session itself; a redirect would reach the browser as an unreadable answer, and a page's
      // CSP means nothing on an action's answer (next.config.ts gives it the other headers).
      source: '/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|webmanifest)$).*)',
      missing: [{ type: 'header', key: 'next-action' }],
    },
  ],
};
