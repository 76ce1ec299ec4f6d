import { NextResponse, type NextRequest } from 'next/server';
import { HOME_PATH } from '@/lib/auth/redirect';
import { updateSession } from '@/lib/supabase/proxy';

/**
 * Refreshes the session on every request, and sends visitors without one from any governance page
 * to the sign-in page, which brings them back afterwards. Pages and actions check again
 * (requirePermission / defineAction): the proxy only redirects, it protects nothing by itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The page and action code log denied attempts with the path they were asked for.
  request.headers.set('x-pathname', pathname + search);
  const { response, claims } = await updateSession(request);

  const redirectTo = (path: string) => {
    const redirect = NextResponse.redirect(new URL(path, request.url));
    // Keep the refreshed session cookies on the redirect.
    for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
    return redirect;
  };

  if (pathname === '/') return redirectTo(claims ? HOME_PATH : '/sign-in');
  if (!claims && pathname.startsWith('/governance')) {
    return redirectTo(`/sign-in?next=${encodeURIComponent(pathname + search)}`);
  }
  return response;
}

export const config = {
  matcher: [
    // Every path except Next.js internals, the favicon, and static files served from public/.
    '/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|webmanifest)$).*)',
  ],
};
