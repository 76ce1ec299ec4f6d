/**
 * The delivery worker's test bench: the mail catcher `npm test` starts (MAIL_CATCHER_URL, with its
 * control endpoint to stop and start SMTP), a webhook receiver of our own that checks each request's
 * Standard Webhooks signature, extra worker processes (`node scripts/worker.mjs` with the test's
 * configuration), and outbox fixtures: delivery rows written as the database's triggers write them.
 *
 * IMPORTANT: `npm test` runs one worker for the whole database suite; the tests here add their own
 * beside it, which is the point (several workers, one delivery each).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { query } from './db';
import { databaseUrl } from './env';

export const catcherUrl = process.env.MAIL_CATCHER_URL || 'http://127.0.0.1:54324';
export const consoleUrl = process.env.CONSOLE_URL || 'http://127.0.0.1:3000';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined/false, or fails naming `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await sleep(150);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
}

export type CaughtMessage = {
  id: string;
  messageId: string | null;
  subject: string;
  from: string;
  to: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  envelope: { from: string; to: string[] };
};

export async function caughtMessages(): Promise<CaughtMessage[]> {
  const response = await fetch(`${catcherUrl}/email`).catch((error: unknown) => {
    throw new Error(`the mail catcher does not answer at ${catcherUrl} (npm test starts it; MAIL_CATCHER_URL names it): ${error}`);
  });
  if (!response.ok) throw new Error(`mail catcher: HTTP ${response.status}`);
  return (await response.json()) as CaughtMessage[];
}

/** The messages whose Message-ID is the delivery's (`<delivery id@console host>`). */
export async function messagesOf(deliveryId: string): Promise<CaughtMessage[]> {
  return (await caughtMessages()).filter((m) => m.messageId?.startsWith(`<${deliveryId}@`));
}

/** Stops or starts the catcher's SMTP port (the inbox stays). */
export async function smtp(action: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`${catcherUrl}/smtp/${action}`, { method: 'POST' });
  if (!response.ok)
    throw new Error(`mail catcher: POST /smtp/${action} answered ${response.status} (is its control endpoint on? npm test turns it on)`);
}

/** A new Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export type ReceivedWebhook = { headers: Record<string, string>; body: string; verified: boolean; payload: unknown; status: number };

export type WebhookReceiver = {
  url: string;
  secret: string;
  received: ReceivedWebhook[];
  /** The status the receiver answers the next requests with (default 204). */
  answer: (status: number) => void;
  close: () => Promise<void>;
};

/** An HTTP receiver on 127.0.0.1 that verifies each request with `secret`, as a subscriber would. */
export async function startWebhookReceiver(secret = newWebhookSecret()): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let status = 204;
  const webhook = new Webhook(secret);
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      let payload: unknown = null;
      let verified = false;
      try {
        payload = webhook.verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ headers, body, verified, payload, status });
      res.writeHead(verified ? status : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/governance`,
    secret,
    received,
    answer: (next) => {
      status = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type WorkerProcess = { child: ChildProcess; output: () => string; sentCount: () => number; stop: () => Promise<void> };

/** Another worker process, configured as the suite's own; resolves once it is ready. */
export async function startWorker(extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SMTP_URL: process.env.SMTP_URL || 'smtp://127.0.0.1:54325',
    MAIL_FROM: process.env.MAIL_FROM || 'Console de gouvernance <gouvernance@depot.test>',
    CONSOLE_URL: consoleUrl,
    WORKER_POLL_INTERVAL_MS: '250',
    // The tests' webhook receiver listens on the loopback.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['scripts/worker.mjs'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await waitFor(
    'the worker to start',
    async () => {
      if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}): ${output}`);
      return output.includes('worker ready');
    },
    30_000,
  );
  return {
    child,
    output: () => output,
    sentCount: () => output.split('\n').filter((line) => line.includes('"msg":"delivery ') && line.includes(' sent (')).length,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export type Delivery = {
  id: string;
  event_id: string | null;
  alert_id: string | null;
  recipient_id: string;
  channel: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
};

export const DEMO_USER_IDS = {
  admin: '00000000-0000-4000-8000-000000000001',
  directeur: '00000000-0000-4000-8000-000000000002',
  pca: '00000000-0000-4000-8000-000000000003',
} as const;

/** The `opened` event of an alert (the sync writes it in the transaction that opens the alert). */
export async function openedEvent(alertId: string): Promise<string> {
  const rows = await query<{ id: string }>(
    `select id::text from public.system_alert_events where alert_id = $1 and event_type = 'opened'`,
    [alertId],
  );
  if (!rows[0]) throw new Error(`alert ${alertId} has no opened event`);
  return rows[0].id;
}

/**
 * The delivery of an event to a recipient on a channel, written and enqueued as the ledger's trigger
 * does (private.system_alert_events_notify); when the notification rules already wrote that very row
 * (event × recipient × channel is unique), that row.
 */
export async function deliveryFor(eventId: string, alertId: string, recipientId: string, channel: 'email' | 'webhook'): Promise<string> {
  await query(
    `with inserted as (
       insert into public.notification_deliveries (event_id, alert_id, recipient_id, channel, kind)
       values ($1, $2, $3, $4, 'alert') on conflict (event_id, recipient_id, channel) do nothing returning id)
     select private.enqueue_delivery(id) from inserted`,
    [eventId, alertId, recipientId, channel],
  );
  const rows = await query<{ id: string }>(
    'select id from public.notification_deliveries where event_id = $1 and recipient_id = $2 and channel = $3',
    [eventId, recipientId, channel],
  );
  return rows[0]!.id;
}

export async function readDelivery(id: string): Promise<Delivery> {
  const rows = await query<Delivery>('select * from public.notification_deliveries where id = $1', [id]);
  if (!rows[0]) throw new Error(`delivery ${id} does not exist`);
  return rows[0];
}

/** Waits until every delivery has one of the statuses; returns them. */
export async function waitForStatus(ids: string[], statuses: string[], timeoutMs = 20_000): Promise<Delivery[]> {
  return waitFor(
    `${ids.length} deliveries to be ${statuses.join(' or ')}`,
    async () => {
      const rows = await query<Delivery>('select * from public.notification_deliveries where id = any($1::uuid[])', [ids]);
      return rows.length === ids.length && rows.every((row) => statuses.includes(row.status)) ? rows : undefined;
    },
    timeoutMs,
  );
}

/** The queue's job for a delivery (graphile-worker keeps failed and dead-letter jobs). */
export async function jobOf(
  deliveryId: string,
): Promise<{ attempts: number; max_attempts: number; last_error: string | null } | undefined> {
  const rows = await query<{ attempts: number; max_attempts: number; last_error: string | null }>(
    `select attempts, max_attempts, last_error from graphile_worker.jobs where key = $1`,
    [`deliver:${deliveryId}`],
  );
  return rows[0];
}

type SavedPreferences = { preferences: Record<string, unknown>[]; secrets: Record<string, unknown>[] };

/** Every user's notification preferences and webhook secrets, to put back after the tests change them. */
export async function savePreferences(): Promise<SavedPreferences> {
  return {
    preferences: await query('select * from public.notification_preferences'),
    secrets: await query('select * from private.webhook_secrets'),
  };
}

export async function restorePreferences(saved: SavedPreferences): Promise<void> {
  await query('delete from private.webhook_secrets');
  await query('delete from public.notification_preferences');
  await query(
    'insert into public.notification_preferences select * from jsonb_populate_recordset(null::public.notification_preferences, $1)',
    [JSON.stringify(saved.preferences)],
  );
  await query('insert into private.webhook_secrets select * from jsonb_populate_recordset(null::private.webhook_secrets, $1)', [
    JSON.stringify(saved.secrets),
  ]);
}

/**
 * The recipient's webhook address and secret, as their notification settings store them — with no
 * immediate notification and no digest, so the rules write no delivery of their own to it.
 */
export async function setRecipientWebhook(userId: string, url: string, secret: string): Promise<void> {
  await query(
    `insert into public.notification_preferences (user_id, email_enabled, webhook_url, min_severity, digest)
     values ($1, true, $2, null, 'none')
     on conflict (user_id) do update set webhook_url = excluded.webhook_url, min_severity = null, digest = 'none'`,
    [userId, url],
  );
  await query(
    `insert into private.webhook_secrets (user_id, secret) values ($1, $2)
     on conflict (user_id) do update set secret = excluded.secret`,
    [userId, secret],
  );
}
