import { z } from 'zod';

/**
 * The delivery worker's configuration, from its environment, validated once at start so a missing or
 * malformed value stops it with a message naming the variable (.env.example documents each one).
 * Pure, so it is unit-tested.
 */
const urlWith = (protocols: readonly string[], example: string) =>
  z.string().superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a URL such as ${example}` });
      return;
    }
    if (!protocols.includes(url.protocol)) {
      ctx.addIssue({ code: 'custom', message: `must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${url.protocol}//)` });
    }
  });

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const workerEnvSchema = z.object({
  /** The database holding the outbox and graphile-worker's queue; the role that owns the migrations. */
  DATABASE_URL: urlWith(['postgres:', 'postgresql:'], 'postgresql://postgres:…@db.example:5432/postgres'),
  /** nodemailer's SMTP URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  SMTP_URL: urlWith(['smtp:', 'smtps:'], 'smtp://user:password@smtp.example:587'),
  /** The sender, e.g. `Console de gouvernance <gouvernance@depot.example>`. */
  MAIL_FROM: z.string().trim().min(3, { error: 'must name the sender, e.g. Console de gouvernance <gouvernance@depot.example>' }),
  /** Where the console is reached: the links in e-mails and webhooks start with it. */
  CONSOLE_URL: urlWith(['http:', 'https:'], 'https://console.depot.example'),
  /** Jobs one worker process runs at once (deliveries are I/O-bound). */
  WORKER_CONCURRENCY: wholeNumber(1, 100).default(8),
  /** How often a worker looks for jobs that became due (retries); new jobs arrive by LISTEN at once. */
  WORKER_POLL_INTERVAL_MS: wholeNumber(100, 60_000).default(2_000),
  /** How long a webhook receiver has to answer before the attempt counts as failed. */
  WEBHOOK_TIMEOUT_MS: wholeNumber(500, 60_000).default(10_000),
  /** `true` lets webhooks reach private and loopback addresses (local development and tests only). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** How long the SMTP server has to connect, greet and answer before the attempt counts as failed. */
  SMTP_TIMEOUT_MS: wholeNumber(500, 120_000).default(15_000),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

const NAMES = Object.keys(workerEnvSchema.shape) as (keyof WorkerEnv)[];

export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  const input = Object.fromEntries(NAMES.map((name) => [name, source[name] || undefined]));
  const result = workerEnvSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return input[name] === undefined && issue.code === 'invalid_type' ? `${name} is not set` : `${name} ${issue.message}`;
  });
  throw new Error(`Invalid worker configuration: ${problems.join('; ')}. See .env.example.`);
}

/** The console's address without a trailing slash, so `base + '/governance/…'` is one URL. */
export function consoleBase(consoleUrl: string): string {
  return consoleUrl.replace(/\/+$/, '');
}
