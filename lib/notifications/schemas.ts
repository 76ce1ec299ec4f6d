import { z } from 'zod';
import { ACK_MAX_MINUTES, RESOLVE_MAX_MINUTES } from './durations';
import { DELIVERY_STATUSES, DIGESTS, MIN_SEVERITY_CHOICES, WEBHOOK_URL_MAX_LENGTH, type DeliveryStatus } from './settings-rules';

/**
 * The notification pages' inputs, checked on the server (the check that counts), and the shapes of
 * what the database answers. Limits come from settings-rules.ts and durations.ts, which the
 * browser's early feedback uses too.
 */

/** The database's pattern for a webhook URL (notification_preferences' check): http(s), a host, no credentials. */
export const WEBHOOK_URL_PATTERN = /^https?:\/\/[^\s/?#@]+(\/\S*)?$/;

/** An empty field means "no webhook". */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(WEBHOOK_URL_MAX_LENGTH)
  .refine((url) => url === '' || WEBHOOK_URL_PATTERN.test(url));

// Strict objects: a forged field is refused, not silently dropped. The URL is only bounded here;
// its form is checked by webhookUrlSchema in the action, which names the field.
export const preferencesInput = z.strictObject({
  emailEnabled: z.boolean(),
  webhookUrl: z.string().max(WEBHOOK_URL_MAX_LENGTH * 2),
  minSeverity: z.enum(MIN_SEVERITY_CHOICES),
  digest: z.enum(DIGESTS),
});

export const rotateSecretInput = z.strictObject({ rotate: z.boolean() });

const minutes = (max: number) => z.number().int().min(1).max(max).nullable();

export const deadlineInput = z
  .strictObject({
    severity: z.enum(['CRITICAL', 'WARN', 'INFO']),
    ackMinutes: minutes(ACK_MAX_MINUTES),
    resolveMinutes: minutes(RESOLVE_MAX_MINUTES),
  })
  .refine((input) => input.ackMinutes === null || input.resolveMinutes === null || input.resolveMinutes >= input.ackMinutes, {
    path: ['resolveMinutes'],
  });

export const retryInput = z.strictObject({ id: z.uuid() });

/** What my_notification_preferences() answers (jsonb). */
export const preferencesSchema = z.object({
  email: z.string().nullable(),
  email_enabled: z.boolean(),
  webhook_url: z.string().nullable(),
  has_webhook_secret: z.boolean(),
  min_severity: z.enum(['CRITICAL', 'WARN', 'INFO']).nullable(),
  digest: z.enum(DIGESTS),
  is_default: z.boolean(),
});
export type Preferences = z.output<typeof preferencesSchema>;

/** Where the next page of deliveries starts: the last row's created_at and id. */
const cursorSchema = z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() });
export type DeliveryCursor = z.output<typeof cursorSchema>;

/** `depot`: a depot's code — the deliveries about its alerts (digests belong to no depot). */
export type DeliveryFilters = { status: DeliveryStatus | null; cursor: DeliveryCursor | null; depot?: string };

const DEPOT_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

/** `before` in the URL: `<created_at>_<id>`, as deliveryCursorParam writes it. */
export function deliveryCursorParam(cursor: DeliveryCursor): string {
  return `${cursor.at}_${cursor.id}`;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The list's filters from the URL; anything unknown or malformed is ignored (the first page, every status). */
export function parseDeliveryFilters(params: Record<string, string | string[] | undefined>): DeliveryFilters {
  const status = first(params.status);
  const before = first(params.before) ?? '';
  const split = before.lastIndexOf('_');
  const cursor = split > 0 ? cursorSchema.safeParse({ at: before.slice(0, split), id: before.slice(split + 1) }) : null;
  const depot = first(params.depot);
  return {
    status: (DELIVERY_STATUSES as readonly string[]).includes(status ?? '') ? (status as DeliveryStatus) : null,
    cursor: cursor?.success ? cursor.data : null,
    ...(depot && DEPOT_CODE.test(depot) ? { depot } : {}),
  };
}

/** The list's URL query for these filters (`?status=failed&before=…`), empty for the defaults. */
export function deliveryFiltersToQuery(filters: DeliveryFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.depot) params.set('depot', filters.depot);
  if (filters.cursor) params.set('before', deliveryCursorParam(filters.cursor));
  const query = params.toString();
  return query ? `?${query}` : '';
}
