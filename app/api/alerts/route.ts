import { fetchAlertPage } from '@/lib/alerts/queries';
import { parseAlertFilters } from '@/lib/alerts/schemas';
import { authorizeApiRequest } from '@/lib/auth/session';
import { createClient } from '@/lib/supabase/server';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * GET /api/alerts?status&severity&check&q&sort&cursor — one page of the alert list as JSON, for the
 * list's live refresh: the page's own query (`fetchAlertPage`) through the user's own session, so
 * RLS decides as it does for the page. The browser thus needs no Supabase client of its own.
 * 401/403 answer as JSON (this is not a page: no redirect); the filters are read as the page
 * reads them (anything unknown falls back to the default).
 */
export async function GET(request: Request) {
  const access = await authorizeApiRequest('governance:read', 'alert list');
  if (!access.ok) return Response.json({ error: access.error }, { status: access.status, headers: NO_STORE });
  const filters = parseAlertFilters(new URL(request.url).searchParams);
  try {
    return Response.json(await fetchAlertPage(await createClient(), filters, undefined, access.user.id), { headers: NO_STORE });
  } catch (error) {
    return unavailable(error);
  }
}

function unavailable(error: unknown) {
  console.error(JSON.stringify({ level: 'error', event: 'alert_list', error: String(error) }));
  return Response.json({ error: 'unavailable' }, { status: 503, headers: NO_STORE });
}
