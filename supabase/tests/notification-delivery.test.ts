/**
 * The delivery worker end to end, against the real stack, the real mail catcher (`npm test` starts
 * it) and real worker processes (this file starts its own: the other database tests read the outbox
 * as the triggers leave it, so no worker runs while they do): an outbox row
 * becomes an e-mail in the inbox or a signed webhook; an SMTP outage makes deliveries retry and
 * arrive once it ends, none lost and none doubled; several workers deliver each message once; the
 * last attempt marks the delivery failed and leaves the job as a dead letter that a retry revives.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, query } from './support/db';
import {
  DEMO_USER_IDS,
  caughtMessages,
  consoleUrl,
  deliveryFor,
  jobOf,
  messagesOf,
  openedEvent,
  readDelivery,
  restorePreferences,
  savePreferences,
  setRecipientWebhook,
  smtp,
  startWebhookReceiver,
  startWorker,
  waitFor,
  waitForStatus,
  type WebhookReceiver,
  type WorkerProcess,
} from './support/delivery';
import { signedIn, type SignedIn } from './support/clients';
import { createStaleTruck, openAlert, removeFixtures } from './support/fixtures';

const receivers: WebhookReceiver[] = [];
const workers: WorkerProcess[] = [];
let suiteWorker: WorkerProcess | null = null;
let saved: Awaited<ReturnType<typeof savePreferences>>;
let admin: SignedIn;

beforeAll(async () => {
  // The catcher must be there: a clear failure, not a timeout, when it is not.
  await caughtMessages();
  saved = await savePreferences();
  admin = await signedIn('admin');
  suiteWorker = await startWorker();
  const ready = await query<{ ok: boolean }>(`select to_regclass('graphile_worker.jobs') is not null as ok`);
  expect(ready[0]!.ok, 'the worker installed graphile-worker’s schema').toBe(true);
  // The other database tests leave deliveries behind that no worker sent; the worker takes them at
  // start. Let it finish those that are due, so the timings below measure these tests' own.
  await waitFor(
    'the queue to have no delivery due',
    async () => {
      const [due] = await query<{ n: number }>(
        `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'deliver' and run_at <= now() and attempts < max_attempts`,
      );
      return due!.n === 0;
    },
    50_000,
  );
}, 60_000);

afterEach(async () => {
  await smtp('start').catch(() => undefined);
  for (const worker of workers.splice(0)) await worker.stop();
  for (const receiver of receivers.splice(0)) await receiver.close();
  await restorePreferences(saved);
});

afterAll(async () => {
  await suiteWorker?.stop();
  await removeFixtures();
  await closeDb();
});

/** A fresh alert, its opened event and the delivery of that event to `role` on `channel`. */
async function freshDelivery(role: keyof typeof DEMO_USER_IDS, channel: 'email' | 'webhook', create?: Parameters<typeof openAlert>[0]) {
  const { alert } = await openAlert(create);
  const eventId = await openedEvent(alert.id);
  const id = await deliveryFor(eventId, alert.id, DEMO_USER_IDS[role], channel);
  return { alert, eventId, id };
}

describe('e-mail', () => {
  it('an outbox row becomes one e-mail in the inbox: French subject, the alert’s link, the Message-ID of the delivery', async () => {
    const { alert, id } = await freshDelivery('admin', 'email');
    const [delivery] = await waitForStatus([id], ['sent']);
    expect(delivery!.attempts).toBe(1);
    expect(delivery!.sent_at).toBeInstanceOf(Date);

    const messages = await waitFor('the message in the catcher', async () =>
      (await messagesOf(id)).length > 0 ? messagesOf(id) : undefined,
    );
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.subject).toMatch(/^\[CRITIQUE\] STOCK_NEGATIF — Citerne ZT-/);
    expect(message!.envelope.to).toEqual(['admin@depot.test']);
    expect(message!.text).toContain(`${consoleUrl}/governance/alerts/${alert.id}`);
    expect(message!.text).toContain('Qui agit');
    expect(message!.html).toContain(`href="${consoleUrl}/governance/alerts/${alert.id}"`);
    expect(message!.headers['auto-submitted']).toBe('auto-generated');
  });

  it('a delivery enqueued again after it was sent is not sent again', async () => {
    const { id } = await freshDelivery('directeur', 'email');
    await waitForStatus([id], ['sent']);
    await query('select private.enqueue_delivery($1)', [id]);
    await query('select private.enqueue_delivery($1)', [id]);
    // The duplicate jobs run and find nothing to claim: they end, and nothing is sent.
    await waitFor('the duplicate jobs to end', async () => (await jobOf(id)) === undefined);
    expect(await messagesOf(id)).toHaveLength(1);
    expect((await readDelivery(id)).attempts).toBe(1);
  });

  it('refuses to enqueue without a delivery id, and changes nothing', async () => {
    const before = await query<{ n: number }>('select count(*)::int as n from graphile_worker.jobs');
    await expect(query('select private.enqueue_delivery(null)')).rejects.toThrow('enqueue_delivery: a delivery id is required');
    const after = await query<{ n: number }>('select count(*)::int as n from graphile_worker.jobs');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('webhooks', () => {
  it('POSTs the event, signed per Standard Webhooks, to a receiver that verifies it', async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    await setRecipientWebhook(DEMO_USER_IDS.directeur, receiver.url, receiver.secret);
    const { alert, id } = await freshDelivery('directeur', 'webhook');
    await waitForStatus([id], ['sent']);

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.verified).toBe(true);
    expect(request!.headers['webhook-id']).toBe(id);
    expect(new Webhook(receiver.secret).verify(request!.body, request!.headers)).toMatchObject({
      type: 'alert.opened',
      data: { delivery_id: id, alert: { id: alert.id, check_code: 'STOCK_NEGATIF', severity: 'CRITICAL' }, event: { type: 'opened' } },
    });
  });

  it('retries a receiver that fails, then delivers: the same webhook-id, a new signature', async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    receiver.answer(503);
    await setRecipientWebhook(DEMO_USER_IDS.pca, receiver.url, receiver.secret);
    const { id } = await freshDelivery('pca', 'webhook', createStaleTruck);

    const [retrying] = await waitForStatus([id], ['retrying']);
    expect(retrying!.last_error).toBe('webhook : réponse HTTP 503 Service Unavailable');
    // The queue records the failure just after the outbox does.
    const job = await waitFor('the job’s failure', async () => ((await jobOf(id))?.last_error ? jobOf(id) : undefined));
    expect(job!.last_error).toBe('webhook : réponse HTTP 503 Service Unavailable');
    receiver.answer(204);
    // graphile-worker's backoff: the second attempt comes exp(1) ≈ 2.7 s after the first.
    const [sent] = await waitForStatus([id], ['sent'], 15_000);
    expect(sent!.attempts).toBe(2);
    // The error of the failed attempt stays on the row, for the deliveries page.
    expect(sent!.last_error).toBe('webhook : réponse HTTP 503 Service Unavailable');
    expect(receiver.received.map((r) => [r.headers['webhook-id'], r.status, r.verified])).toEqual([
      [id, 503, true],
      [id, 204, true],
    ]);
  });

  it('fails at once, without retry, a delivery no retry can send (its recipient removed the webhook)', async () => {
    // The directeur has no webhook (the preferences are restored after every test).
    const { id } = await freshDelivery('directeur', 'webhook', createStaleTruck);
    const [failed] = await waitForStatus([id], ['failed']);
    expect(failed!.attempts).toBe(1);
    expect(failed!.last_error).toMatch(/^claim_delivery returned a claim the worker cannot send: webhook\.url/);
    // Not a dead letter: the job ended; an admin's retry, once the settings are fixed, enqueues it anew.
    await waitFor('the job to end', async () => (await jobOf(id)) === undefined);
  });

  it('marks the delivery failed on the last attempt, keeps the job as a dead letter, and a retry revives it', async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    receiver.answer(500);
    await setRecipientWebhook(DEMO_USER_IDS.admin, receiver.url, receiver.secret);
    const { id } = await freshDelivery('admin', 'webhook', createStaleTruck);
    await waitForStatus([id], ['retrying']);
    // Eleven attempts are ~16 hours of backoff: once the first failure is recorded (the job
    // unlocked), bring the job to its last attempt, due now.
    await waitFor('the failed job to be released', async () => {
      const updated = await query<{ key: string }>(
        `update graphile_worker._private_jobs set attempts = max_attempts - 1, run_at = now()
          where key = $1 and locked_at is null and attempts = 1 returning key`,
        [`deliver:${id}`],
      );
      return updated.length === 1;
    });

    const [failed] = await waitForStatus([id], ['failed'], 15_000);
    expect(failed!.last_error).toBe('webhook : réponse HTTP 500 Internal Server Error');
    const dead = await jobOf(id);
    expect(dead).toMatchObject({ attempts: 12, max_attempts: 12, last_error: 'webhook : réponse HTTP 500 Internal Server Error' });

    // An admin's retry (the deliveries page): pending again and enqueued; the dead letter runs anew.
    receiver.answer(204);
    const { error } = await admin.client.rpc('retry_delivery', { p_id: id });
    expect(error).toBeNull();
    await waitForStatus([id], ['sent'], 15_000);
    expect(receiver.received.filter((r) => r.status === 204)).toHaveLength(1);
    expect(await jobOf(id)).toBeUndefined();
  });
});

describe('no delivery lost, none doubled', () => {
  it('with the SMTP server stopped, deliveries retry and arrive once it is back', { timeout: 90_000 }, async () => {
    await smtp('stop');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { alert } = await openAlert();
      const eventId = await openedEvent(alert.id);
      for (const role of ['admin', 'directeur', 'pca'] as const)
        ids.push(await deliveryFor(eventId, alert.id, DEMO_USER_IDS[role], 'email'));
    }
    const retrying = await waitForStatus(ids, ['retrying']);
    for (const delivery of retrying) expect(delivery.last_error).toMatch(/ECONNREFUSED/);
    expect(await caughtMessages().then((all) => all.filter((m) => ids.some((id) => m.messageId?.startsWith(`<${id}@`))))).toEqual([]);

    await smtp('start');
    const sent = await waitForStatus(ids, ['sent'], 60_000);
    expect(sent.every((d) => d.attempts >= 2)).toBe(true);
    for (const id of ids) expect(await messagesOf(id), `delivery ${id}`).toHaveLength(1);
  });

  it('three workers at once deliver each message exactly once', { timeout: 90_000 }, async () => {
    workers.push(await startWorker(), await startWorker());
    const ids: string[] = [];
    // One transaction: 36 deliveries become due at the same instant for every worker.
    const alerts = [];
    for (let i = 0; i < 12; i++) alerts.push((await openAlert(i % 2 ? createStaleTruck : undefined)).alert);
    const rows = await query<{ id: string }>(
      `insert into public.notification_deliveries (event_id, alert_id, recipient_id, channel, kind)
       select e.id, e.alert_id, r.id, 'email', 'alert'
       from public.system_alert_events e, unnest($2::uuid[]) as r(id)
       where e.alert_id = any($1::uuid[]) and e.event_type = 'opened'
       on conflict (event_id, recipient_id, channel) do nothing
       returning id, private.enqueue_delivery(id)`,
      [alerts.map((a) => a.id), Object.values(DEMO_USER_IDS)],
    );
    ids.push(...rows.map((r) => r.id));
    expect(ids.length).toBeGreaterThan(0);

    await waitForStatus(ids, ['sent'], 60_000);
    const messages = await caughtMessages();
    for (const id of ids)
      expect(
        messages.filter((m) => m.messageId?.startsWith(`<${id}@`)),
        `delivery ${id}`,
      ).toHaveLength(1);
    const attempts = await query<{ n: number }>(
      'select max(attempts)::int as n from public.notification_deliveries where id = any($1::uuid[])',
      [ids],
    );
    expect(attempts[0]!.n).toBe(1);
    // Every worker took a share (the suite's own worker took the rest): they really ran at once.
    for (const worker of workers) expect(worker.sentCount()).toBeGreaterThan(0);
  });

  it('a pending delivery with no job (written before the queue existed) is enqueued by the reconciliation', async () => {
    const { alert } = await openAlert(createStaleTruck);
    const eventId = await openedEvent(alert.id);
    // Written and not enqueued, as before any worker had installed the queue. The PCA's immediate
    // e-mail for a WARN alert: no notification rule writes that one itself.
    const [row] = await query<{ id: string }>(
      `insert into public.notification_deliveries (event_id, alert_id, recipient_id, channel, kind)
       values ($1, $2, $3, 'email', 'alert') returning id`,
      [eventId, alert.id, DEMO_USER_IDS.pca],
    );
    const id = row!.id;
    expect(await jobOf(id)).toBeUndefined();
    expect((await readDelivery(id)).status).toBe('pending');
    const [enqueued] = await query<{ n: number }>('select private.enqueue_missing_deliveries() as n');
    expect(enqueued!.n).toBeGreaterThanOrEqual(1);
    await waitForStatus([id], ['sent']);
    expect(await messagesOf(id)).toHaveLength(1);
  });

  it('leaves no function of the queue with a mutable search_path for the security posture to report', async () => {
    const unpinned = await query<{ fn: string }>(
      `select p.oid::regprocedure::text as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'graphile_worker' and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search\\_path=%')`,
    );
    expect(unpinned).toEqual([]);
    const findings = await query<{ entity_id: string }>(
      `select entity_id from public.v_integrity_checks where check_code = 'SEC_FUNCTION_SEARCH_PATH_MUTABLE' and entity_id like 'graphile_worker.%'`,
    );
    expect(findings).toEqual([]);
    const [pinned] = await query<{ n: number }>('select private.pin_job_queue_search_path() as n');
    expect(pinned!.n).toBe(0);
  });

  it('before the queue exists, enqueue_delivery leaves the delivery pending instead of failing the event', async () => {
    // Inside a transaction that is rolled back: the queue's schema is out of sight for a moment.
    const rows = await query<{ ok: boolean }>(
      `do $$ begin
         alter schema graphile_worker rename to graphile_worker_hidden;
         perform private.enqueue_delivery(gen_random_uuid());
         raise exception 'rollback' using errcode = 'P0001', detail = 'enqueued without the queue';
       end $$`,
    ).then(
      () => [{ ok: false }],
      (error: { detail?: string }) => [{ ok: error.detail === 'enqueued without the queue' }],
    );
    expect(rows[0]!.ok).toBe(true);
    expect((await query<{ ok: boolean }>(`select to_regclass('graphile_worker.jobs') is not null as ok`))[0]!.ok).toBe(true);
  });
});
