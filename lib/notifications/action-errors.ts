import { toActionError, type PostgrestLikeError } from '@/lib/actions/postgrest-error';
import { ActionError } from '@/lib/actions/result';
import type { Dictionary } from '@/lib/i18n/dictionaries';

/**
 * The notification functions' refusals (their hints) as the user reads them, on the field they
 * concern. The console checks the same rules first, so a refusal of a rule it checked means the two
 * disagree: it carries the rule (`refusal`), and the action wrapper records RULES_DISAGREE. Anything
 * else is translated as every other database error is (toActionError).
 */
export function notificationActionError(error: PostgrestLikeError, dict: Dictionary, status?: number): ActionError {
  const hint = error.hint ?? '';
  const refusal = { sqlstate: error.code || '22023', rule: hint };
  const n = dict.notifications;
  switch (hint) {
    case 'webhook_url_invalid':
      return new ActionError('validation', n.webhookUrlInvalid, { webhookUrl: [n.webhookUrlInvalid] }, refusal);
    case 'preferences_invalid':
      return new ActionError('validation', n.preferencesInvalid, { form: [n.preferencesInvalid] }, refusal);
    case 'deadline_invalid':
      return new ActionError('validation', n.deadlineInvalid, { form: [n.deadlineInvalid] }, refusal);
    case 'deadlines_require_directeur':
      return new ActionError('forbidden', n.deadlinesRequireDirecteur, undefined, refusal);
    case 'head_office_only':
      // The action does not read the depot (the page hides the form from a depot's directeur): the
      // database alone decides, so this is not a disagreement between the two.
      return new ActionError('forbidden', n.deadlinesHeadOfficeOnly);
    case 'retry_requires_admin':
      return new ActionError('forbidden', dict.deliveries.retryRequiresAdmin, undefined, refusal);
    case 'delivery_not_failed':
      // Someone retried it first, or the worker is on it: not a disagreement.
      return new ActionError('conflict', dict.deliveries.deliveryNotFailed);
    default:
      return toActionError(error, dict, status);
  }
}
