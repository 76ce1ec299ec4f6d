'use server';

import { defineAction } from '@/lib/actions/define-action';
import { toActionError } from '@/lib/actions/postgrest-error';
import { ActionError } from '@/lib/actions/result';
import { zonedToInstant } from '@/lib/i18n/zoned-time';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { isSilenceableCheck } from './checks';
import { createSilenceInput, endSilenceInput, silenceResultSchema } from './schemas';

/**
 * The silences page's server actions (directeur). Each checks its input and the permission, then
 * calls the database's function through the user's own session: the function checks the role and
 * the values again and has the last word; its refusals become messages on the field they concern
 * (a refusal of a rule checked here first carries it, so RULES_DISAGREE records the disagreement).
 */

export const createSilenceAction = defineAction({
  name: 'create_alert_silence',
  schema: createSilenceInput,
  permission: 'silences:manage',
  handler: async ({ input, supabase, dict }) => {
    const E = dict.errors;
    const field = (
      name: 'check' | 'entity' | 'startsAt' | 'endsAt' | 'reason',
      message: string,
      rule?: { sqlstate: string; rule: string },
    ) => new ActionError('validation', message, { [name]: [message] }, rule);
    if (!isSilenceableCheck(input.check)) throw field('check', E.silenceCheckInvalid);
    const timeZone = await getDepotTimeZone();
    const startsAt = input.startsAt ? zonedToInstant(input.startsAt, timeZone) : null;
    if (startsAt && Number.isNaN(startsAt.getTime())) throw field('startsAt', E.silenceStartsInvalid);
    const endsAt = zonedToInstant(input.endsAt, timeZone);
    if (Number.isNaN(endsAt.getTime()) || endsAt.getTime() <= (startsAt ?? new Date()).getTime()) {
      throw field('endsAt', E.silenceEndsInvalid);
    }
    const { data, error, status } = await supabase.rpc('create_alert_silence', {
      p_check_code: input.check,
      p_entity_type: input.entity.type,
      p_entity_id: input.entity.id,
      // Nullable argument (null: now): the generated types say string; JSON null reaches SQL as null.
      p_starts_at: (startsAt?.toISOString() ?? null) as string,
      p_ends_at: endsAt.toISOString(),
      p_reason: input.reason,
    });
    if (error) {
      const hint = error.hint ?? '';
      const rule = { sqlstate: error.code || '22023', rule: hint };
      switch (hint) {
        case 'silence_requires_directeur':
          throw new ActionError('forbidden', E.silenceRequiresDirecteur, undefined, rule);
        case 'silence_check_invalid':
          throw field('check', E.silenceCheckInvalid, rule);
        case 'silence_entity_type_invalid':
          throw field('entity', E.silenceEntityInvalid, rule);
        case 'silence_entity_not_found':
          // Deleted since the page was read: not a disagreement.
          throw field('entity', E.silenceEntityNotFound);
        case 'silence_reason_required':
        case 'silence_reason_too_long':
          throw field('reason', hint === 'silence_reason_required' ? E.silenceReasonRequired : E.silenceReasonTooLong, rule);
        case 'silence_starts_in_past':
        case 'silence_starts_too_late':
          // Judged on the database's clock only: not a disagreement.
          throw field('startsAt', E.silenceStartsInvalid);
        case 'silence_ends_before_start':
        case 'silence_too_long':
          // Only an end before a start typed in the form is a rule both sides judged alike; « now »
          // is the database's clock, not the server's.
          throw field('endsAt', E.silenceEndsInvalid, hint === 'silence_ends_before_start' && startsAt ? rule : undefined);
        case 'too_many_silences':
          throw new ActionError('validation', E.silenceTooMany);
        case 'too_many_silences_today':
          throw new ActionError('validation', E.silenceTooManyToday);
        default:
          throw toActionError(error, dict, status);
      }
    }
    const result = silenceResultSchema.safeParse(data);
    if (!result.success) throw new Error(`create_alert_silence answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});

/** End a running or upcoming silence now: its still-active alerts are announced. */
export const endSilenceAction = defineAction({
  name: 'end_alert_silence',
  schema: endSilenceInput,
  permission: 'silences:manage',
  handler: async ({ input, supabase, dict }) => {
    const { data, error, status } = await supabase.rpc('end_alert_silence', { p_silence_id: input.id });
    if (error) {
      const hint = error.hint ?? '';
      if (hint === 'silence_requires_directeur') {
        throw new ActionError('forbidden', dict.errors.silenceRequiresDirecteur, undefined, {
          sqlstate: error.code || '42501',
          rule: hint,
        });
      }
      if (hint === 'silence_not_found') throw new ActionError('not_found', dict.errors.silenceNotFound);
      if (hint === 'silence_over') throw new ActionError('conflict', dict.errors.silenceOver);
      throw toActionError(error, dict, status);
    }
    const result = silenceResultSchema.safeParse(data);
    if (!result.success) throw new Error(`end_alert_silence answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});
