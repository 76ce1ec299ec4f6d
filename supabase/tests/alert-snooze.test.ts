/**
 * Snooze (issue 14): an admin or a directeur pauses an active alert until a date-time (at most 30
 * days ahead) with a reason; it leaves the default list, does not escalate, and comes back by itself
 * at expiry or at once when its severity worsens; detection and the ledger go on. Only
 * snooze_alert() and end_alert_snooze() change a pause; each step is a ledger event. Each refusal
 * re-reads the alert and its ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { type AlertRow, closeDb, mustReadAlert, query, sync } from './support/db';
import { createNegativeStockTank, createStaleTruck, openAlert, removeFixtures } from './support/fixtures';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';

let admin: SignedIn;
let directeur: SignedIn;
let pca: SignedIn;

beforeAll(async () => {
  [admin, directeur, pca] = await Promise.all([signedIn('admin'), signedIn('directeur'), signedIn('pca')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

type LedgerEvent = { event_type: string; actor_id: string | null; note: string | null; details: Record<string, unknown> | null };
const eventsFor = (alertId: string) =>
  query<LedgerEvent>('select event_type, actor_id, note, details from public.system_alert_events e where alert_id = $1 order by e.id', [
    alertId,
  ]);
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

function snooze(who: SignedIn, alertId: string, until: string | null, reason: string | null, expected: string | null = null) {
  return who.client.rpc('snooze_alert', {
    p_alert_id: alertId,
    p_until: until as string,
    p_reason: reason as string,
    p_expected_until: expected as string,
  });
}

/** The alert and its ledger, to prove a refusal changed nothing. */
async function stateOf(alert: AlertRow) {
  return { alert: await mustReadAlert(alert.id), events: await eventsFor(alert.id) };
}

describe('pausing an alert', () => {
  it('an admin pauses an open alert: the pause is stored, the default list leaves it out, the ledger has it', async () => {
    const { alert } = await openAlert();
    const until = hoursFromNow(48);
    const { data, error } = await snooze(admin, alert.id, until, '  Jaugeage prévu lundi  ');
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: alert.id, snooze_reason: 'Jaugeage prévu lundi', snoozed_by: admin.userId });

    const stored = await mustReadAlert(alert.id);
    expect(stored.snoozed_until?.toISOString()).toBe(until);
    expect(stored.snoozed_by).toBe(admin.userId);
    expect(stored.status).toBe('OPEN');

    const listed = await admin.client.from('v_system_alerts').select('id, snoozed, snoozed_by_name').eq('id', alert.id).single();
    expect(listed.data).toMatchObject({ id: alert.id, snoozed: true, snoozed_by_name: expect.any(String) });
    // The default list's filter, and the « En pause » one.
    const hidden = await admin.client.from('v_system_alerts').select('id').eq('id', alert.id).eq('snoozed', false);
    expect(hidden.data).toEqual([]);
    const shown = await pca.client.from('v_system_alerts').select('id').eq('id', alert.id).eq('snoozed', true);
    expect(shown.data).toEqual([{ id: alert.id }]);

    const [event] = (await eventsFor(alert.id)).filter((e) => e.event_type === 'snoozed');
    expect(event).toMatchObject({ actor_id: admin.userId, note: 'Jaugeage prévu lundi' });
    expect(new Date(event!.details!.until as string).toISOString()).toBe(until);
    const { data: chain } = await pca.client.rpc('verify_alert_event_chain');
    expect(chain).toMatchObject([{ valid: true }]);
  });

  it('a directeur pauses an acknowledged alert; the PCA, an operateur and the anon key cannot — nothing changed', async () => {
    const { alert } = await openAlert();
    await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id);
    const acked = await mustReadAlert(alert.id);
    const before = await stateOf(acked);
    expectError(await snooze(pca, alert.id, hoursFromNow(2), 'Vu'), '42501', 'snooze_requires_actor');
    const operateur = await signedIn('operateur');
    expectError(await snooze(operateur, alert.id, hoursFromNow(2), 'Vu'), '42501', 'snooze_requires_actor');
    expectPermissionDenied(
      await anonClient().rpc('snooze_alert', {
        p_alert_id: alert.id,
        p_until: hoursFromNow(2),
        p_reason: 'x',
        p_expected_until: null as unknown as string,
      }),
    );
    expectError(await pca.client.rpc('end_alert_snooze', { p_alert_id: alert.id }), '42501', 'snooze_requires_actor');
    // Nor through the table: no column grant on the pause.
    const direct = await directeur.client
      .from('system_alerts')
      .update({ snoozed_until: hoursFromNow(2) })
      .eq('id', alert.id)
      .select();
    expect(direct.error?.code).toBe('42501');
    expectNoRows(await pca.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).select());
    expect(await stateOf(acked)).toEqual(before);

    expect((await snooze(directeur, alert.id, hoursFromNow(2), 'Attente du transporteur')).error).toBeNull();
    expect((await mustReadAlert(alert.id)).snoozed_by).toBe(directeur.userId);
  });

  it.each([
    ['an end in the past', () => hoursFromNow(-1), 'Vu', '22023', 'snooze_until_past'],
    ['no end', () => null, 'Vu', '22023', 'snooze_until_past'],
    ['an end beyond 30 days', () => hoursFromNow(30 * 24 + 1), 'Vu', '22023', 'snooze_too_long'],
    ['no reason', () => hoursFromNow(2), null, '23514', 'snooze_reason_required'],
    ['a blank reason', () => hoursFromNow(2), ' \u200b\t ', '23514', 'snooze_reason_required'],
    ['a reason over 500 characters', () => hoursFromNow(2), 'é'.repeat(501), '22001', 'snooze_reason_too_long'],
  ])('refuses %s — nothing changed', async (_case, until, reason, code, hint) => {
    const { alert } = await openAlert();
    const before = await stateOf(alert);
    expectError(await snooze(admin, alert.id, until(), reason), code, hint);
    expect(await stateOf(alert)).toEqual(before);
  });

  it('cannot hide an alert for more than 30 days after its first detection, however often it is paused again', async () => {
    const { alert } = await openAlert();
    await query(`update public.system_alerts set first_seen_at = now() - interval '29 days' where id = $1`, [alert.id]);
    const aged = await mustReadAlert(alert.id);
    const before = await stateOf(aged);
    const refused = await snooze(admin, alert.id, hoursFromNow(36), 'Encore un peu');
    expectError(refused, '22023', 'snooze_too_long');
    expect(JSON.parse(refused.error!.details)).toHaveProperty('latest_until');
    expect(await stateOf(aged)).toEqual(before);
    expect((await snooze(admin, alert.id, hoursFromNow(12), 'Dernière journée')).error).toBeNull();
  });

  it('takes at most 50 pauses per alert — the 51st is refused, nothing changed', async () => {
    const { alert } = await openAlert();
    // Fifty earlier pauses, written to the ledger as the database would (faster than fifty requests).
    await query(
      `select private.record_alert_event(a.id, a.check_code, 'snoozed', null, a.status, a.status, 'Ancienne pause', null, now(), '{}'::jsonb)
       from public.system_alerts a, generate_series(1, 50) where a.id = $1`,
      [alert.id],
    );
    const before = await stateOf(alert);
    expectError(await snooze(directeur, alert.id, hoursFromNow(2), 'Encore'), '54000', 'too_many_snoozes');
    expect(await stateOf(alert)).toEqual(before);
  });

  it('refuses an unknown alert and a resolved one — nothing changed', async () => {
    expectError(await snooze(admin, '00000000-0000-4000-8000-00000000dead', hoursFromNow(2), 'Vu'), 'P0002', 'alert_not_found');
    const { alert } = await openAlert(createStaleTruck);
    await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'duplicate', resolution_note: 'Doublon' })
      .eq('id', alert.id);
    const resolved = await mustReadAlert(alert.id);
    const before = await stateOf(resolved);
    expectError(await snooze(directeur, alert.id, hoursFromNow(2), 'Vu'), 'P0001', 'alert_resolved');
    expect(await stateOf(resolved)).toEqual(before);
  });

  it('of two people pausing at once, one wins and the other is refused and told — one event', async () => {
    const { alert } = await openAlert();
    const answers = await Promise.all([
      snooze(admin, alert.id, hoursFromNow(3), 'Premier'),
      snooze(directeur, alert.id, hoursFromNow(5), 'Second'),
    ]);
    expect(answers.filter((a) => a.error === null)).toHaveLength(1);
    const refused = answers.find((a) => a.error !== null)!;
    expect(refused.error).toMatchObject({ code: 'P0001', hint: 'snooze_conflict' });
    const detail = JSON.parse(refused.error!.details) as { snoozed_until: string; snoozed_by_name: string };
    expect(detail.snoozed_by_name).toEqual(expect.any(String));
    expect((await eventsFor(alert.id)).filter((e) => e.event_type === 'snoozed')).toHaveLength(1);

    // Naming the pause one saw, one extends it.
    const current = await mustReadAlert(alert.id);
    const later = hoursFromNow(24);
    const extended = await snooze(directeur, alert.id, later, 'Prolongée', new Date(detail.snoozed_until).toISOString());
    expect(extended.error).toBeNull();
    expect((await mustReadAlert(alert.id)).snoozed_until?.toISOString()).toBe(later);
    const events = (await eventsFor(alert.id)).filter((e) => e.event_type === 'snoozed');
    expect(events).toHaveLength(2);
    expect(new Date(events[1]!.details!.previous_until as string).getTime()).toBe(current.snoozed_until!.getTime());
  });
});

describe('coming back', () => {
  it('ending a pause by hand brings the alert back and records who; ending it twice is refused', async () => {
    const { alert } = await openAlert();
    await snooze(admin, alert.id, hoursFromNow(4), 'Vu');
    const { error } = await directeur.client.rpc('end_alert_snooze', { p_alert_id: alert.id });
    expect(error).toBeNull();
    const stored = await mustReadAlert(alert.id);
    expect([stored.snoozed_until, stored.snoozed_by, stored.snoozed_at, stored.snooze_reason]).toEqual([null, null, null, null]);
    const [ended] = (await eventsFor(alert.id)).filter((e) => e.event_type === 'unsnoozed');
    expect(ended).toMatchObject({ actor_id: directeur.userId, details: { cause: 'ended' } });

    const before = await stateOf(stored);
    expectError(await directeur.client.rpc('end_alert_snooze', { p_alert_id: alert.id }), 'P0001', 'not_snoozed');
    expect(await stateOf(stored)).toEqual(before);
  });

  it('at expiry it is back at once in the lists, and the next sync records the end (no actor)', async () => {
    const { alert } = await openAlert();
    await snooze(admin, alert.id, hoursFromNow(4), 'Vu');
    // The pause's end passes (moved back as the superuser: the clock cannot be moved).
    await query(`update public.system_alerts set snoozed_until = now() - interval '1 second' where id = $1`, [alert.id]);
    const { data } = await admin.client.from('v_system_alerts').select('snoozed').eq('id', alert.id).single();
    expect(data).toEqual({ snoozed: false });

    const result = (await sync()) as unknown as { snoozes_ended: number };
    expect(result.snoozes_ended).toBeGreaterThanOrEqual(1);
    expect((await mustReadAlert(alert.id)).snoozed_until).toBeNull();
    const [ended] = (await eventsFor(alert.id)).filter((e) => e.event_type === 'unsnoozed');
    expect(ended).toMatchObject({ actor_id: null, details: { cause: 'expired' } });
  });

  it('a worse severity ends the pause at once; detection goes on while paused', async () => {
    const { anomaly, alert } = await openAlert(createStaleTruck);
    expect(alert.severity).toBe('WARN');
    await snooze(admin, alert.id, hoursFromNow(24), 'Camion attendu');
    // The sync raises severities (a WARN check turning CRITICAL): as it writes it.
    await query(`update public.system_alerts set severity = 'CRITICAL' where id = $1`, [alert.id]);
    expect((await mustReadAlert(alert.id)).snoozed_until).toBeNull();
    const [worsened] = (await eventsFor(alert.id)).filter((e) => e.event_type === 'unsnoozed');
    expect(worsened).toMatchObject({ actor_id: null, details: { cause: 'severity_worsened' } });

    // Paused again, the condition clears and comes back: the sync records both as usual.
    await snooze(admin, alert.id, hoursFromNow(24), 'Camion attendu');
    await anomaly.fix();
    await sync();
    expect((await mustReadAlert(alert.id)).cleared_at).not.toBeNull();
    await anomaly.breakAgain();
    await sync();
    const after = await mustReadAlert(alert.id);
    expect(after.cleared_at).toBeNull();
    expect(after.snoozed_until).not.toBeNull();
    expect((await eventsFor(alert.id)).map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['snoozed', 'unsnoozed', 'snoozed', 'cleared', 'seen_again']),
    );
  });

  it('a new pause over one that ran out before the sync saw it records the end first', async () => {
    const { alert } = await openAlert();
    await snooze(admin, alert.id, hoursFromNow(4), 'Vu');
    await query(`update public.system_alerts set snoozed_until = now() - interval '1 minute' where id = $1`, [alert.id]);
    expect((await snooze(directeur, alert.id, hoursFromNow(6), 'De nouveau')).error).toBeNull();
    // (Moving the end back is itself recorded as a pause change; what follows is the point.)
    const steps = (await eventsFor(alert.id)).filter((e) => e.event_type === 'snoozed' || e.event_type === 'unsnoozed');
    expect(steps.slice(-2).map((e) => [e.event_type, e.details?.cause ?? null, e.note])).toEqual([
      ['unsnoozed', 'expired', null],
      ['snoozed', null, 'De nouveau'],
    ]);
  });

  it('a resolution ends the pause; its resolved event names the pause it ended', async () => {
    const { alert } = await openAlert(createStaleTruck);
    await snooze(admin, alert.id, hoursFromNow(4), 'Vu');
    const { error } = await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'accepted_risk', resolution_note: 'Risque accepté' })
      .eq('id', alert.id);
    expect(error).toBeNull();
    expect((await mustReadAlert(alert.id)).snoozed_until).toBeNull();
    const events = await eventsFor(alert.id);
    expect(events.map((e) => e.event_type)).not.toContain('unsnoozed');
    expect(events.find((e) => e.event_type === 'resolved')!.details).toMatchObject({
      reason: 'accepted_risk',
      snoozed_until: expect.any(String),
    });
  });
});

describe('escalation', () => {
  it('nothing escalates from a paused alert; once back, the overdue step escalates at the next run', async () => {
    const { alert } = await openAlert(createNegativeStockTank);
    await snooze(admin, alert.id, hoursFromNow(4), 'Intervention en cours');
    // Past its 15-minute acknowledgement deadline.
    await query(`update public.system_alerts set first_seen_at = now() - interval '20 minutes' where id = $1`, [alert.id]);
    await sync();
    expect((await eventsFor(alert.id)).map((e) => e.event_type)).not.toContain('escalated');

    await admin.client.rpc('end_alert_snooze', { p_alert_id: alert.id });
    await sync();
    const escalated = (await eventsFor(alert.id)).filter((e) => e.event_type === 'escalated');
    expect(escalated.map((e) => e.details!.level)).toEqual(['ack']);
  });
});
