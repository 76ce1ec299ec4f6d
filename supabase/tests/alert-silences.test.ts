/**
 * Silences (issue 14, item 4): a directeur silences a check on a tank, truck or depot for a window
 * with a reason. Alerts of that check and entity (or inside it) that open during the window open
 * silenced: kept apart in the list and the overview, nobody notified, nothing escalated; detection
 * and the ledger go on. At its end — by itself, or early by a directeur — the still-active ones are
 * announced (`unsilenced`, notified like an opening) and escalate as usual. Only the two functions
 * write silences; every step is in the ledger. Each refusal re-reads what it could have changed.
 *
 * IMPORTANT: a silence left running on the seed depot would silence other files' alerts: every
 * depot-wide silence here is ended before its test returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { closeDb, mustReadAlert, query, sync } from './support/db';
import { activeAlertFor, createNegativeStockTank, createStaleTruck, openAlert, removeFixtures, SEED_DEPOT_ID } from './support/fixtures';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';
import { CHECK_CODES } from '../../lib/checks/catalogue';
import { isSilenceableCheck } from '../../lib/silences/checks';

let admin: SignedIn;
let directeur: SignedIn;
let pca: SignedIn;
let operateur: SignedIn;

beforeAll(async () => {
  [admin, directeur, pca, operateur] = await Promise.all([
    signedIn('admin'),
    signedIn('directeur'),
    signedIn('pca'),
    signedIn('operateur'),
  ]);
});
afterAll(async () => {
  // Nothing of this file keeps running, and what it created counts in nobody's day (the 50-a-day
  // limit): moved back as the superuser with triggers off (a silence's start and creation never
  // change otherwise).
  await query(`update public.alert_silences set ended_at = now(), ended_by = created_by where ended_at is null`);
  await asSuperuserWithoutTriggers(
    `update public.alert_silences set created_at = created_at - interval '1 day' where created_at > now() - interval '1 day'`,
  );
  await removeFixtures();
  await closeDb();
});

type LedgerEvent = {
  id: string;
  event_type: string;
  actor_id: string | null;
  note: string | null;
  details: Record<string, unknown> | null;
};
const eventsFor = (alertId: string) =>
  query<LedgerEvent>(
    'select id::text, event_type, actor_id, note, details from public.system_alert_events e where alert_id = $1 order by e.id',
    [alertId],
  );
const silenceEvents = (silenceId: string) =>
  query<LedgerEvent & { alert_id: string | null; actor_role: string }>(
    `select id::text, alert_id, event_type, actor_id, actor_role, note, details from public.system_alert_events e
     where event_type in ('silence_created', 'silence_ended') and details ->> 'silence_id' = $1 order by e.id`,
    [silenceId],
  );
const deliveriesFor = (alertId: string) =>
  query<{ event_id: string; kind: string }>('select event_id::text, kind from public.notification_deliveries where alert_id = $1', [
    alertId,
  ]);
const silenceCount = async () => (await query<{ n: number }>('select count(*)::int as n from public.alert_silences'))[0]!.n;
const ledgerLength = async () => (await query<{ n: number }>('select count(*)::int as n from public.system_alert_events'))[0]!.n;
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
/** One statement as the superuser with triggers off (session_replication_role = replica): what no user can do. */
const asSuperuserWithoutTriggers = (sql: string) => query(`begin; set local session_replication_role = replica; ${sql}; commit;`);

type SilenceArgs = { check?: string; type?: string; id: string; startsAt?: string | null; endsAt?: string; reason?: string | null };
function createSilence(who: SignedIn | { client: ReturnType<typeof anonClient> }, args: SilenceArgs) {
  return who.client.rpc('create_alert_silence', {
    p_check_code: args.check ?? 'STOCK_NEGATIF',
    p_entity_type: args.type ?? 'citerne',
    p_entity_id: args.id,
    p_starts_at: (args.startsAt ?? null) as string,
    p_ends_at: args.endsAt ?? hoursFromNow(4),
    p_reason: (args.reason === undefined ? 'Nettoyage de la citerne' : args.reason) as string,
  });
}

/** A silence the directeur creates, checked created. */
async function silenced(args: SilenceArgs): Promise<string> {
  const { data, error } = await createSilence(directeur, args);
  expect(error).toBeNull();
  return (data as { id: string }).id;
}

describe('a silence on a tank', () => {
  it('makes the alert that opens during it open silenced: apart in the list and the overview, nobody notified, the ledger has it all', async () => {
    const tank = await createNegativeStockTank();
    const before = await directeur.client.rpc('governance_overview', { days: 7 });
    const { data, error } = await createSilence(directeur, { id: tank.entityId, reason: '  Nettoyage de la citerne  ' });
    expect(error).toBeNull();
    const silence = data as { id: string; created_by: string; reason: string; starts_at: string };
    expect(silence).toMatchObject({ created_by: directeur.userId, reason: 'Nettoyage de la citerne' });
    expect(Date.parse(silence.starts_at)).toBeLessThanOrEqual(Date.now() + 1000);

    const [created] = await silenceEvents(silence.id);
    expect(created).toMatchObject({
      event_type: 'silence_created',
      alert_id: null,
      actor_id: directeur.userId,
      actor_role: 'directeur',
      note: 'Nettoyage de la citerne',
      details: { check_code: 'STOCK_NEGATIF', entity_type: 'citerne', entity_id: tank.entityId },
    });

    await sync();
    const alert = await activeAlertFor(tank.fingerprint);
    expect(alert?.silence_id).toBe(silence.id);
    const opened = (await eventsFor(alert!.id)).find((e) => e.event_type === 'opened');
    expect(opened?.details).toMatchObject({ silence_id: silence.id });
    // Nobody was told: no delivery, no `notified` event.
    expect(await deliveriesFor(alert!.id)).toEqual([]);
    expect((await eventsFor(alert!.id)).map((e) => e.event_type)).not.toContain('notified');

    const listed = await pca.client.from('v_system_alerts').select('id, silenced, silenced_until').eq('id', alert!.id).single();
    expect(listed.data).toMatchObject({ silenced: true });
    expect(Date.parse(listed.data!.silenced_until)).toBeGreaterThan(Date.now());
    // The default list's filter leaves it out; « En silence » shows it.
    expect((await admin.client.from('v_system_alerts').select('id').eq('id', alert!.id).eq('silenced', false)).data).toEqual([]);
    expect((await admin.client.from('v_system_alerts').select('id').eq('id', alert!.id).eq('silenced', true)).data).toEqual([
      { id: alert!.id },
    ]);

    // Counted apart on the overview.
    const after = await directeur.client.rpc('governance_overview', { days: 7 });
    expect(after.data.active_by_severity.CRITICAL).toBe(before.data.active_by_severity.CRITICAL);
    expect(after.data.silenced_active).toBe(before.data.silenced_active + 1);
    expect(after.data.silences_running).toBe(before.data.silences_running + 1);

    const view = await pca.client
      .from('v_alert_silences')
      .select('state, alert_count, active_alert_count, entity_label')
      .eq('id', silence.id)
      .single();
    expect(view.data).toMatchObject({ state: 'running', alert_count: 1, active_alert_count: 1 });
    expect(view.data!.entity_label).toContain(`ZT-${tank.entityId.slice(0, 8)}`);
    expect((await pca.client.rpc('verify_alert_event_chain')).data).toMatchObject([{ valid: true }]);
  });

  it('nothing escalates from it; ended early, its alert is announced as if it had just opened, then escalates', async () => {
    const tank = await createNegativeStockTank();
    const silenceId = await silenced({ id: tank.entityId });
    await sync();
    const alert = (await activeAlertFor(tank.fingerprint))!;
    expect(alert.silence_id).toBe(silenceId);
    // Past its 15-minute acknowledgement deadline.
    await query(`update public.system_alerts set first_seen_at = now() - interval '1 hour' where id = $1`, [alert.id]);
    await sync();
    expect((await eventsFor(alert.id)).map((e) => e.event_type)).not.toContain('escalated');

    const { error } = await directeur.client.rpc('end_alert_silence', { p_silence_id: silenceId });
    expect(error).toBeNull();
    const events = await eventsFor(alert.id);
    const unsilenced = events.find((e) => e.event_type === 'unsilenced');
    expect(unsilenced).toMatchObject({ actor_id: directeur.userId, details: { silence_id: silenceId, cause: 'ended' } });
    // Announced like an opening: the admins' deliveries for that event, and the ledger says so.
    const deliveries = await deliveriesFor(alert.id);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.event_id === unsilenced!.id && d.kind === 'alert')).toBe(true);
    expect(events.find((e) => e.event_type === 'notified')?.details).toMatchObject({
      cause: 'unsilenced',
      cause_event_id: Number(unsilenced!.id),
    });
    const [, ended] = await silenceEvents(silenceId);
    expect(ended).toMatchObject({
      event_type: 'silence_ended',
      actor_id: directeur.userId,
      details: { cause: 'ended', still_active: 1 },
    });

    expect((await pca.client.from('v_system_alerts').select('silenced').eq('id', alert.id).single()).data).toEqual({ silenced: false });
    await sync();
    const escalated = (await eventsFor(alert.id)).filter((e) => e.event_type === 'escalated');
    expect(escalated.map((e) => e.details!.level)).toEqual(['ack']);
  });

  it('ends by itself: the sync ends it and announces its still-active alerts; a resolved one is not announced', async () => {
    const [first, second] = [await createNegativeStockTank(), await createNegativeStockTank()];
    const one = await silenced({ id: first.entityId });
    const two = await silenced({ id: second.entityId });
    await sync();
    const [a1, a2] = [(await activeAlertFor(first.fingerprint))!, (await activeAlertFor(second.fingerprint))!];
    // Cleared first: a CRITICAL alert still detected would need a second directeur (four-eyes).
    await second.fix();
    await sync();
    const resolved = await directeur.client
      .from('system_alerts')
      .update({
        status: 'RESOLVED',
        resolution_note: 'Corrigé',
        resolution_reason: 'fixed_at_source',
      })
      .eq('id', a2.id);
    expect(resolved.error).toBeNull();
    // As if their time had passed (the ids are this test's own UUIDs).
    await asSuperuserWithoutTriggers(
      `update public.alert_silences set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 minute'
       where id in ('${one}', '${two}')`,
    );
    const run = await sync();
    expect(run.silences_ended).toBe(2);
    expect((await silenceEvents(one)).map((e) => [e.event_type, e.actor_role, e.details!.cause])).toEqual([
      ['silence_created', 'directeur', undefined],
      ['silence_ended', 'system', 'expired'],
    ]);
    expect((await eventsFor(a1.id)).filter((e) => e.event_type === 'unsilenced')).toMatchObject([
      { actor_id: null, details: { cause: 'expired', silence_id: one } },
    ]);
    expect((await eventsFor(a2.id)).map((e) => e.event_type)).not.toContain('unsilenced');
    const ended = await pca.client.from('v_alert_silences').select('id, state, ended_at, ended_by').in('id', [one, two]);
    expect(ended.data!.map((row) => row.state)).toEqual(['ended', 'ended']);
    // A second run ends nothing more.
    expect((await sync()).silences_ended).toBe(0);
  });

  it('does not touch an alert already open when it starts, nor an alert of another check or another tank', async () => {
    const { anomaly, alert } = await openAlert();
    const other = await createNegativeStockTank();
    await silenced({ id: anomaly.entityId });
    await silenced({ id: other.entityId, check: 'STOCK_OVER_CAPACITY' });
    await sync();
    expect((await mustReadAlert(alert.id)).silence_id).toBeNull();
    expect((await activeAlertFor(other.fingerprint))!.silence_id).toBeNull();
  });

  it('an upcoming silence does not silence yet', async () => {
    const tank = await createNegativeStockTank();
    const id = await silenced({ id: tank.entityId, startsAt: hoursFromNow(2), endsAt: hoursFromNow(6) });
    expect((await pca.client.from('v_alert_silences').select('state').eq('id', id).single()).data).toEqual({ state: 'upcoming' });
    await sync();
    expect((await activeAlertFor(tank.fingerprint))!.silence_id).toBeNull();
  });
});

describe('a silence on a depot', () => {
  it('covers its trucks; ended at once so no other test meets it', async () => {
    const id = await silenced({ id: SEED_DEPOT_ID, type: 'depot', check: 'CDR_ARRIVE_STALE', endsAt: hoursFromNow(1) });
    try {
      const truck = await createStaleTruck();
      await sync();
      expect((await activeAlertFor(truck.fingerprint))!.silence_id).toBe(id);
    } finally {
      expect((await directeur.client.rpc('end_alert_silence', { p_silence_id: id })).error).toBeNull();
    }
  });
});

describe('refusals', () => {
  it('only a directeur creates or ends a silence: the admin, the PCA, an operateur and the anon key change nothing', async () => {
    const tank = await createNegativeStockTank();
    const [silences, ledger] = [await silenceCount(), await ledgerLength()];
    for (const caller of [admin, pca, operateur]) {
      expectError(await createSilence(caller, { id: tank.entityId }), '42501', 'silence_requires_directeur');
    }
    expectError(await createSilence({ client: anonClient() }, { id: tank.entityId }), '42501');
    const id = await silenced({ id: tank.entityId });
    const [afterCreate, ledgerAfter] = [await silenceCount(), await ledgerLength()];
    expect([afterCreate, ledgerAfter]).toEqual([silences + 1, ledger + 1]);
    for (const caller of [admin, pca, operateur]) {
      expectError(await caller.client.rpc('end_alert_silence', { p_silence_id: id }), '42501', 'silence_requires_directeur');
    }
    expectError(await anonClient().rpc('end_alert_silence', { p_silence_id: id }), '42501');
    expect((await pca.client.from('v_alert_silences').select('state').eq('id', id).single()).data).toEqual({ state: 'running' });
    expect(await ledgerLength()).toBe(ledgerAfter);
  });

  it('bad input is refused with its reason and creates nothing', async () => {
    const tank = await createNegativeStockTank();
    const [silences, ledger] = [await silenceCount(), await ledgerLength()];
    const cases: [SilenceArgs, string, string][] = [
      [{ id: tank.entityId, check: 'stock négatif' }, '22023', 'silence_check_invalid'],
      // Real checks, but of the platform or the versions: never silenced, whatever object is named.
      [{ id: tank.entityId, check: 'CALC_VERSION_OVERRIDE' }, '22023', 'silence_check_invalid'],
      [{ id: SEED_DEPOT_ID, type: 'depot', check: 'SEC_ANON_PROBE_ROWS' }, '22023', 'silence_check_invalid'],
      [{ id: tank.entityId, check: 'NOT_A_CHECK' }, '22023', 'silence_check_invalid'],
      [{ id: tank.entityId, check: `X_${'A'.repeat(70)}` }, '22023', 'silence_check_invalid'],
      [{ id: tank.entityId, type: 'reception' }, '22023', 'silence_entity_type_invalid'],
      [{ id: tank.entityId, type: 'policy' }, '22023', 'silence_entity_type_invalid'],
      [{ id: '00000000-0000-4000-8000-000000000000' }, '22023', 'silence_entity_not_found'],
      [{ id: tank.entityId.toUpperCase() }, '22023', 'silence_entity_not_found'],
      [{ id: "x' or 1=1 --" }, '22023', 'silence_entity_not_found'],
      [{ id: tank.entityId, type: 'depot' }, '22023', 'silence_entity_not_found'],
      [{ id: tank.entityId, reason: '   ' }, '23514', 'silence_reason_required'],
      [{ id: tank.entityId, reason: null }, '23514', 'silence_reason_required'],
      [{ id: tank.entityId, reason: 'x'.repeat(501) }, '22001', 'silence_reason_too_long'],
      [{ id: tank.entityId, startsAt: hoursFromNow(-1) }, '22023', 'silence_starts_in_past'],
      [{ id: tank.entityId, startsAt: hoursFromNow(24 * 91), endsAt: hoursFromNow(24 * 92) }, '22023', 'silence_starts_too_late'],
      [{ id: tank.entityId, endsAt: hoursFromNow(-1) }, '22023', 'silence_ends_before_start'],
      // A start half a minute ago is read as now: an end before now is before the start.
      [{ id: tank.entityId, startsAt: hoursFromNow(-0.008), endsAt: hoursFromNow(-0.003) }, '22023', 'silence_ends_before_start'],
      [{ id: tank.entityId, startsAt: hoursFromNow(5), endsAt: hoursFromNow(4) }, '22023', 'silence_ends_before_start'],
      [{ id: tank.entityId, endsAt: hoursFromNow(24 * 30 + 1) }, '22023', 'silence_too_long'],
    ];
    for (const [args, code, hint] of cases) expectError(await createSilence(directeur, args), code, hint);
    expect([await silenceCount(), await ledgerLength()]).toEqual([silences, ledger]);
  });

  it('at most 100 silences run or wait at once', async () => {
    const tank = await createNegativeStockTank();
    const running = (await query<{ n: number }>('select count(*)::int as n from public.alert_silences where ended_at is null'))[0]!.n;
    const extra = 100 - running;
    // Filled straight into the table (faster than 100 requests), in another author's name: the
    // directeur's own day stays under its limit.
    await query(
      `insert into public.alert_silences (check_code, entity_type, entity_id, starts_at, ends_at, reason, created_by)
       select 'STOCK_NEGATIF', 'citerne', $1, now() + interval '1 day', now() + interval '2 days', 'Remplissage', $2
       from generate_series(1, $3::int)`,
      [tank.entityId, admin.userId, extra],
    );
    try {
      const silences = await silenceCount();
      expectError(await createSilence(directeur, { id: tank.entityId }), '54000', 'too_many_silences');
      expect(await silenceCount()).toBe(silences);
    } finally {
      await query(`update public.alert_silences set ended_at = now(), ended_by = created_by where entity_id = $1 and ended_at is null`, [
        tank.entityId,
      ]);
    }
  });

  it('a directeur creates at most 50 silences a day', async () => {
    const tank = await createNegativeStockTank();
    const [today] = await query<{ n: number }>(
      `select count(*)::int as n from public.alert_silences where created_by = $1 and created_at > now() - interval '1 day'`,
      [directeur.userId],
    );
    // Already ended: they count in the day, not among the running ones.
    await query(
      `insert into public.alert_silences (check_code, entity_type, entity_id, starts_at, ends_at, reason, created_by, ended_at, ended_by)
       select 'STOCK_NEGATIF', 'citerne', $1, now(), now() + interval '1 hour', 'Essai', $2, now(), $2
       from generate_series(1, $3::int)`,
      [tank.entityId, directeur.userId, 50 - today!.n],
    );
    const silences = await silenceCount();
    expectError(await createSilence(directeur, { id: tank.entityId }), '54000', 'too_many_silences_today');
    expect(await silenceCount()).toBe(silences);
    await asSuperuserWithoutTriggers(
      `update public.alert_silences set created_at = now() - interval '2 days' where entity_id = '${tank.entityId}' and reason = 'Essai'`,
    );
    expect((await createSilence(directeur, { id: tank.entityId })).error).toBeNull();
  });

  it('nobody writes the table or an alert’s silence directly, and nobody deletes a silence', async () => {
    const tank = await createNegativeStockTank();
    const id = await silenced({ id: tank.entityId });
    await sync();
    const alert = (await activeAlertFor(tank.fingerprint))!;
    expectPermissionDenied(
      await directeur.client.from('alert_silences').insert({
        check_code: 'STOCK_NEGATIF',
        entity_type: 'citerne',
        entity_id: tank.entityId,
        starts_at: hoursFromNow(0),
        ends_at: hoursFromNow(1),
        reason: 'direct',
        created_by: directeur.userId,
      } as never),
    );
    expectPermissionDenied(
      await directeur.client
        .from('alert_silences')
        .update({ ends_at: hoursFromNow(24 * 300) } as never)
        .eq('id', id),
    );
    expectPermissionDenied(await directeur.client.from('alert_silences').delete().eq('id', id));
    expectPermissionDenied(
      await admin.client
        .from('system_alerts')
        .update({ silence_id: null } as never)
        .eq('id', alert.id),
    );
    // Even the database owner cannot delete one, change its window or reason, end it twice, nor
    // move an alert's silence.
    await expect(query('delete from public.alert_silences where id = $1', [id])).rejects.toThrow(/silences are kept/);
    await expect(query(`update public.alert_silences set reason = 'autre' where id = $1`, [id])).rejects.toThrow(/only ends, once/);
    await expect(query(`update public.alert_silences set ends_at = ends_at + interval '1 day' where id = $1`, [id])).rejects.toThrow(
      /only ends, once/,
    );
    expect((await directeur.client.rpc('end_alert_silence', { p_silence_id: id })).error).toBeNull();
    await expect(query(`update public.alert_silences set ended_at = now() where id = $1`, [id])).rejects.toThrow(/only ends, once/);
    await query('update public.system_alerts set silence_id = null where id = $1', [alert.id]);
    expect((await mustReadAlert(alert.id)).silence_id).toBe(id);
  });

  it('is read by governance roles only; ending it twice at once ends it once', async () => {
    const tank = await createNegativeStockTank();
    const id = await silenced({ id: tank.entityId });
    expect((await pca.client.from('v_alert_silences').select('id').eq('id', id)).data).toEqual([{ id }]);
    expectNoRows(await operateur.client.from('v_alert_silences').select('id').eq('id', id));
    expectNoRows(await operateur.client.from('alert_silences').select('id').eq('id', id));
    expectPermissionDenied(await anonClient().from('v_alert_silences').select('id'));

    const answers = await Promise.all([
      directeur.client.rpc('end_alert_silence', { p_silence_id: id }),
      directeur.client.rpc('end_alert_silence', { p_silence_id: id }),
    ]);
    expect(answers.filter((a) => a.error === null)).toHaveLength(1);
    expectError(
      answers.find((a) => a.error !== null)!,
      'P0001',
      'silence_over',
    );
    expect((await silenceEvents(id)).map((e) => e.event_type)).toEqual(['silence_created', 'silence_ended']);
    expectError(
      await directeur.client.rpc('end_alert_silence', { p_silence_id: '00000000-0000-4000-8000-000000000000' }),
      'P0002',
      'silence_not_found',
    );
  });
});

describe('the checks a silence can name', () => {
  it('are the same in the database and in the console', async () => {
    const [row] = await query<{ codes: string[] }>('select private.silenceable_check_codes() as codes');
    expect([...row!.codes].sort()).toEqual(CHECK_CODES.filter((code) => isSilenceableCheck(code)).sort());
  });
});
