import { authorizeApiRequest } from '@/lib/auth/session';
import { recordExport } from '@/lib/exports/log';
import { interpolate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { obtainBoardReport } from '@/lib/review/report';
import { createClient } from '@/lib/supabase/server';

const NO_STORE = { 'Cache-Control': 'no-store' };
const DEPOT_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

function jsonError(status: number, error: string, message: string) {
  return Response.json({ error, message }, { status, headers: NO_STORE });
}

/**
 * GET /api/review/report?month=YYYY-MM[&depot=CODE][&part=manifest] — the monthly board report of a
 * month that is over, for a depot or every depot the user sees: the PDF, or (part=manifest) its
 * signed manifest as JSON. The first request for a month and scope renders and keeps it
 * (lib/review/report.tsx); every later one answers the same bytes. Every download is logged
 * (record_export, review_pdf) before the file leaves; if it cannot be logged, there is no file.
 */
export async function GET(request: Request) {
  const { dict } = await getI18n();
  const r = dict.review;
  const access = await authorizeApiRequest('governance:read', 'board report');
  if (!access.ok) {
    const messages = { unauthenticated: r.reportUnauthenticated, forbidden: r.reportForbidden, unavailable: r.reportFailed };
    return jsonError(access.status, access.error, messages[access.error]);
  }
  // The first request for a month writes (a report kept for good, a ledger event): not on a link
  // from another site (a cross-site navigation carries the Lax session cookie).
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return jsonError(403, 'cross_site', r.reportForbidden);
  const params = new URL(request.url).searchParams;
  const month = params.get('month') ?? '';
  const depot = params.get('depot') || undefined;
  const part = params.get('part') ?? 'pdf';
  if ((depot !== undefined && !DEPOT_CODE.test(depot)) || (part !== 'pdf' && part !== 'manifest')) {
    return jsonError(400, 'invalid_request', r.reportMonthInvalid);
  }

  let answer;
  try {
    answer = await obtainBoardReport(access.user, await createClient(), month, depot);
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', event: 'board_report', error: String(error) }));
    return jsonError(503, 'report_failed', r.reportFailed);
  }
  if (!answer.ok) {
    const refusals = {
      month_invalid: [400, r.reportMonthInvalid],
      month_not_over: [400, r.reportMonthNotOver],
      depot_unknown: [404, interpolate(r.unknownDepot, { depot: depot ?? '' })],
      signing_key_missing: [503, r.reportFailed],
      rate_limited: [429, r.reportRateLimited],
    } as const satisfies Record<string, readonly [number, string]>;
    const [status, message] = refusals[answer.reason];
    return jsonError(status, answer.reason, message);
  }
  const { report } = answer;
  const logged = await recordExport(access.user.id, 'review_pdf', { month: report.month, depot: report.depot ?? 'all', part }, null);
  if (!logged) return jsonError(503, 'report_failed', r.reportFailed);

  if (part === 'manifest') {
    return new Response(`${JSON.stringify(report.signed, null, 2)}\n`, {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${report.fileBase}.manifest.json"`,
        ...NO_STORE,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }
  return new Response(new Uint8Array(report.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${report.fileBase}.pdf"`,
      'Content-Length': String(report.pdf.byteLength),
      ...NO_STORE,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
