import { z } from 'zod';

/**
 * What `private.claim_delivery(id)` hands the worker for one delivery it may send: the recipient, the
 * channel's address, the event and its alert (or the digest's alerts). The JSON arrives untyped from
 * the database, so it is validated here: a claim that does not fit is a bug, reported as the
 * delivery's error rather than sent half-rendered.
 */
const json: z.ZodType<unknown> = z.unknown();
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: 'must be a timestamp' });
const optionalTimestamp = timestamp.nullish().transform((value) => value ?? null);

export const SEVERITIES = ['CRITICAL', 'WARN', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];

const alertSchema = z.object({
  id: z.string().uuid(),
  check_code: z.string().min(1),
  severity: z.enum(SEVERITIES),
  status: z.string().min(1),
  message: z.string(),
  details: json.optional().transform((value) => value ?? {}),
  entity_type: z.string().nullish(),
  entity_id: z.string().nullish(),
  first_seen_at: timestamp,
  ack_due_at: optionalTimestamp,
  resolve_due_at: optionalTimestamp,
  /** Who carries the alert (null: nobody; absent from claims made before assignment existed). */
  assigned_to_name: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  /** How many alerts its fingerprint has had, this one included (absent from older claims: 1). */
  occurrence: z
    .number()
    .int()
    .min(1)
    .nullish()
    .transform((value) => value ?? 1),
});

const digestAlertSchema = z.object({
  id: z.string().uuid(),
  check_code: z.string().min(1),
  severity: z.enum(SEVERITIES),
  status: z.string().min(1),
  message: z.string(),
  first_seen_at: timestamp,
});

const escalatedAlertSchema = z.object({
  id: z.string().uuid(),
  check_code: z.string().min(1),
  severity: z.enum(SEVERITIES),
  status: z.string().min(1),
  message: z.string(),
  /** Which deadline passed: to acknowledge, or to resolve. */
  level: z.enum(['ack', 'resolve']),
  due_at: timestamp,
});

const claimSchema = z
  .object({
    id: z.string().uuid(),
    channel: z.enum(['email', 'webhook']),
    kind: z.enum(['alert', 'escalation', 'digest']),
    attempt: z.number().int().min(1),
    recipient: z.object({
      user_id: z.string().uuid(),
      email: z.string().nullish(),
      name: z.string().nullish(),
      role: z.string().nullish(),
    }),
    webhook: z.object({ url: z.string().min(1), secret: z.string().min(1) }).nullish(),
    event: z
      .object({
        id: z.union([z.number(), z.string()]).transform(String),
        type: z.string().min(1),
        occurred_at: timestamp,
        details: json.optional(),
      })
      .nullish(),
    alert: alertSchema.nullish(),
    digest: z
      .object({
        period: z.enum(['daily', 'weekly']),
        since: timestamp,
        until: timestamp,
        /** The alerts first detected in the period (the worst and newest 200). */
        alerts: z.array(digestAlertSchema),
        /** The deadlines that passed in the period. */
        escalated: z.array(escalatedAlertSchema).default([]),
        /** How many alerts opened in the period (may exceed the list), and how many are active now. */
        opened_count: z.number().int().min(0).optional(),
        still_open_count: z.number().int().min(0).optional(),
      })
      .nullish(),
    console_path: z.string().startsWith('/'),
  })
  .superRefine((claim, ctx) => {
    if (claim.channel === 'webhook' && !claim.webhook)
      ctx.addIssue({ code: 'custom', path: ['webhook'], message: 'missing for a webhook delivery' });
    if (claim.channel === 'email' && !claim.recipient.email) {
      ctx.addIssue({ code: 'custom', path: ['recipient', 'email'], message: 'the recipient has no e-mail address' });
    }
    if (claim.kind === 'digest' && !claim.digest) ctx.addIssue({ code: 'custom', path: ['digest'], message: 'missing for a digest' });
    if (claim.kind !== 'digest' && !claim.alert)
      ctx.addIssue({ code: 'custom', path: ['alert'], message: 'missing for an alert notification' });
  });

export type DeliveryClaim = z.infer<typeof claimSchema>;
export type ClaimedAlert = z.infer<typeof alertSchema>;
export type DigestAlert = z.infer<typeof digestAlertSchema>;
export type EscalatedAlert = z.infer<typeof escalatedAlertSchema>;

/**
 * A delivery that no retry can send: its claim does not fit (the recipient removed their webhook or
 * has no e-mail address), or its address is refused. Recorded as failed at once, not retried.
 */
export class UndeliverableError extends Error {
  override name = 'UndeliverableError';
}

/** The claim, validated; throws an UndeliverableError naming every field that does not fit. */
export function parseClaim(value: unknown): DeliveryClaim {
  const result = claimSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(claim)'}: ${issue.message}`);
  throw new UndeliverableError(`claim_delivery returned a claim the worker cannot send: ${problems.join('; ')}`);
}
