/**
 * Four-eyes on risky closures (issue 14): a directeur resolving a CRITICAL alert whose condition is
 * still detected makes a request, by any path (the workflow trigger decides, not the console); the
 * alert stays ACK — open in every count — until another directeur countersigns it
 * (countersign_resolution, approve) or rejects it with a note (back to a plain ACK). Every step is a
 * ledger event; the requester, an admin, the PCA and anon cannot countersign; each refusal re-reads
 * the alert and the ledger to show nothing changed.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAlertGroups, fetchAlertPage } from '@/lib/alerts/queries';
import { parseAlertFilters } from '@/lib/alerts/schemas';
import type { Database } from '@/lib/supabase/database.types';
import { anonClient, secondDirecteur, type SignedIn, signedIn, signInAs } from './support/clients';
import { closeDb, mustReadAlert, query, readAlert, sync } from './support/db';
import { createStaleTruck, openAlert, removeFixtures } from './support/fixtures';
import { expectError } from './support/refusals';

let admin: SignedIn;
let directeur: SignedIn;
let directeur2: SignedIn;
let pca: SignedIn;

beforeAll(async () => {
  [admin, directeur, directeur2, pca] = await Promise.all([signedIn('admin'), signedIn('directeur'), secondDirecteur(), signedIn('pca')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

type Event = {
  id: number;
  event_type: string;
  actor_id: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
  details: Record<string, unknown> | null;
  resolved_while_active: boolean | null;
};

const eventsOf = (alertId: string) =>
  query<Event>(
    `select id, event_type, actor_id, from_status, to_status, note, details, resolved_while_active
     from public.system_alert_events where alert_id = $1 order by id`,
    [alertId],
  );

/** The alert row and its ledger, to prove a refusal changed nothing. */
async function snapshot(alertId: string) {
  return { alert: await mustReadAlert(alertId), events: await eventsOf(alertId) };
}

function resolveAs(who: SignedIn, id: string, note = 'Jaugeage refait : la valeur est juste') {
  return who.client
    .from('system_alerts')
    .update({ status: 'RESOLVED', resolution_reason: 'false_positive', resolution_note: note })
    .eq('id', id)
    .in('status', ['OPEN', 'ACK'])
    .select('id, status, resolution_reason, resolved_at');
}

/** Decides the request as it stands now (the one the caller read), or the one named. */
async function countersign(
  who: { client: SignedIn['client'] },
  id: string,
  approve: boolean | null,
  note: string | null = null,
  expected?: string | null,
) {
  const requestedAt = expected !== undefined ? expected : ((await readAlert(id))?.resolution_requested_at?.toISOString() ?? null);
  return who.client.rpc('countersign_resolution', {
    p_alert_id: id,
    p_approve: approve,
    p_note: note,
    p_expected_requested_at: requestedAt,
  });
}

/** A CRITICAL alert (negative stock, still detected) whose resolution the first directeur asked for. */
async function requested() {
  const opened = await openAlert();
  const answer = await resolveAs(directeur, opened.alert.id);
  expect(answer.error).toBeNull();
  return opened;
}

describe('a risky closure becomes a request', () => {
  it('resolving a CRITICAL alert still detected leaves it ACK, awaiting a second directeur, whatever path sent it', async () => {
    const { alert } = await openAlert();
    expect(alert.severity).toBe('CRITICAL');
    const answer = await resolveAs(directeur, alert.id, '  Capteur défaillant, stock vérifié à la main  ');
    expect(answer.error).toBeNull();
    // The caller is told: the row came back ACK, not RESOLVED.
    expect(answer.data).toEqual([{ id: alert.id, status: 'ACK', resolution_reason: null, resolved_at: null }]);

    const stored = await mustReadAlert(alert.id);
    expect(stored).toMatchObject({
      status: 'ACK',
      acknowledged_by: directeur.userId,
      resolved_by: null,
      resolved_at: null,
      resolution_reason: null,
      resolution_note: null,
      resolution_requested_by: directeur.userId,
      requested_resolution_reason: 'false_positive',
      requested_resolution_note: 'Capteur défaillant, stock vérifié à la main',
      countersigned_by: null,
    });
    expect(stored.resolution_requested_at).not.toBeNull();

    // Every governance role reads the request, with names, through the list's view.
    const { data, error } = await pca.client
      .from('v_system_alerts')
      .select('status, awaiting_countersign, resolution_requested_by_name, requested_resolution_reason')
      .eq('id', alert.id)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({
      status: 'ACK',
      awaiting_countersign: true,
      resolution_requested_by_name: 'Jean-Baptiste Mensah',
      requested_resolution_reason: 'false_positive',
    });

    const events = await eventsOf(alert.id);
    expect(events.map((e) => [e.event_type, e.actor_id, e.from_status, e.to_status])).toEqual([
      ['opened', null, null, 'OPEN'],
      ['notified', null, 'OPEN', 'OPEN'],
      ['acknowledged', directeur.userId, 'OPEN', 'ACK'],
      ['resolution_requested', directeur.userId, 'ACK', 'ACK'],
      // The other directeur is asked to countersign (not the requester).
      ['notified', null, 'ACK', 'ACK'],
    ]);
    expect(events[3]).toMatchObject({
      note: 'Capteur défaillant, stock vérifié à la main',
      details: { reason: 'false_positive', severity: 'CRITICAL', requested_by_name: 'Jean-Baptiste Mensah' },
    });
    expect(events[4]!.details).toMatchObject({
      cause: 'resolution_requested',
      recipients: [expect.objectContaining({ recipient_id: directeur2.userId, role: 'directeur' })],
    });
    expect((events[4]!.details!.recipients as { recipient_id: string }[]).map((r) => r.recipient_id)).not.toContain(directeur.userId);
    const deliveries = await query<{ recipient_id: string; kind: string }>(
      `select recipient_id, kind from public.notification_deliveries where event_id = $1`,
      [events[3]!.id],
    );
    expect(deliveries).toEqual([{ recipient_id: directeur2.userId, kind: 'alert' }]);
  });

  it('from ACK the acknowledgement stays the admin’s', async () => {
    const { alert } = await openAlert();
    expect((await admin.client.from('system_alerts').update({ status: 'ACK', ack_note: 'Vu' }).eq('id', alert.id)).error).toBeNull();
    expect((await resolveAs(directeur, alert.id)).error).toBeNull();
    expect(await mustReadAlert(alert.id)).toMatchObject({
      status: 'ACK',
      acknowledged_by: admin.userId,
      ack_note: 'Vu',
      resolution_requested_by: directeur.userId,
    });
  });

  it('a WARN alert still detected, and a CRITICAL one whose condition cleared, resolve at once', async () => {
    const warn = await openAlert(createStaleTruck);
    expect((await resolveAs(directeur, warn.alert.id)).data).toMatchObject([{ status: 'RESOLVED' }]);
    const critical = await openAlert();
    await critical.anomaly.fix();
    await sync();
    expect((await resolveAs(directeur, critical.alert.id)).data).toMatchObject([{ status: 'RESOLVED' }]);
    expect(await mustReadAlert(critical.alert.id)).toMatchObject({ resolution_requested_by: null, countersigned_by: null });
  });
});

describe('countersigning', () => {
  it('another directeur countersigns: RESOLVED with the request’s reason and note, under the requester’s name; the ledger says who did what and verifies', async () => {
    const { alert } = await requested();
    const answer = await countersign(directeur2, alert.id, true, '  Vu le relevé manuel  ');
    expect(answer.error).toBeNull();
    expect(answer.data).toMatchObject({ id: alert.id, status: 'RESOLVED', approved: true });

    const stored = await mustReadAlert(alert.id);
    expect(stored).toMatchObject({
      status: 'RESOLVED',
      resolved_by: directeur.userId,
      resolution_reason: 'false_positive',
      resolution_note: 'Jaugeage refait : la valeur est juste',
      resolved_while_active: true,
      resolution_requested_by: directeur.userId,
      countersigned_by: directeur2.userId,
    });
    expect(stored.countersigned_at).toEqual(stored.resolved_at);

    const events = (await eventsOf(alert.id)).filter((e) => e.event_type !== 'notified');
    expect(events.slice(-2).map((e) => [e.event_type, e.actor_id, e.from_status, e.to_status, e.note])).toEqual([
      ['countersigned', directeur2.userId, 'ACK', 'RESOLVED', 'Vu le relevé manuel'],
      ['resolved', directeur.userId, 'ACK', 'RESOLVED', 'Jaugeage refait : la valeur est juste'],
    ]);
    expect(events.at(-2)!.details).toMatchObject({ requested_by: directeur.userId, reason: 'false_positive' });
    expect(events.at(-1)!.details).toMatchObject({ reason: 'false_positive', countersigned_by: directeur2.userId });
    expect(events.at(-1)!.resolved_while_active).toBe(true);
    const { data: chain } = await pca.client.rpc('verify_alert_event_chain');
    expect(chain).toMatchObject([{ valid: true }]);

    const { data } = await pca.client
      .from('v_system_alerts')
      .select('awaiting_countersign, countersigned_by_name')
      .eq('id', alert.id)
      .single();
    expect(data).toEqual({ awaiting_countersign: false, countersigned_by_name: 'Aminata Ouattara' });
  });

  it('another directeur rejects with a note: the request is withdrawn, the alert stays ACK, and the requester may ask again', async () => {
    const { alert } = await requested();
    const before = await snapshot(alert.id);
    expectError(await countersign(directeur2, alert.id, false, '   '), '23514', 'countersign_note_required');
    expect(await snapshot(alert.id)).toEqual(before);

    const answer = await countersign(directeur2, alert.id, false, 'Le relevé manuel date d’avant-hier : refaire le jaugeage');
    expect(answer.error).toBeNull();
    expect(answer.data).toMatchObject({ status: 'ACK', approved: false });
    expect(await mustReadAlert(alert.id)).toMatchObject({
      status: 'ACK',
      resolution_requested_by: null,
      resolution_requested_at: null,
      requested_resolution_reason: null,
      requested_resolution_note: null,
      countersigned_by: null,
      resolved_at: null,
    });
    const [rejected] = (await eventsOf(alert.id)).filter((e) => e.event_type === 'resolution_rejected');
    expect(rejected).toMatchObject({
      actor_id: directeur2.userId,
      from_status: 'ACK',
      to_status: 'ACK',
      note: 'Le relevé manuel date d’avant-hier : refaire le jaugeage',
      details: {
        requested_by: directeur.userId,
        requested_by_name: 'Jean-Baptiste Mensah',
        reason: 'false_positive',
        request_note: 'Jaugeage refait : la valeur est juste',
      },
    });

    expect((await resolveAs(directeur, alert.id, 'Jaugeage refait ce matin')).data).toMatchObject([{ status: 'ACK' }]);
    expect(await mustReadAlert(alert.id)).toMatchObject({
      resolution_requested_by: directeur.userId,
      requested_resolution_note: 'Jaugeage refait ce matin',
    });
  });

  it('the requester, an admin, the PCA and anon cannot countersign — nothing changed', async () => {
    const { alert } = await requested();
    const before = await snapshot(alert.id);
    expectError(await countersign(directeur, alert.id, true), '42501', 'countersign_same_person');
    expectError(await countersign(directeur, alert.id, false, 'Je retire'), '42501', 'countersign_same_person');
    expectError(await countersign(admin, alert.id, true), '42501', 'countersign_requires_directeur');
    expectError(await countersign(pca, alert.id, true), '42501', 'countersign_requires_directeur');
    const anon = await anonClient().rpc('countersign_resolution', {
      p_alert_id: alert.id,
      p_approve: true,
      p_note: null,
      p_expected_requested_at: before.alert.resolution_requested_at!.toISOString(),
    });
    expect(anon.error?.code).toBe('42501');
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('nobody writes the four-eyes columns directly — nothing changed', async () => {
    const { alert } = await requested();
    const before = await snapshot(alert.id);
    for (const change of [
      { countersigned_by: directeur2.userId, countersigned_at: new Date().toISOString() },
      { resolution_requested_by: null },
      { requested_resolution_reason: 'duplicate' },
      { status: 'RESOLVED', resolution_reason: 'duplicate', resolution_note: 'x', countersigned_by: directeur2.userId },
    ]) {
      const answer = await directeur2.client.from('system_alerts').update(change).eq('id', alert.id).select('id');
      expect(answer.error?.code).toBe('42501');
    }
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('a second resolution while one is pending is refused, by either directeur — nothing changed', async () => {
    const { alert } = await requested();
    const before = await snapshot(alert.id);
    for (const who of [directeur, directeur2]) {
      const answer = await resolveAs(who, alert.id, 'Autre note');
      expectError(answer, 'P0001', 'countersign_pending');
      expect(JSON.parse(answer.error!.details!)).toMatchObject({ resolution_requested_by_name: 'Jean-Baptiste Mensah' });
    }
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('bad input is refused with a clear hint — nothing changed', async () => {
    const { alert } = await requested();
    const before = await snapshot(alert.id);
    expectError(await countersign(directeur2, alert.id, null), '22023', 'countersign_decision_required');
    expectError(await countersign(directeur2, alert.id, true, 'x'.repeat(2001)), '22001', 'note_too_long');
    expectError(await countersign(directeur2, '00000000-0000-4000-8000-00000000dead', true), 'P0002', 'alert_not_found');
    expect(await snapshot(alert.id)).toEqual(before);

    // An alert with no pending request: nothing to countersign.
    const { alert: plain } = await openAlert();
    const plainBefore = await snapshot(plain.id);
    expectError(await countersign(directeur2, plain.id, true), 'P0001', 'no_countersign_pending');
    expect(await snapshot(plain.id)).toEqual(plainBefore);
  });

  it('once the condition cleared, the requester may resolve plainly: the request is dropped and named in the resolved event', async () => {
    const { anomaly, alert } = await requested();
    await anomaly.fix();
    await sync();
    const answer = await resolveAs(directeur, alert.id, 'Stock corrigé à la source');
    expect(answer.data).toMatchObject([{ status: 'RESOLVED' }]);
    expect(await mustReadAlert(alert.id)).toMatchObject({
      resolved_by: directeur.userId,
      resolved_while_active: false,
      resolution_requested_by: null,
      countersigned_by: null,
    });
    const [resolved] = (await eventsOf(alert.id)).filter((e) => e.event_type === 'resolved');
    expect(resolved!.details).toMatchObject({ dropped_request_by: directeur.userId });
  });
});

describe('deciding the request one read', () => {
  it('a request replaced since the page was read (rejected, asked again) is refused, not approved unseen — nothing changed', async () => {
    const { alert } = await requested();
    const seen = (await mustReadAlert(alert.id)).resolution_requested_at!.toISOString();
    expect((await countersign(directeur2, alert.id, false, 'Refaire le jaugeage')).error).toBeNull();
    expect((await resolveAs(directeur, alert.id, 'Autre motif, autre note')).error).toBeNull();
    const before = await snapshot(alert.id);
    const answer = await countersign(directeur2, alert.id, true, null, seen);
    expectError(answer, 'P0001', 'countersign_conflict');
    expect(JSON.parse(answer.error!.details!)).toMatchObject({ resolution_requested_by_name: 'Jean-Baptiste Mensah' });
    expect(await snapshot(alert.id)).toEqual(before);
    expectError(await countersign(directeur2, alert.id, true, null, null), 'P0001', 'countersign_conflict');
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('a request whose author is no longer a directeur cannot be approved, only rejected', async () => {
    const { alert } = await requested();
    const before = await snapshot(alert.id);
    await query(`update public.profils set role = 'admin' where user_id = $1`, [directeur.userId]);
    try {
      expectError(await countersign(directeur2, alert.id, true), 'P0001', 'requester_not_directeur');
      expect(await snapshot(alert.id)).toEqual(before);
      expect((await countersign(directeur2, alert.id, false, 'Le demandeur a changé de fonction')).error).toBeNull();
      expect(await mustReadAlert(alert.id)).toMatchObject({ status: 'ACK', resolution_requested_by: null });
    } finally {
      await query(`update public.profils set role = 'directeur' where user_id = $1`, [directeur.userId]);
    }
  });

  it('asking leaves a pause as it was; the countersigned resolution ends it', async () => {
    const { alert } = await openAlert();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const paused = await admin.client.rpc('snooze_alert', {
      p_alert_id: alert.id,
      p_until: until,
      p_reason: 'Jaugeage prévu demain',
      p_expected_until: null,
    });
    expect(paused.error).toBeNull();
    expect((await resolveAs(directeur, alert.id)).error).toBeNull();
    const asked = await mustReadAlert(alert.id);
    expect(asked).toMatchObject({ status: 'ACK', snoozed_by: admin.userId, snooze_reason: 'Jaugeage prévu demain' });
    expect(asked.snoozed_until).not.toBeNull();
    expect((await eventsOf(alert.id)).map((e) => e.event_type)).not.toContain('unsnoozed');
    expect((await countersign(directeur2, alert.id, true)).error).toBeNull();
    expect(await mustReadAlert(alert.id)).toMatchObject({ status: 'RESOLVED', snoozed_until: null });
  });
});

describe('« À contre-signer »', () => {
  it('the overview counts the resolutions waiting for a second directeur, until one decides', async () => {
    const waiting = async () => {
      const { data, error } = await pca.client.rpc('governance_overview', { days: 1 });
      expect(error).toBeNull();
      return (data as { awaiting_countersign: number }).awaiting_countersign;
    };
    const before = await waiting();
    const { alert } = await requested();
    expect(await waiting()).toBe(before + 1);
    expect((await countersign(directeur2, alert.id, true)).error).toBeNull();
    expect(await waiting()).toBe(before);
  });

  it('the list and its groups, filtered, show the waiting requests only — as the console reads them, for every governance role', async () => {
    const { alert: waiting } = await requested();
    const { alert: plain } = await openAlert();
    for (const who of [directeur2, pca]) {
      const client = who.client as SupabaseClient<Database>;
      const page = await fetchAlertPage(client, parseAlertFilters({ countersign: '1', q: 'ZT-' }), 50);
      const ids = page.rows.map((row) => row.id);
      expect(ids).toContain(waiting.id);
      expect(ids).not.toContain(plain.id);
      expect(page.rows.every((row) => row.awaiting_countersign === true)).toBe(true);
      const { groups } = await fetchAlertGroups(client, { ...parseAlertFilters({ countersign: '1' }), group: 'check' });
      const negative = groups.find((group) => group.check_code === 'STOCK_NEGATIF');
      const [row] = await query<{ n: number }>(
        `select count(*)::int as n from public.system_alerts
         where check_code = 'STOCK_NEGATIF' and resolution_requested_at is not null and status <> 'RESOLVED'`,
      );
      expect(negative?.alert_count).toBe(row!.n);
    }
  });
});

describe('two at once', () => {
  it('two sessions deciding the same request: exactly one wins, the other is told it is no longer pending', async () => {
    const { alert } = await requested();
    // Two sessions of the second directeur (the only one who may decide): approve and reject at once.
    const again = await signInAs('directeur2@depot.test');
    const [approve, reject] = await Promise.all([
      countersign(directeur2, alert.id, true),
      countersign(again, alert.id, false, 'Refus concurrent'),
    ]);
    const answers = [approve, reject];
    expect(answers.filter((a) => a.error === null)).toHaveLength(1);
    const loser = answers.find((a) => a.error !== null)!;
    expect(loser.error).toMatchObject({ code: 'P0001', hint: 'no_countersign_pending' });
    const decisions = (await eventsOf(alert.id)).filter(
      (e) => e.event_type === 'countersigned' || e.event_type === 'resolution_rejected',
    );
    expect(decisions).toHaveLength(1);
  });

  it('both directeurs resolving at once: one request, the other refused as pending', async () => {
    const { alert } = await openAlert();
    const answers = await Promise.all([resolveAs(directeur, alert.id), resolveAs(directeur2, alert.id)]);
    expect(answers.filter((a) => a.error === null)).toHaveLength(1);
    expect(answers.find((a) => a.error !== null)!.error).toMatchObject({ code: 'P0001', hint: 'countersign_pending' });
    expect((await eventsOf(alert.id)).filter((e) => e.event_type === 'resolution_requested')).toHaveLength(1);
    expect((await mustReadAlert(alert.id)).status).toBe('ACK');
  });
});
