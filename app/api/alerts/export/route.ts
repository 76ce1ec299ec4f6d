import { alertsCsv, alertsCsvFileName, ALERT_EXPORT_MAX_ROWS } from '@/lib/alerts/export-csv';
import { fetchAlertPage, type AlertListRow } from '@/lib/alerts/queries';
import { alertFiltersToQuery } from '@/lib/alerts/rules';
import { parseAlertFilters } from '@/lib/alerts/schemas';
import { authorizeApiRequest } from '@/lib/auth/session';
import { recordExport } from '@/lib/exports/log';
import { formatNumber, interpolate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { createClient } from '@/lib/supabase/server';

const NO_STORE = { 'Cache-Control': 'no-store' };
const PAGE = 1000;

function jsonError(status: number, error: string, message: string) {
  return Response.json({ error, message }, { status, headers: NO_STORE });
}

/**
 * GET /api/alerts/export?<the list's filters> — the filtered alert list as CSV (UTF-8 with BOM), every
 * page, read as the list reads it (fetchAlertPage, the user's own session: RLS decides), at most
 * ALERT_EXPORT_MAX_ROWS alerts (more: 413, narrow the filters). The export is logged
 * (record_export: who, what, when) before the file leaves; if it cannot be logged, there is no file.
 */
export async function GET(request: Request) {
  const { dict, locale } = await getI18n();
  const a = dict.alerts;
  const access = await authorizeApiRequest('governance:read', 'alert export');
  if (!access.ok) {
    const messages = { unauthenticated: a.exportUnauthenticated, forbidden: a.exportForbidden, unavailable: a.exportFailed };
    return jsonError(access.status, access.error, messages[access.error]);
  }
  // The flat list under the page's filters (a grouping only changes how the page shows them).
  const filters = { ...parseAlertFilters(new URL(request.url).searchParams), cursor: undefined, group: undefined };
  const supabase = await createClient();
  const timeZone = await getDepotTimeZone();
  const rows: AlertListRow[] = [];
  try {
    let cursor: string | undefined;
    do {
      const page = await fetchAlertPage(supabase, { ...filters, cursor }, PAGE, access.user.id);
      rows.push(...page.rows);
      cursor = page.nextCursor ?? undefined;
      if (rows.length > ALERT_EXPORT_MAX_ROWS) {
        return jsonError(413, 'too_many_rows', interpolate(a.exportTooMany, { max: formatNumber(ALERT_EXPORT_MAX_ROWS, locale) }));
      }
    } while (cursor);
    const recorded = Object.fromEntries(new URLSearchParams(alertFiltersToQuery(filters)));
    if (!(await recordExport(access.user.id, 'alerts_csv', recorded, rows.length))) throw new Error('the export could not be logged');
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', event: 'alert_export', error: String(error) }));
    return jsonError(503, 'export_failed', a.exportFailed);
  }
  return new Response(alertsCsv(rows, dict, timeZone), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${alertsCsvFileName(new Date(), timeZone)}"`,
      ...NO_STORE,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
