import type { JobHelpers } from 'graphile-worker';
import { UndeliverableError, parseClaim, type DeliveryClaim } from './claim.ts';
import type { Mailer } from './email.ts';
import { renderEmail } from './render-email.ts';
import { postWebhook } from './webhook.ts';

/**
 * The `deliver` task: one job per delivery (job key `deliver:<id>`, added by
 * private.enqueue_delivery in the transaction that wrote the outbox row).
 *
 *   claim (private.claim_delivery: pending|retrying → sending, attempts + 1, in one statement)
 *   → send (SMTP or webhook) → finish (private.finish_delivery: sent | retrying | failed).
 *
 * Exactly once per event × recipient × channel: the outbox's unique key makes one row, the job key
 * one job, graphile-worker runs a job on one worker at a time, and the claim lets only one attempt
 * past `pending|retrying` — a duplicate job finds nothing to claim and ends. A failed send is
 * recorded (`retrying`, or `failed` on the job's last attempt) and then thrown, so the queue retries
 * it with its exponential backoff and keeps a job that ran out of attempts as a dead letter. A
 * delivery no retry can send (UndeliverableError: no address left, a refused URL) fails at once.
 */
export type DeliverPayload = { id: string };

export type DeliverDeps = {
  mailer: Mailer;
  consoleBase: string;
  webhookTimeoutMs: number;
  /** Whether webhooks may reach private and loopback addresses (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks: boolean;
  userAgent: string;
  /** The depot's time zone, read from the database (cached by the caller). */
  timeZone: (helpers: JobHelpers) => Promise<string>;
  now?: () => Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The delivery id of a job's payload, or an error (a malformed job is never retried into success). */
export function deliveryIdOf(payload: unknown): string {
  const id = payload && typeof payload === 'object' && 'id' in payload ? (payload as { id: unknown }).id : undefined;
  if (typeof id !== 'string' || !UUID.test(id))
    throw new Error(`deliver: the job's payload names no delivery id (${JSON.stringify(payload)})`);
  return id;
}

/** A short, single-line error for the outbox's `last_error` (no stack, no secrets). */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'erreur inconnue';
}

async function send(claim: DeliveryClaim, deps: DeliverDeps, helpers: JobHelpers): Promise<string> {
  if (claim.channel === 'webhook') {
    const { status } = await postWebhook(claim, {
      consoleBase: deps.consoleBase,
      timeoutMs: deps.webhookTimeoutMs,
      userAgent: deps.userAgent,
      allowPrivateNetworks: deps.allowPrivateNetworks,
      now: deps.now,
    });
    return `webhook HTTP ${status}`;
  }
  const email = renderEmail(claim, {
    consoleBase: deps.consoleBase,
    timeZone: await deps.timeZone(helpers),
    now: deps.now?.() ?? new Date(),
  });
  const { response } = await deps.mailer.send(claim, email);
  return `smtp ${response}`;
}

export function deliverTask(deps: DeliverDeps) {
  return async function deliver(payload: unknown, helpers: JobHelpers): Promise<void> {
    const id = deliveryIdOf(payload);
    const { job } = helpers;
    const final = job.attempts >= job.max_attempts;
    const started = performance.now();
    const { rows } = await helpers.query<{ claim: unknown }>('select private.claim_delivery($1::uuid) as claim', [id]);
    const claimed = performance.now();
    const raw = rows[0]?.claim ?? null;
    if (raw === null) {
      // Nothing to claim: sent already, or failed for good (an admin's retry enqueues it again).
      // Defensive: should a claim ever refuse a row still `sending` (an attempt in progress
      // elsewhere), retry later rather than end quietly.
      const { rows: state } = await helpers.query<{ status: string }>('select status from public.notification_deliveries where id = $1', [
        id,
      ]);
      const status = state[0]?.status;
      if (status === 'sending') {
        if (final) {
          await helpers.query('select private.finish_delivery($1::uuid, false, $2, true)', [
            id,
            'envoi interrompu (le worker s’est arrêté pendant l’envoi)',
          ]);
        }
        throw new Error(`delivery ${id} is still marked as being sent by an attempt that did not finish`);
      }
      helpers.logger.debug(`delivery ${id}: nothing to claim (${status ?? 'no such delivery'})`);
      return;
    }

    let claim: DeliveryClaim;
    let outcome: string;
    try {
      claim = parseClaim(raw);
      outcome = await send(claim, deps, helpers);
    } catch (error) {
      const message = errorText(error);
      if (error instanceof UndeliverableError) {
        // No retry can help: failed now (the deliveries page shows why; an admin may retry it once
        // the recipient's settings are fixed), and the job ends.
        await helpers.query('select private.finish_delivery($1::uuid, false, $2, true)', [id, message]);
        helpers.logger.warn(`delivery ${id} cannot be sent, failed without retry: ${message}`);
        return;
      }
      await helpers.query('select private.finish_delivery($1::uuid, false, $2, $3)', [id, message, final]);
      helpers.logger.warn(`delivery ${id} attempt ${job.attempts}/${job.max_attempts} failed${final ? ' for good' : ''}: ${message}`);
      throw error instanceof Error ? error : new Error(message);
    }
    const sent = performance.now();
    await helpers.query('select private.finish_delivery($1::uuid, true, null, false)', [id]);
    const ms = (from: number, to: number) => Math.round((to - from) * 10) / 10;
    helpers.logger.info(`delivery ${id} sent (${claim.channel}, ${claim.kind}, attempt ${job.attempts}): ${outcome}`, {
      delivery: id,
      channel: claim.channel,
      claimMs: ms(started, claimed),
      sendMs: ms(claimed, sent),
      finishMs: ms(sent, performance.now()),
    });
  };
}
