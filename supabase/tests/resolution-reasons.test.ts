/**
 * Resolution reasons (issue 14): resolving says why, from a fixed list, besides the note. The
 * workflow trigger requires one on every resolution by a user, the column's constraint holds the
 * list, an acknowledgement cannot set one, the `resolved` ledger event carries it, and
 * alert_resolution_reasons(days) counts them for the overview. Each refusal re-reads the alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { closeDb, mustReadAlert, query } from './support/db';
import { openAlert, removeFixtures, createStaleTruck } from './support/fixtures';
import { expectError, expectNoRows } from './support/refusals';

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

function resolveAs(who: SignedIn, id: string, fields: Record<string, unknown>) {
  return who.client
    .from('system_alerts')
    .update({ status: 'RESOLVED', resolution_note: 'Vérifié sur place', ...fields })
    .eq('id', id)
    .select('id, status, resolution_reason');
}

describe('resolving needs a reason from the list', () => {
  it.each([
    ['missing', {}, '23514', 'resolution_reason_required'],
    ['null', { resolution_reason: null }, '23514', 'resolution_reason_required'],
    ['not in the list', { resolution_reason: 'parce_que' }, '23514', null],
    ['in another case', { resolution_reason: 'FALSE_POSITIVE' }, '23514', null],
  ])('is refused when the reason is %s — nothing changed', async (_case, fields, code, hint) => {
    const { alert } = await openAlert();
    const before = await mustReadAlert(alert.id);
    const events = await query('select count(*)::int as n from public.system_alert_events where alert_id = $1', [alert.id]);
    expectError(await resolveAs(directeur, alert.id, fields), code, hint);
    expect(await mustReadAlert(alert.id)).toEqual(before);
    expect(await query('select count(*)::int as n from public.system_alert_events where alert_id = $1', [alert.id])).toEqual(events);
  });

  it('stores the reason, and the resolved ledger event carries it inside the chain', async () => {
    const { alert } = await openAlert(createStaleTruck);
    const answer = await resolveAs(directeur, alert.id, { resolution_reason: 'false_positive' });
    expect(answer.error).toBeNull();
    expect(answer.data).toEqual([{ id: alert.id, status: 'RESOLVED', resolution_reason: 'false_positive' }]);
    expect((await mustReadAlert(alert.id)).resolution_reason).toBe('false_positive');
    const [event] = await query<{ details: Record<string, unknown> }>(
      `select details from public.system_alert_events where alert_id = $1 and event_type = 'resolved'`,
      [alert.id],
    );
    expect(event!.details).toMatchObject({ reason: 'false_positive' });
    // The export view the verifier reads shows it too (details are hashed as text).
    const [exported] = await query<{ details_text: string }>(
      `select details_text from public.v_alert_event_export where alert_id = $1 and event_type = 'resolved'`,
      [alert.id],
    );
    expect(JSON.parse(exported!.details_text)).toMatchObject({ reason: 'false_positive' });
    // The list view reads it.
    const { data } = await directeur.client.from('v_system_alerts').select('resolution_reason').eq('id', alert.id).single();
    expect(data).toEqual({ resolution_reason: 'false_positive' });
  });

  it('an acknowledgement cannot set a reason; a reason alone is no transition — nothing changed', async () => {
    const { alert } = await openAlert();
    const acked = await admin.client
      .from('system_alerts')
      .update({ status: 'ACK', resolution_reason: 'accepted_risk' })
      .eq('id', alert.id)
      .select('status, resolution_reason');
    expect(acked.error).toBeNull();
    expect(acked.data).toEqual([{ status: 'ACK', resolution_reason: null }]);

    const before = await mustReadAlert(alert.id);
    expectError(
      await directeur.client.from('system_alerts').update({ resolution_reason: 'duplicate' }).eq('id', alert.id).select(),
      'P0001',
      'already_ack',
    );
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });

  it('a resolved alert keeps its reason: changing it afterwards is refused — nothing changed', async () => {
    const { alert } = await openAlert(createStaleTruck);
    expect((await resolveAs(directeur, alert.id, { resolution_reason: 'duplicate' })).error).toBeNull();
    const before = await mustReadAlert(alert.id);
    expectError(
      await directeur.client
        .from('system_alerts')
        .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source' })
        .eq('id', alert.id)
        .select(),
      'P0001',
      'already_resolved',
    );
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });

  it('an admin and the PCA cannot resolve, with a reason or without — nothing changed', async () => {
    const { alert } = await openAlert();
    const before = await mustReadAlert(alert.id);
    expectError(await resolveAs(admin, alert.id, { resolution_reason: 'false_positive' }), '42501', 'resolve_requires_directeur');
    expectNoRows(await resolveAs(pca, alert.id, { resolution_reason: 'false_positive' }));
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });
});

describe('alert_resolution_reasons(days)', () => {
  it('counts the alerts resolved in the period by reason, and those resolved while still detected', async () => {
    const count = async (who: SignedIn) => {
      const { data, error } = await who.client.rpc('alert_resolution_reasons', { p_days: 1 });
      expect(error).toBeNull();
      return new Map((data as { reason: string; resolved: number; resolved_while_active: number }[]).map((r) => [r.reason, r]));
    };
    const before = await count(pca);
    const { alert } = await openAlert(createStaleTruck); // still detected: resolving it is a "resolve anyway"
    expect((await resolveAs(directeur, alert.id, { resolution_reason: 'accepted_risk' })).error).toBeNull();
    const after = await count(pca);
    const was = before.get('accepted_risk') ?? { resolved: 0, resolved_while_active: 0 };
    expect(after.get('accepted_risk')).toEqual({
      reason: 'accepted_risk',
      resolved: was.resolved + 1,
      resolved_while_active: was.resolved_while_active + 1,
    });
    // Every reason it names is one of the list, or `unspecified` (resolved before reasons existed).
    for (const reason of after.keys()) {
      expect(['fixed_at_source', 'expected_behaviour', 'false_positive', 'accepted_risk', 'duplicate', 'unspecified']).toContain(reason);
    }
  });

  it.each([[0], [367], [null]])('refuses a period of %s days', async (days) => {
    expectError(await pca.client.rpc('alert_resolution_reasons', { p_days: days }), '22023', 'period_invalid');
  });

  it('answers nothing to the anon key, and nothing to a non-governance role', async () => {
    const anon = await anonClient().rpc('alert_resolution_reasons', { p_days: 30 });
    expect(anon.error?.code).toBe('42501');
    const operateur = await signedIn('operateur');
    const { data, error } = await operateur.client.rpc('alert_resolution_reasons', { p_days: 30 });
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });
});
