import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DatabaseError } from '@/lib/actions/postgrest-error';
import type { Database } from '@/lib/supabase/database.types';
import { z } from 'zod';
import type { ReviewBounds } from './period';
import { attestationSchema, type Attestation } from './attestation';
import { reviewSummarySchema, type ReviewSummary } from './schemas';

/**
 * The review's figures for a period and a depot (null: every depot the user sees), read through
 * the user's own session: RLS decides which alerts count. A depot the user cannot see is
 * `depot_not_found` — a DatabaseError the page turns into « dépôt inconnu ».
 */
export async function fetchReviewSummary(
  supabase: SupabaseClient<Database>,
  bounds: Pick<ReviewBounds, 'since' | 'until'>,
  depot: string | undefined,
): Promise<ReviewSummary> {
  const { data, error, status } = await supabase.rpc('review_summary', {
    p_since: bounds.since.toISOString(),
    p_until: bounds.until.toISOString(),
    // Nullable argument: the generated types say string; PostgREST passes JSON null as SQL null.
    p_depot: depot ?? (null as unknown as string),
  });
  if (error) throw new DatabaseError('review summary', error, status);
  return reviewSummarySchema.parse(data);
}

/**
 * The PCA's attestation of a month for a depot (null: every depot the user sees), or null when the
 * month is not attested (or the user cannot see it: RLS).
 */
export async function fetchAttestation(
  supabase: SupabaseClient<Database>,
  month: string,
  depotId: string | null,
): Promise<Attestation | null> {
  const base = supabase
    .from('review_attestations')
    .select(
      'id, period_month, attested_at, comment, summary_sha256, report_sha256, ledger_head_id, ledger_head_hash, attester:profils!review_attestations_attested_by_fkey(nom_complet)',
    )
    .eq('period_month', `${month}-01`);
  const { data, error, status } = await (depotId ? base.eq('depot_id', depotId) : base.is('depot_id', null)).maybeSingle();
  if (error) throw new DatabaseError('review attestation', error, status);
  if (!data) return null;
  return attestationSchema.parse({ ...data, attested_by_name: data.attester?.nom_complet ?? null });
}

/** The month's board report as kept (who generated it, when, its hash and size), or null when none is yet. */
export const reportMetaSchema = z.object({
  id: z.string(),
  generated_at: z.string(),
  generated_by_name: z.string().nullable(),
  pdf_sha256: z.string(),
  byte_size: z.coerce.number(),
});
export type ReportMeta = z.output<typeof reportMetaSchema>;

export async function fetchReportMeta(
  supabase: SupabaseClient<Database>,
  month: string,
  depotId: string | null,
): Promise<ReportMeta | null> {
  const base = supabase
    .from('board_reports')
    .select('id, generated_at, pdf_sha256, byte_size, generator:profils!board_reports_generated_by_fkey(nom_complet)')
    .eq('period_month', `${month}-01`);
  const { data, error, status } = await (depotId ? base.eq('depot_id', depotId) : base.is('depot_id', null)).maybeSingle();
  if (error) throw new DatabaseError('board report', error, status);
  if (!data) return null;
  return reportMetaSchema.parse({ ...data, generated_by_name: data.generator?.nom_complet ?? null });
}
