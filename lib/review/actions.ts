'use server';

import { defineAction } from '@/lib/actions/define-action';
import { toActionError } from '@/lib/actions/postgrest-error';
import { ActionError } from '@/lib/actions/result';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { z } from 'zod';
import { attestResultSchema, attestReviewInput } from './attestation';
import { obtainBoardReport } from './report';

const alreadyAttested = z.object({ attested_at: z.string(), attested_by_name: z.string().nullable() });

/** A refusal's `detail`: JSON the database wrote (who attested first, when). */
function detailOf(error: { details?: string | null }): unknown {
  try {
    return JSON.parse(error.details ?? 'null');
  } catch {
    return null;
  }
}

/**
 * The PCA attests « période revue » for a month and a scope (attest_review(): the database checks the
 * role, the month, the scope and that it is not attested yet, and keeps the figures' hash and the
 * ledger's head) — after the month's board report is kept, whose hash the attestation carries.
 * Refusals become messages; a second attestation names who was first.
 */
export const attestReviewAction = defineAction({
  name: 'attest_review',
  schema: attestReviewInput,
  permission: 'review:attest',
  handler: async ({ input, user, supabase, dict, locale }) => {
    const r = dict.review;
    // The PCA attests the month's board report: kept first (rendered now if nobody has asked for it yet).
    const report = await obtainBoardReport(user, supabase, input.month, input.depot);
    if (!report.ok) {
      switch (report.reason) {
        case 'depot_unknown':
          throw new ActionError('validation', r.attestDepotUnknown, { form: [r.attestDepotUnknown] });
        case 'signing_key_missing':
          throw new ActionError('unavailable', r.reportFailed);
        case 'rate_limited':
          throw new ActionError('rate_limited', r.reportRateLimited);
        default:
          throw new ActionError('validation', r.attestMonthNotOver, { form: [r.attestMonthNotOver] });
      }
    }
    const { data, error, status } = await supabase.rpc('attest_review', {
      p_month: `${input.month}-01`,
      // Nullable arguments: the generated types say string; JSON null reaches SQL as null.
      p_depot: (input.depot ?? null) as string,
      p_comment: (input.comment || null) as string,
    });
    if (error) {
      const rule = { sqlstate: error.code || '22023', rule: error.hint ?? '' };
      switch (error.hint) {
        case 'attestation_requires_pca':
          throw new ActionError('forbidden', r.attestRequiresPca, undefined, rule);
        case 'attestation_month_not_over':
          throw new ActionError('validation', r.attestMonthNotOver, { form: [r.attestMonthNotOver] });
        case 'attestation_month_invalid':
          throw new ActionError('validation', r.attestMonthNotOver, { form: [r.attestMonthNotOver] }, rule);
        case 'attestation_comment_too_long':
          throw new ActionError('validation', r.attestCommentTooLong, { comment: [r.attestCommentTooLong] }, rule);
        case 'depot_not_found':
          throw new ActionError('validation', r.attestDepotUnknown, { form: [r.attestDepotUnknown] });
        case 'already_attested': {
          const first = alreadyAttested.parse(detailOf(error));
          const timeZone = await getDepotTimeZone();
          throw new ActionError(
            'conflict',
            interpolate(r.attestAlready, {
              name: first.attested_by_name ?? dict.errors.someone,
              time: formatDateTime(first.attested_at, locale, timeZone),
            }),
          );
        }
        default:
          throw toActionError(error, dict, status);
      }
    }
    const result = attestResultSchema.safeParse(data);
    if (!result.success) throw new Error(`attest_review answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});
