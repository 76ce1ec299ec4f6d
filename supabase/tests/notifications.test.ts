/**
 * Deadlines, escalation and the notification outbox (issue 15), against the real stack: who may
 * read and change deadlines and preferences, which deliveries an opening or an escalation writes
 * (in the same transaction, by the database), the `escalated` and `notified` ledger events, the
 * worker's claim/finish protocol, digests, and that no API role can write or read what it should not.
 *
 * Overdue is made by moving an alert's first detection back in time (superuser), never by waiting.
 * Preferences and deadlines changed by a test are put back after it (test files run one at a time).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { closeDb, query, sync } from './support/db';
import { createNegativeStockTank, createStaleTruck, openAlert, removeFixtures, SEED_DEPOT_ID } from './support/fixtures';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';

type Delivery = {
  id: string;
  event_id: string | null;
  alert_id: string | null;
  recipient_id: string;
  channel: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
};

type LedgerEvent = { id: string; event_type: string; details: Record<string, unknown> | null; actor_role: string };

let admin: SignedIn;
let directeur: SignedIn;
let pca: SignedIn;
let operateur: SignedIn;

const deliveriesFor = (alertId: string) =>
  query<Delivery>('select * from public.notification_deliveries where alert_id = $1 order by kind, recipient_id, channel', [alertId]);
const eventsFor = (alertId: string) =>
  query<LedgerEvent>(
    'select id::text, event_type, details, actor_role from public.system_alert_events e where alert_id = $1 order by e.id',
    [alertId],
  );
const deadlines = () =>
  query<{ severity: string; ack: number | null; resolve: number | null }>(
    `select severity, extract(epoch from ack_within)::int / 60 as ack, extract(epoch from resolve_within)::int / 60 as resolve
     from public.alert_deadlines order by severity`,
  );
const settingsEvents = () =>
  query<LedgerEvent & { alert_id: string | null; check_code: string | null; actor_id: string | null }>(
    `select id::text, alert_id, check_code, actor_id, event_type, details, actor_role from public.system_alert_events e
     where event_type = 'settings_changed' order by e.id`,
  );
/** Moves an alert's first detection back, as if it had been open for `minutes`. */
const ageAlert = (alertId: string, minutes: number) =>
  query(`update public.system_alerts set first_seen_at = now() - make_interval(mins => $2) where id = $1`, [alertId, minutes]);

beforeAll(async () => {
  [admin, directeur, pca, operateur] = await Promise.all([
    signedIn('admin'),
    signedIn('directeur'),
    signedIn('pca'),
    signedIn('operateur'),
  ]);
});

afterEach(async () => {
  // Every test starts from the defaults: no saved preference, the shipped deadlines.
  await query('delete from public.notification_preferences');
  await query('delete from private.webhook_secrets');
  await query(
    `update public.alert_deadlines set ack_within = interval '15 minutes', resolve_within = interval '24 hours' where severity = 'CRITICAL'`,
  );
  await query(
    `update public.alert_deadlines set ack_within = interval '4 hours', resolve_within = interval '7 days' where severity = 'WARN'`,
  );
  await query(`update public.alert_deadlines set ack_within = null, resolve_within = null where severity = 'INFO'`);
});

afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

describe('deadlines', () => {
  it('are read by every governance role and by no one else', async () => {
    for (const reader of [admin, directeur, pca]) {
      const { data, error } = await reader.client.from('alert_deadlines').select('severity').order('severity');
      expect(error).toBeNull();
      expect(data!.map((row) => row.severity)).toEqual(['CRITICAL', 'INFO', 'WARN']);
    }
    expectNoRows(await operateur.client.from('alert_deadlines').select('severity'));
    expectPermissionDenied(await anonClient().from('alert_deadlines').select('severity'));
  });

  it('are changed by a directeur only, and bad values change nothing', async () => {
    const before = await deadlines();
    for (const caller of [admin, pca, operateur]) {
      expectError(
        await caller.client.rpc('set_alert_deadline', { p_severity: 'WARN', p_ack_minutes: 5, p_resolve_minutes: 60 }),
        '42501',
      );
    }
    expectError(await anonClient().rpc('set_alert_deadline', { p_severity: 'WARN', p_ack_minutes: 5, p_resolve_minutes: 60 }), '42501');
    for (const [severity, ack, resolve] of [
      ['URGENT', 5, 60],
      ['WARN', 0, 60],
      ['WARN', 120, 60],
      ['WARN', 5, 366 * 24 * 60],
    ] as const) {
      expectError(
        await directeur.client.rpc('set_alert_deadline', { p_severity: severity, p_ack_minutes: ack, p_resolve_minutes: resolve }),
        '22023',
        'deadline_invalid',
      );
    }
    // No direct write, whatever the role.
    expectPermissionDenied(await directeur.client.from('alert_deadlines').update({ ack_within: '1 minute' }).eq('severity', 'WARN'));
    expect(await deadlines()).toEqual(before);

    const ledgerBefore = await settingsEvents();
    const { data, error } = await directeur.client.rpc('set_alert_deadline', {
      p_severity: 'WARN',
      p_ack_minutes: 30,
      p_resolve_minutes: null,
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ severity: 'WARN', updated_by: directeur.userId });
    expect((await deadlines()).find((row) => row.severity === 'WARN')).toEqual({ severity: 'WARN', ack: 30, resolve: null });

    // The change is in the ledger, by the database: who, which row, each value before and after.
    const written = (await settingsEvents()).slice(ledgerBefore.length);
    expect(written).toEqual([
      expect.objectContaining({
        alert_id: null,
        check_code: null,
        actor_id: directeur.userId,
        actor_role: 'directeur',
        details: {
          table: 'alert_deadlines',
          row: 'WARN',
          changes: {
            ack_within: { before: '04:00:00', after: '00:30:00' },
            resolve_within: { before: '7 days', after: null },
          },
        },
      }),
    ]);
    // Refused calls wrote nothing; the chain, with this alert-less event, verifies.
    const { data: chain } = await pca.client.rpc('verify_alert_event_chain');
    expect((chain as { valid: boolean }[])[0]!.valid).toBe(true);
    // Readers see it like any other event.
    const { data: seen } = await pca.client.from('system_alert_events').select('id').eq('id', written[0]!.id);
    expect(seen).toHaveLength(1);
  });

  it('a governance setting changed outside the console is in the ledger too, as the system', async () => {
    const before = await settingsEvents();
    const [row] = await query<{ v: number }>('select feed_silent_hours::float8 as v from public.governance_settings where id');
    await query('update public.governance_settings set feed_silent_hours = $1 where id', [row!.v + 1]);
    await query('update public.governance_settings set feed_silent_hours = $1 where id', [row!.v]);
    // A write that changes nothing is not an event.
    await query('update public.governance_settings set feed_silent_hours = feed_silent_hours where id');
    const written = (await settingsEvents()).slice(before.length);
    expect(written.map((e) => [e.actor_role, e.details!.table, Object.keys(e.details!.changes as object)])).toEqual([
      ['system', 'governance_settings', ['feed_silent_hours']],
      ['system', 'governance_settings', ['feed_silent_hours']],
    ]);
  });
});

describe('deadlines as the console shows them', () => {
  type Compliance = { severity: string; ack_due: number; ack_on_time: number; resolve_due: number; resolve_on_time: number };
  const compliance = async (who: SignedIn) => {
    const { data, error } = await who.client.rpc('alert_deadline_compliance', { p_days: 30 });
    expect(error).toBeNull();
    return Object.fromEntries((data as Compliance[]).map((row) => [row.severity, row]));
  };

  it('in minutes, with who changed them last, for governance roles only', async () => {
    expect(
      (await directeur.client.rpc('set_alert_deadline', { p_severity: 'WARN', p_ack_minutes: 90, p_resolve_minutes: 2880 })).error,
    ).toBeNull();
    for (const reader of [admin, directeur, pca]) {
      const { data, error } = await reader.client.from('v_alert_deadlines').select('*').order('severity');
      expect(error).toBeNull();
      expect(data!.map((row) => [row.severity, row.ack_minutes, row.resolve_minutes])).toEqual([
        ['CRITICAL', 15, 1440],
        ['INFO', null, null],
        ['WARN', 90, 2880],
      ]);
      expect(data!.find((row) => row.severity === 'WARN')!.updated_by_name).toBe('Jean-Baptiste Mensah');
    }
    expectNoRows(await operateur.client.from('v_alert_deadlines').select('*'));
    expectPermissionDenied(await anonClient().from('v_alert_deadlines').select('*'));
  });

  it('count the steps that fell due and those met in time, per severity, for readers only; a bad period is refused', async () => {
    const before = await compliance(pca);
    const late = (await openAlert(createNegativeStockTank)).alert;
    const onTime = (await openAlert(createStaleTruck)).alert;
    // Late: open for 20 min, never acknowledged (CRITICAL: 15 min). On time: acknowledged at once.
    await ageAlert(late.id, 20);
    expect((await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', onTime.id)).error).toBeNull();
    const after = await compliance(pca);
    const delta = (severity: string, key: keyof Omit<Compliance, 'severity'>) =>
      Number(after[severity]?.[key] ?? 0) - Number(before[severity]?.[key] ?? 0);
    const severity = (id: string) => query<{ severity: string }>('select severity from public.system_alerts where id = $1', [id]);
    const [{ severity: lateSeverity }] = (await severity(late.id)) as [{ severity: string }];
    const [{ severity: onTimeSeverity }] = (await severity(onTime.id)) as [{ severity: string }];
    expect(lateSeverity).toBe('CRITICAL');
    if (onTimeSeverity === lateSeverity) {
      expect([delta('CRITICAL', 'ack_due'), delta('CRITICAL', 'ack_on_time')]).toEqual([2, 1]);
    } else {
      expect([delta('CRITICAL', 'ack_due'), delta('CRITICAL', 'ack_on_time')]).toEqual([1, 0]);
      expect([delta(onTimeSeverity, 'ack_due'), delta(onTimeSeverity, 'ack_on_time')]).toEqual([1, 1]);
    }
    // Neither is due for resolution yet (24 h / 7 days).
    expect(delta('CRITICAL', 'resolve_due')).toBe(0);

    expectNoRows(await operateur.client.rpc('alert_deadline_compliance', { p_days: 30 }));
    expectPermissionDenied(await anonClient().rpc('alert_deadline_compliance', { p_days: 30 }));
    for (const days of [0, 367, -5]) {
      expectError(await pca.client.rpc('alert_deadline_compliance', { p_days: days }), '22023', 'period_invalid');
    }
  });

  it('anon calls none of the notification functions', async () => {
    const anon = anonClient();
    expectPermissionDenied(await anon.rpc('my_notification_preferences'));
    expectPermissionDenied(
      await anon.rpc('set_my_notification_preferences', {
        p_email_enabled: false,
        p_webhook_url: null,
        p_min_severity: null,
        p_digest: 'none',
      }),
    );
    expectPermissionDenied(await anon.rpc('my_webhook_secret', { p_rotate: true }));
    expectPermissionDenied(await anon.rpc('set_alert_deadline', { p_severity: 'CRITICAL', p_ack_minutes: 1, p_resolve_minutes: 1 }));
    expectPermissionDenied(await anon.rpc('retry_delivery', { p_id: '00000000-0000-4000-8000-000000000000' }));
    expect(await query('select * from public.notification_preferences')).toEqual([]);
    expect(await deadlines()).toEqual([
      { severity: 'CRITICAL', ack: 15, resolve: 1440 },
      { severity: 'INFO', ack: null, resolve: null },
      { severity: 'WARN', ack: 240, resolve: 10080 },
    ]);
  });
});

describe('preferences', () => {
  it('default by role: CRITICAL at once and a daily digest for the acting roles, a weekly digest only for the PCA', async () => {
    const mine = async (who: SignedIn) => (await who.client.rpc('my_notification_preferences')).data as Record<string, unknown>;
    expect(await mine(admin)).toMatchObject({
      email: 'admin@depot.test',
      email_enabled: true,
      min_severity: 'CRITICAL',
      digest: 'daily',
      is_default: true,
    });
    expect(await mine(directeur)).toMatchObject({ min_severity: 'CRITICAL', digest: 'daily', is_default: true });
    expect(await mine(pca)).toMatchObject({ min_severity: null, digest: 'weekly', is_default: true });
    expectError(await operateur.client.rpc('my_notification_preferences'), '42501', 'governance_only');
  });

  it('each user saves their own; bad input is refused and changes nothing', async () => {
    const set = (who: SignedIn, prefs: Record<string, unknown>) =>
      who.client.rpc('set_my_notification_preferences', {
        p_email_enabled: true,
        p_webhook_url: null,
        p_min_severity: 'WARN',
        p_digest: 'none',
        ...prefs,
      });
    for (const bad of [{ p_min_severity: 'URGENT' }, { p_digest: 'hourly' }, { p_email_enabled: null }]) {
      expectError(await set(pca, bad), '22023', 'preferences_invalid');
    }
    for (const url of [
      'ftp://example.test/hook',
      'https://user:secret@example.test/hook',
      'javascript:alert(1)',
      `https://example.test/${'a'.repeat(2001)}`,
    ]) {
      expectError(await set(pca, { p_webhook_url: url }), '22023', 'webhook_url_invalid');
    }
    expectError(await set(operateur, {}), '42501', 'governance_only');
    expect(await query('select * from public.notification_preferences')).toEqual([]);

    const { data, error } = await set(pca, { p_min_severity: 'CRITICAL', p_webhook_url: 'https://example.test/hooks/pca' });
    expect(error).toBeNull();
    expect(data).toMatchObject({
      min_severity: 'CRITICAL',
      digest: 'none',
      webhook_url: 'https://example.test/hooks/pca',
      has_webhook_secret: true,
      is_default: false,
    });
    // Only the owner reads the row and the secret.
    expect((await pca.client.from('notification_preferences').select('user_id')).data).toEqual([{ user_id: pca.userId }]);
    expectNoRows(await admin.client.from('notification_preferences').select('user_id'));
    const secret = (await pca.client.rpc('my_webhook_secret')).data as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect((await admin.client.rpc('my_webhook_secret')).data).toBeNull();
    const rotated = (await pca.client.rpc('my_webhook_secret', { p_rotate: true })).data as string;
    expect(rotated).not.toBe(secret);
    // The secrets' table is out of every API role's reach, and so is direct writing of preferences.
    expectError(
      await pca.client
        .schema('private' as 'public')
        .from('webhook_secrets')
        .select('*'),
      'PGRST106',
    );
    expectPermissionDenied(await pca.client.from('notification_preferences').update({ digest: 'daily' }).eq('user_id', pca.userId));
    expectPermissionDenied(
      await admin.client.from('notification_preferences').insert({ user_id: admin.userId, email_enabled: false, digest: 'none' }),
    );
  });
});

describe('the outbox', () => {
  it('a CRITICAL opening writes one e-mail delivery per admin and a `notified` ledger event, in the same transaction', async () => {
    const { alert } = await openAlert(createNegativeStockTank);
    const deliveries = await deliveriesFor(alert.id);
    // Every admin who sees the alert's depot: head office and Vridi's (not Bouaké's admin).
    const admins = await query<{ user_id: string }>(
      `select user_id from public.profils where role = 'admin' and (depot_id is null or depot_id = $1) order by user_id`,
      [SEED_DEPOT_ID],
    );
    expect(deliveries.map((d) => [d.recipient_id, d.channel, d.kind, d.status])).toEqual(
      admins.map((a) => [a.user_id, 'email', 'alert', 'pending']),
    );
    const events = await eventsFor(alert.id);
    expect(events.map((e) => e.event_type)).toEqual(['opened', 'notified']);
    expect(deliveries.every((d) => d.event_id === events[0]!.id)).toBe(true);
    expect(events[1]!.details).toMatchObject({ cause: 'opened', cause_event_id: Number(events[0]!.id) });
    expect(events[1]!.details!.recipients).toContainEqual({ recipient_id: admin.userId, channel: 'email', role: 'admin' });
    expect(events[1]!.actor_role).toBe('system');
  });

  it('a WARN opening notifies nobody by default, and the admin who asks for WARN gets it on every channel chosen', async () => {
    const first = await openAlert(createStaleTruck);
    expect(await deliveriesFor(first.alert.id)).toEqual([]);
    expect((await eventsFor(first.alert.id)).map((e) => e.event_type)).toEqual(['opened']);

    await admin.client.rpc('set_my_notification_preferences', {
      p_email_enabled: true,
      p_webhook_url: 'http://127.0.0.1:9/hook',
      p_min_severity: 'WARN',
      p_digest: 'none',
    });
    const second = await openAlert(createStaleTruck);
    const deliveries = await deliveriesFor(second.alert.id);
    expect(deliveries.filter((d) => d.recipient_id === admin.userId).map((d) => d.channel)).toEqual(['email', 'webhook']);
  });

  it('shows every delivery to admins, their own to the others, nothing to operateur or anon; nobody writes it', async () => {
    const { alert } = await openAlert(createNegativeStockTank);
    await ageAlert(alert.id, 20);
    await sync();
    const all = await deliveriesFor(alert.id);
    const toDirecteur = all.filter((d) => d.recipient_id === directeur.userId);
    expect(toDirecteur.length).toBeGreaterThan(0);

    const seen = async (who: SignedIn) =>
      ((await who.client.from('notification_deliveries').select('id').eq('alert_id', alert.id)).data ?? []).map((d) => d.id).sort();
    expect(await seen(admin)).toEqual(all.map((d) => d.id).sort());
    expect(await seen(directeur)).toEqual(toDirecteur.map((d) => d.id).sort());
    expect(await seen(pca)).toEqual([]);
    expectNoRows(await operateur.client.from('notification_deliveries').select('id'));
    expectPermissionDenied(await anonClient().from('notification_deliveries').select('id'));

    const before = await deliveriesFor(alert.id);
    expectPermissionDenied(await admin.client.from('notification_deliveries').update({ status: 'sent' }).eq('alert_id', alert.id));
    expectPermissionDenied(await admin.client.from('notification_deliveries').delete().eq('alert_id', alert.id));
    expectPermissionDenied(
      await admin.client.from('notification_deliveries').insert({ recipient_id: admin.userId, channel: 'email', kind: 'alert' }),
    );
    for (const fn of ['claim_delivery', 'finish_delivery', 'enqueue_delivery', 'create_digest_deliveries', 'escalate_overdue_alerts']) {
      expectError(await admin.client.schema('private' as 'public').rpc(fn as 'retry_delivery', { p_id: all[0]!.id }), 'PGRST106');
    }
    expect(await deliveriesFor(alert.id)).toEqual(before);
  });
});

describe('escalation', () => {
  it('an alert not acknowledged in time escalates once to the directeurs, with its ledger events', async () => {
    const { alert } = await openAlert(createNegativeStockTank);
    expect((await sync()) as unknown).toMatchObject({ escalated: 0 });
    await ageAlert(alert.id, 16);
    const answer = (await sync()) as unknown as { escalated: number };
    expect(answer.escalated).toBeGreaterThanOrEqual(1);
    const events = await eventsFor(alert.id);
    expect(events.map((e) => e.event_type)).toEqual(['opened', 'notified', 'escalated', 'notified']);
    expect(events[2]!.details).toMatchObject({ level: 'ack', severity: 'CRITICAL', deadline_minutes: 15, audience: ['directeur'] });
    const escalations = (await deliveriesFor(alert.id)).filter((d) => d.kind === 'escalation');
    const directeurs = await query<{ user_id: string }>(
      `select user_id from public.profils where role = 'directeur' and (depot_id is null or depot_id = $1) order by user_id`,
      [SEED_DEPOT_ID],
    );
    expect(escalations.map((d) => [d.recipient_id, d.channel])).toEqual(directeurs.map((d) => [d.user_id, 'email']));

    // Once: the next runs add nothing.
    await sync();
    expect((await eventsFor(alert.id)).length).toBe(4);
  });

  it('a CRITICAL alert not resolved in time also informs the PCA (who asked for it); an acknowledged one does not escalate for acknowledgement', async () => {
    await pca.client.rpc('set_my_notification_preferences', {
      p_email_enabled: true,
      p_webhook_url: null,
      p_min_severity: 'CRITICAL',
      p_digest: 'weekly',
    });
    const { alert } = await openAlert(createNegativeStockTank);
    const { error } = await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id);
    expect(error).toBeNull();
    await ageAlert(alert.id, 25 * 60);
    await sync();
    const escalated = (await eventsFor(alert.id)).filter((e) => e.event_type === 'escalated');
    expect(escalated.map((e) => e.details!.level)).toEqual(['resolve']);
    expect(escalated[0]!.details!.audience).toEqual(['directeur', 'pca']);
    const recipients = (await deliveriesFor(alert.id)).filter((d) => d.kind === 'escalation').map((d) => d.recipient_id);
    expect(recipients).toContain(pca.userId);
    expect(recipients).toContain(directeur.userId);
    expect(recipients).not.toContain(admin.userId);
  });

  it('follows the deadlines a directeur set; a severity without one never escalates', async () => {
    await directeur.client.rpc('set_alert_deadline', { p_severity: 'WARN', p_ack_minutes: null, p_resolve_minutes: null });
    const { alert } = await openAlert(createStaleTruck);
    await ageAlert(alert.id, 30 * 24 * 60);
    await sync();
    expect((await eventsFor(alert.id)).map((e) => e.event_type)).toEqual(['opened']);
    await directeur.client.rpc('set_alert_deadline', { p_severity: 'WARN', p_ack_minutes: 60, p_resolve_minutes: null });
    await sync();
    expect((await eventsFor(alert.id)).filter((e) => e.event_type === 'escalated').map((e) => e.details!.level)).toEqual(['ack']);
  });
});

describe("the worker's protocol", () => {
  it('claims a delivery once, records the outcome, and only an admin retries a failed one', async () => {
    const { alert } = await openAlert(createNegativeStockTank);
    const [delivery] = (await deliveriesFor(alert.id)).filter((d) => d.recipient_id === admin.userId);
    const [claimed] = await query<{ payload: Record<string, unknown> }>('select private.claim_delivery($1) as payload', [delivery!.id]);
    expect(claimed!.payload).toMatchObject({
      id: delivery!.id,
      channel: 'email',
      kind: 'alert',
      attempt: 1,
      recipient: { user_id: admin.userId, email: 'admin@depot.test', role: 'admin' },
      event: { type: 'opened' },
      alert: { id: alert.id, check_code: 'STOCK_NEGATIF', severity: 'CRITICAL', occurrence: 1 },
      console_path: `/governance/alerts/${alert.id}`,
    });
    expect((claimed!.payload.alert as Record<string, unknown>).ack_due_at).not.toBeNull();

    await query('select private.finish_delivery($1, false, $2, false)', [delivery!.id, 'connect ECONNREFUSED']);
    expect((await deliveriesFor(alert.id)).find((d) => d.id === delivery!.id)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      last_error: 'connect ECONNREFUSED',
    });
    await query('select private.claim_delivery($1)', [delivery!.id]);
    await query('select private.finish_delivery($1, false, $2, true)', [delivery!.id, 'still refused']);
    expect((await deliveriesFor(alert.id)).find((d) => d.id === delivery!.id)).toMatchObject({ status: 'failed', attempts: 2 });

    for (const caller of [directeur, pca, operateur]) {
      expectError(await caller.client.rpc('retry_delivery', { p_id: delivery!.id }), '42501', 'retry_requires_admin');
    }
    expect((await deliveriesFor(alert.id)).find((d) => d.id === delivery!.id)!.status).toBe('failed');
    const retriedEvents = async () => (await eventsFor(alert.id)).filter((e) => e.event_type === 'delivery_retried');
    expect(await retriedEvents()).toEqual([]);
    const { data, error } = await admin.client.rpc('retry_delivery', { p_id: delivery!.id });
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: delivery!.id, status: 'pending' });
    // The retry is in the ledger: who asked, which delivery, after which attempts and error.
    const [retried, ...more] = await retriedEvents();
    expect(more).toEqual([]);
    expect(retried).toMatchObject({
      actor_role: 'admin',
      details: {
        delivery_id: delivery!.id,
        recipient_id: admin.userId,
        channel: 'email',
        kind: 'alert',
        attempts: 2,
        last_error: 'still refused',
      },
    });
    // Only a failed delivery can be retried; a refused retry writes nothing.
    expectError(await admin.client.rpc('retry_delivery', { p_id: delivery!.id }), 'P0002', 'delivery_not_failed');
    expect(await retriedEvents()).toHaveLength(1);

    await query('select private.claim_delivery($1)', [delivery!.id]);
    await query('select private.finish_delivery($1, true, null, false)', [delivery!.id]);
    expect((await deliveriesFor(alert.id)).find((d) => d.id === delivery!.id)).toMatchObject({ status: 'sent', attempts: 3 });
    const [again] = await query<{ payload: unknown }>('select private.claim_delivery($1) as payload', [delivery!.id]);
    expect(again!.payload).toBeNull();
  });

  it('a retried digest is in the ledger too, as an event of no alert, and the chain still verifies', async () => {
    const [digest] = await query<{ id: string }>(
      `insert into public.notification_deliveries
         (recipient_id, channel, kind, digest_period, digest_since, digest_until, status, attempts, last_error)
       values ($1, 'email', 'digest', 'weekly', '2001-01-01', '2001-01-08', 'failed', 12, 'mailbox full')
       returning id`,
      [pca.userId],
    );
    const { error } = await admin.client.rpc('retry_delivery', { p_id: digest!.id });
    expect(error).toBeNull();
    const [event] = await query<{
      alert_id: string | null;
      check_code: string | null;
      actor_id: string;
      details: Record<string, unknown>;
    }>(
      `select alert_id, check_code, actor_id, details from public.system_alert_events
       where event_type = 'delivery_retried' and details ->> 'delivery_id' = $1`,
      [digest!.id],
    );
    expect(event).toMatchObject({
      alert_id: null,
      check_code: null,
      actor_id: admin.userId,
      details: { kind: 'digest', digest_period: 'weekly', recipient_id: pca.userId, attempts: 12, last_error: 'mailbox full' },
    });
    const { data: chain, error: chainError } = await pca.client.rpc('verify_alert_event_chain');
    expect(chainError).toBeNull();
    expect((chain as { valid: boolean }[])[0]).toMatchObject({ valid: true, first_broken_id: null });
    await query('delete from public.notification_deliveries where id = $1', [digest!.id]);
  });

  it('the sync prunes sent and failed deliveries past the retention, never pending or retrying ones', async () => {
    await admin.client.rpc('set_my_notification_preferences', {
      p_email_enabled: true,
      p_webhook_url: 'https://example.test/hooks/admin',
      p_min_severity: 'CRITICAL',
      p_digest: 'none',
    });
    const { alert } = await openAlert(createNegativeStockTank);
    const second = await openAlert(createNegativeStockTank);
    const [sent, failed, retrying, pending] = [
      ...(await deliveriesFor(alert.id)).filter((d) => d.recipient_id === admin.userId),
      ...(await deliveriesFor(second.alert.id)).filter((d) => d.recipient_id === admin.userId),
    ];
    await query('select private.claim_delivery($1), private.finish_delivery($1, true, null, false)', [sent!.id]);
    await query(`select private.claim_delivery($1), private.finish_delivery($1, false, 'x', true)`, [failed!.id]);
    await query(`select private.claim_delivery($1), private.finish_delivery($1, false, 'x', false)`, [retrying!.id]);
    const ids = [sent!.id, failed!.id, retrying!.id, pending!.id];
    await query(`update public.notification_deliveries set created_at = now() - interval '91 days' where id = any($1::uuid[])`, [ids]);
    const answer = (await sync()) as unknown as { deliveries_pruned: number };
    expect(answer.deliveries_pruned).toBeGreaterThanOrEqual(2);
    const left = await query<{ id: string; status: string }>(
      'select id, status from public.notification_deliveries where id = any($1::uuid[]) order by status',
      [ids],
    );
    expect(left.map((d) => d.status)).toEqual(['pending', 'retrying']);
    // The ledger still says who was told.
    expect((await eventsFor(alert.id)).map((e) => e.event_type)).toContain('notified');
  });

  it('writes each digest once per recipient, channel and period', async () => {
    const count = () =>
      query<{ n: number }>(
        `select count(*)::int as n from public.notification_deliveries where kind = 'digest' and digest_period = 'weekly'`,
      );
    const before = (await count())[0]!.n;
    const [first] = await query<{ n: number }>(`select private.create_digest_deliveries('weekly') as n`);
    const [second] = await query<{ n: number }>(`select private.create_digest_deliveries('weekly') as n`);
    expect(second!.n).toBe(0);
    expect((await count())[0]!.n).toBe(before + first!.n);
    const recipients = await query<{ recipient_id: string }>(
      `select recipient_id from public.notification_deliveries where kind = 'digest' and digest_period = 'weekly'`,
    );
    expect(recipients.map((r) => r.recipient_id)).toContain(pca.userId);
    await expect(query(`select private.create_digest_deliveries('hourly')`)).rejects.toThrow(/unknown digest period/);
  });
});
