/**
 * The vocabulary and limits of the notification pages (preferences, deadlines, deliveries), in one
 * zod-free module shared by the server's schemas and the browser's early feedback. The database has
 * the same rules (set_my_notification_preferences, set_alert_deadline, notification_deliveries'
 * checks) and the last word.
 */

/** Immediate notifications from this severity up; `none`: none (digest only) — null in the database. */
export const MIN_SEVERITY_CHOICES = ['none', 'CRITICAL', 'WARN', 'INFO'] as const;
export type MinSeverityChoice = (typeof MIN_SEVERITY_CHOICES)[number];

export const DIGESTS = ['none', 'daily', 'weekly'] as const;
export type Digest = (typeof DIGESTS)[number];

/** The longest webhook URL the database accepts. */
export const WEBHOOK_URL_MAX_LENGTH = 2000;

export const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'failed', 'sent'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_KINDS = ['alert', 'escalation', 'digest'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** Rows per page of the delivery list. */
export const DELIVERIES_PAGE_SIZE = 50;

/** How much of a delivery's last error the list shows (the rest is in its title). */
export const LAST_ERROR_SHOWN = 120;

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === 'string' && (DELIVERY_STATUSES as readonly string[]).includes(value);
}

export function isOneOf<const T extends readonly string[]>(choices: T, value: unknown): value is T[number] {
  return typeof value === 'string' && choices.includes(value);
}
