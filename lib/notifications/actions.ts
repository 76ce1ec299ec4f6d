'use server';

import { defineAction } from '@/lib/actions/define-action';
import { ActionError } from '@/lib/actions/result';
import { notificationActionError } from './action-errors';
import { deadlineInput, preferencesInput, preferencesSchema, retryInput, rotateSecretInput, webhookUrlSchema } from './schemas';

/**
 * The notification pages' server actions. Each validates its input, checks the permission, then
 * calls the database's function through the user's own session: the functions check the role and
 * the values again and have the last word; their refusals become messages on the field
 * (notificationActionError). The pages re-read after success (router.refresh()).
 */

export const savePreferencesAction = defineAction({
  name: 'save_notification_preferences',
  schema: preferencesInput,
  permission: 'governance:read',
  handler: async ({ input, supabase, dict }) => {
    const url = webhookUrlSchema.safeParse(input.webhookUrl);
    if (!url.success) {
      const message = dict.notifications.webhookUrlInvalid;
      throw new ActionError('validation', message, { webhookUrl: [message] });
    }
    const { data, error, status } = await supabase.rpc('set_my_notification_preferences', {
      p_email_enabled: input.emailEnabled,
      // IMPORTANT: the generated types say `string`, but null is how "no webhook" and "no
      // immediate notification" reach the function (an empty URL is also read as none).
      p_webhook_url: url.data === '' ? (null as unknown as string) : url.data,
      p_min_severity: input.minSeverity === 'none' ? (null as unknown as string) : input.minSeverity,
      p_digest: input.digest,
    });
    if (error) throw notificationActionError(error, dict, status);
    return preferencesSchema.parse(data);
  },
});

/** The caller's own webhook signing secret, on demand (never in the page's HTML); rotated first when asked. */
export const webhookSecretAction = defineAction({
  name: 'webhook_secret',
  schema: rotateSecretInput,
  permission: 'governance:read',
  handler: async ({ input, supabase, dict }) => {
    const { data, error, status } = await supabase.rpc('my_webhook_secret', { p_rotate: input.rotate });
    if (error) throw notificationActionError(error, dict, status);
    return { secret: typeof data === 'string' ? data : null };
  },
});

export const setDeadlineAction = defineAction({
  name: 'set_alert_deadline',
  schema: deadlineInput,
  permission: 'deadlines:edit',
  handler: async ({ input, supabase, dict }) => {
    const { error, status } = await supabase.rpc('set_alert_deadline', {
      p_severity: input.severity,
      // null: no deadline (the generated types do not say the arguments are nullable).
      p_ack_minutes: input.ackMinutes as number,
      p_resolve_minutes: input.resolveMinutes as number,
    });
    if (error) throw notificationActionError(error, dict, status);
    return { severity: input.severity };
  },
});

export const retryDeliveryAction = defineAction({
  name: 'retry_delivery',
  schema: retryInput,
  permission: 'deliveries:retry',
  handler: async ({ input, supabase, dict }) => {
    const { data, error, status } = await supabase.rpc('retry_delivery', { p_id: input.id });
    if (error) throw notificationActionError(error, dict, status);
    return { id: input.id, status: (data as { status?: string } | null)?.status ?? 'pending' };
  },
});
