import type { ExportViewRow } from '@/lib/audit/export-format';
import { getExportSigningKey } from '@/lib/audit/export-signing';
import { createExportStream } from '@/lib/audit/export-stream';
import { exportedFilters, parseExportQuery } from '@/lib/audit/filters';
import type { ChainHead } from '@/lib/audit/manifest';
import { EXPORT_PAGE_SIZE, fetchChainHead, fetchExportPage } from '@/lib/audit/queries';
import { authorizeApiRequest } from '@/lib/auth/session';
import { recordExport } from '@/lib/exports/log';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { instantToZoned } from '@/lib/i18n/zoned-time';
import { fetchDepots } from '@/lib/depots/queries';
import { createClient } from '@/lib/supabase/server';

const CONTENT_TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

function jsonError(status: number, error: string, message: string, extra: Record<string, unknown> = {}) {
  return Response.json({ error, message, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** journal-alertes-20261125-1730.jsonl (journal-alertes-complet-… for the whole ledger), in the depot's clock. */
function fileName(now: Date, timeZone: string, extension: string, wholeLedger: boolean): string {
  const local = instantToZoned(now, timeZone); // 2026-11-25T17:30
  const stamp = `${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11, 16).replace(':', '')}`;
  return `journal-alertes-${wholeLedger ? 'complet-' : ''}${stamp}.${extension}`;
}

/**
 * GET /api/audit/export?format=csv|jsonl&from&to&actor&check&type&depot (or &scope=all: the whole ledger)
 * — the alert ledger as a download, read through the user's own session (RLS: governance roles), in
 * ascending id order up to the chain's head read first, streamed page by page, and ending with the
 * manifest signed with the console's key (lib/audit/manifest.ts). 401/403/400/503 answer as JSON
 * (this is not a page: no redirect); a page that fails mid-stream aborts the download rather than
 * truncating it, and the manifest is never written.
 */
export async function GET(request: Request) {
  const { dict } = await getI18n();
  const access = await authorizeApiRequest('governance:read', 'audit export');
  if (!access.ok) {
    const messages = {
      unauthenticated: dict.audit.exportUnauthenticated,
      forbidden: dict.audit.exportForbidden,
      unavailable: dict.audit.exportFailed,
    };
    return jsonError(access.status, access.error, messages[access.error]);
  }

  const timeZone = await getDepotTimeZone();
  const parsed = parseExportQuery(new URL(request.url).searchParams, timeZone);
  if (!parsed.ok) return jsonError(400, 'invalid_filters', dict.audit.exportInvalid, { issues: parsed.issues });
  const { format, filters } = parsed.value;

  // An unsigned export could not be told from a doctored one: none without the key (development only).
  const signingKey = getExportSigningKey();
  if (!signingKey) return jsonError(503, 'signing_key_missing', dict.audit.signingKeyMissing);

  const supabase = await createClient();
  const now = new Date();
  // A depot's code names the depot the user sees by that code (RLS): another depot's is a 400.
  if (filters?.depot) {
    let depots;
    try {
      depots = await fetchDepots(supabase);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', event: 'audit_export', error: String(error) }));
      return jsonError(500, 'export_failed', dict.audit.exportFailed);
    }
    filters.depotId = depots.find((depot) => depot.code === filters.depot)?.id;
    if (!filters.depotId) {
      return jsonError(400, 'invalid_filters', dict.audit.exportInvalid, { issues: [{ field: 'depot', message: 'unknownDepot' }] });
    }
  }
  // The head, then the first page, are read before answering, so a database that is down gets a
  // 500, not an empty file.
  let head: ChainHead | null;
  let firstPage: ExportViewRow[];
  try {
    head = await fetchChainHead(supabase);
    firstPage = head ? await fetchExportPage(supabase, filters, 0, head.id, EXPORT_PAGE_SIZE) : [];
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', event: 'audit_export', error: String(error) }));
    return jsonError(500, 'export_failed', dict.audit.exportFailed);
  }

  const throughId = head?.id ?? 0;
  // A depot's user reads their depot's events only (RLS): the manifest says so, and the verifier
  // then checks it as the filtered export it is, not as the whole ledger.
  const recordedFilters = access.user.depot ? { ...exportedFilters(filters), depot: access.user.depot.code } : exportedFilters(filters);
  // Logged before the file leaves (who, what, when; the rows are streamed, so not counted): no log, no file.
  if (
    !(await recordExport(
      access.user.id,
      format === 'csv' ? 'audit_csv' : 'audit_jsonl',
      { ...recordedFilters, through_id: String(throughId) },
      null,
    ))
  ) {
    return jsonError(500, 'export_failed', dict.audit.exportFailed);
  }
  const stream = createExportStream({
    format,
    exportedAt: now.toISOString(),
    filters: recordedFilters,
    head,
    fetchPage: (afterId) => fetchExportPage(supabase, filters, afterId, throughId, EXPORT_PAGE_SIZE),
    pageSize: EXPORT_PAGE_SIZE,
    firstPage,
    signingKey,
    onError: (error) => console.error(JSON.stringify({ level: 'error', event: 'audit_export', midStream: true, error: String(error) })),
  });

  return new Response(stream, {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${fileName(now, timeZone, format, filters === null && !access.user.depot)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
