import 'server-only';
import { renderToBuffer } from '@react-pdf/renderer';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DatabaseError } from '@/lib/actions/postgrest-error';
import { getExportSigningKey } from '@/lib/audit/export-signing';
import type { SessionUser } from '@/lib/auth/session';
import { fetchDepots } from '@/lib/depots/queries';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import type { Database } from '@/lib/supabase/database.types';
import { reviewBounds } from './period';
import { fetchReviewSummary } from './queries';
import { BoardReportDocument } from './report-document';
import { reportFileBase, signedReportManifestSchema, signReportManifest, type SignedReportManifest } from './report-manifest';
import { readLedgerState, readReportPdf, storeBoardReport } from './report-store';
import { reportDetailsSchema } from './schemas';

/**
 * The monthly board report of a month and a scope: the one kept in board_reports, or — the first
 * time anyone asks — rendered now from the month's figures (review_summary(), board_report_details(),
 * read as the user: RLS), the ledger's state, signed (the console's export key) and kept. The first
 * report kept is the month's for good: two users asking at once both get it, byte for byte.
 */
export type BoardReport = {
  id: string;
  month: string;
  depot: string | null;
  pdf: Buffer;
  signed: SignedReportManifest;
  /** `rapport-conseil-2026-11-tous-depots`: the PDF's name without `.pdf`; the manifest's adds `.manifest.json`. */
  fileBase: string;
};

export type BoardReportRefusal = 'month_invalid' | 'month_not_over' | 'depot_unknown' | 'signing_key_missing' | 'rate_limited';

/** New reports one user may have generated in the last hour (store_board_report() enforces the same). */
export const REPORTS_PER_HOUR = 30;

export const REPORT_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

type Client = SupabaseClient<Database>;

async function storedReport(supabase: Client, month: string, depotId: string | null) {
  const base = supabase.from('board_reports').select('id, manifest, signature').eq('period_month', `${month}-01`);
  const { data, error, status } = await (depotId ? base.eq('depot_id', depotId) : base.is('depot_id', null)).maybeSingle();
  if (error) throw new DatabaseError('board report', error, status);
  return data;
}

/** The user's name and depot, read here: a server action's session user carries neither. */
async function readProfile(supabase: Client, userId: string): Promise<{ name: string | null; depotCode: string | null }> {
  const { data, error, status } = await supabase
    .from('profils')
    .select('nom_complet, depot:depots(code)')
    .eq('user_id', userId)
    .maybeSingle();
  if (error) throw new DatabaseError('profile', error, status);
  return { name: data?.nom_complet ?? null, depotCode: data?.depot?.code ?? null };
}

export async function obtainBoardReport(
  user: SessionUser,
  supabase: Client,
  month: string,
  depotCode: string | undefined,
  now = new Date(),
): Promise<{ ok: true; report: BoardReport } | { ok: false; reason: BoardReportRefusal }> {
  if (!REPORT_MONTH.test(month) || month < '2000-01') return { ok: false, reason: 'month_invalid' };
  const timeZone = await getDepotTimeZone();
  const bounds = reviewBounds({ period: 'month', month }, now, timeZone);
  if (!bounds.ok) return { ok: false, reason: bounds.reason === 'future' ? 'month_not_over' : 'month_invalid' };
  if (bounds.bounds.until.getTime() > now.getTime()) return { ok: false, reason: 'month_not_over' };

  // The scope: the depot asked for (read as the user: another depot's is unknown), else a depot's
  // user's own, else every depot.
  const [depots, profile] = await Promise.all([fetchDepots(supabase), readProfile(supabase, user.id)]);
  const wanted = depotCode ?? profile.depotCode ?? undefined;
  const scope = wanted ? depots.find((depot) => depot.code === wanted) : undefined;
  if (wanted && !scope) return { ok: false, reason: 'depot_unknown' };
  const depotId = scope?.id ?? null;
  const fileBase = reportFileBase(month, scope?.code ?? null);

  /** The month's report as kept: its row read as the user (RLS), its bytes by the server. */
  const keptReport = async (): Promise<BoardReport | null> => {
    const kept = await storedReport(supabase, month, depotId);
    if (!kept) return null;
    return {
      id: kept.id,
      month,
      depot: scope?.code ?? null,
      pdf: await readReportPdf(kept.id),
      signed: signedReportManifestSchema.parse({ manifest: kept.manifest, signature: kept.signature }),
      fileBase,
    };
  };
  const kept = await keptReport();
  if (kept) return { ok: true, report: kept };

  const key = getExportSigningKey();
  if (!key) return { ok: false, reason: 'signing_key_missing' };
  // Every report is kept for good: checked before rendering, which is what costs.
  const {
    count,
    error: countError,
    status,
  } = await supabase
    .from('board_reports')
    .select('id', { count: 'exact', head: true })
    .eq('generated_by', user.id)
    .gt('generated_at', new Date(Date.now() - 3_600_000).toISOString());
  if (countError) throw new DatabaseError('board reports generated', countError, status);
  if ((count ?? 0) >= REPORTS_PER_HOUR) return { ok: false, reason: 'rate_limited' };
  const [summary, details, ledger] = await Promise.all([
    fetchReviewSummary(supabase, bounds.bounds, scope?.code),
    supabase
      .rpc('board_report_details', {
        p_since: bounds.bounds.since.toISOString(),
        p_until: bounds.bounds.until.toISOString(),
        p_depot: (scope?.code ?? null) as string,
      })
      .then(({ data, error, status }) => {
        if (error) throw new DatabaseError('board report details', error, status);
        return reportDetailsSchema.parse(data);
      }),
    readLedgerState(),
  ]);
  const generatedAt = new Date();
  const pdf = await renderToBuffer(
    <BoardReportDocument
      content={{
        month,
        scope: scope ? { code: scope.code, name: scope.name } : null,
        timeZone,
        generatedAt,
        generatedBy: profile.name ?? user.email,
        summary,
        details,
        ledger,
        showLedgerSize: scope === undefined,
      }}
    />,
  );
  const signed = signReportManifest(
    pdf,
    {
      month,
      since: bounds.bounds.since.toISOString(),
      until: bounds.bounds.until.toISOString(),
      time_zone: timeZone,
      depot: scope?.code ?? null,
      generated_at: generatedAt.toISOString(),
      head: ledger.head,
      ledger_valid: ledger.valid,
    },
    key,
  );
  const stored = await storeBoardReport({
    actorId: user.id,
    month,
    depotId,
    pdf,
    manifest: signed.manifest,
    signature: signed.signature,
  });
  if (stored === 'rate_limited') return { ok: false, reason: 'rate_limited' };
  if (stored.created) return { ok: true, report: { id: stored.id, month, depot: scope?.code ?? null, pdf, signed, fileBase } };
  // Someone else's report was kept first: theirs is the month's.
  const first = await keptReport();
  if (!first) throw new Error('a board report was kept, yet cannot be read back');
  return { ok: true, report: first };
}
