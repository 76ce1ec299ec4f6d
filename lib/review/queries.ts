import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DatabaseError } from '@/lib/actions/postgrest-error';
import type { Database } from '@/lib/supabase/database.types';
import type { ReviewBounds } from './period';
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
