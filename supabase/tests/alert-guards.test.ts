/**
 * What users can never do to an alert, whatever their role: edit the identity and detection
 * columns (they belong to the sync), insert or delete alerts. The service role, which bypasses RLS,
 * still meets the trigger: no workflow transition without a signed-in actor, no detection edits,
 * no deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, serviceClient, signedIn } from './support/clients';
import { type AlertRow, closeDb, countAlerts, mustReadAlert } from './support/db';
import { openAlert, removeFixtures } from './support/fixtures';
import { expectError, expectPermissionDenied } from './support/refusals';

let admin: SignedIn;
let directeur: SignedIn;
let alert: AlertRow;

beforeAll(async () => {
  [admin, directeur] = await Promise.all([signedIn('admin'), signedIn('directeur')]);
  ({ alert } = await openAlert());
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

const detectionEdits: [column: string, value: unknown][] = [
  ['check_code', 'STOCK_OVER_CAPACITY'],
  ['severity', 'INFO'],
  ['message', 'Message réécrit'],
  ['entity_type', 'cours_de_route'],
  ['entity_id', '00000000-0000-0000-0000-000000000000'],
  ['details', { falsifie: true }],
  ['first_seen_at', '2000-01-01T00:00:00Z'],
  ['last_seen_at', '2000-01-01T00:00:00Z'],
  ['cleared_at', '2000-01-01T00:00:00Z'],
  ['fingerprint', 'STOCK_NEGATIF:citerne:autre'],
  // Identity and bookkeeping columns are guarded the same way.
  ['id', '00000000-0000-4000-8000-0000000000ff'],
  ['created_at', '2000-01-01T00:00:00Z'],
  ['updated_at', '2000-01-01T00:00:00Z'],
  ['resolved_while_active', true],
];

describe.each(['admin', 'directeur'] as const)('%s cannot edit detection columns', (role) => {
  it.each(detectionEdits)('%s — nothing changed', async (column, value) => {
    const actor = role === 'admin' ? admin : directeur;
    const before = await mustReadAlert(alert.id);
    expectPermissionDenied(
      await actor.client
        .from('system_alerts')
        .update({ [column]: value })
        .eq('id', alert.id)
        .select(),
    );
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });

  it('nor smuggle one into a legal acknowledgement — nothing changed', async () => {
    const actor = role === 'admin' ? admin : directeur;
    const before = await mustReadAlert(alert.id);
    expectPermissionDenied(
      await actor.client
        .from('system_alerts')
        .update({ status: 'ACK', severity: 'INFO', message: 'Rien à signaler' })
        .eq('id', alert.id)
        .select(),
    );
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });
});

describe.each(['admin', 'directeur'] as const)('%s cannot insert or delete alerts', (role) => {
  it('cannot insert an alert — the count is unchanged', async () => {
    const actor = role === 'admin' ? admin : directeur;
    const before = await countAlerts();
    expectPermissionDenied(
      await actor.client
        .from('system_alerts')
        .insert({
          fingerprint: `STOCK_NEGATIF:citerne:inserted-by-${role}`,
          check_code: 'STOCK_NEGATIF',
          severity: 'CRITICAL',
          entity_type: 'citerne',
          entity_id: `inserted-by-${role}`,
          message: 'Alerte fabriquée',
        })
        .select(),
    );
    expect(await countAlerts()).toBe(before);
  });

  it('cannot delete an alert — the count and the row are unchanged', async () => {
    const actor = role === 'admin' ? admin : directeur;
    const before = await countAlerts();
    const row = await mustReadAlert(alert.id);
    expectPermissionDenied(await actor.client.from('system_alerts').delete().eq('id', alert.id).select());
    expect(await countAlerts()).toBe(before);
    expect(await mustReadAlert(alert.id)).toEqual(row);
  });
});

describe('the service role meets the trigger', () => {
  it('cannot acknowledge without a signed-in actor — nothing changed', async () => {
    const before = await mustReadAlert(alert.id);
    expectError(
      await serviceClient().from('system_alerts').update({ status: 'ACK', ack_note: 'Par le service' }).eq('id', alert.id).select(),
      '42501',
      'actor_required',
    );
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });

  it('cannot resolve without a signed-in actor — nothing changed', async () => {
    const before = await mustReadAlert(alert.id);
    expectError(
      await serviceClient()
        .from('system_alerts')
        .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Par le service' })
        .eq('id', alert.id)
        .select(),
      '42501',
      'actor_required',
    );
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });

  it('cannot edit detection columns — nothing changed', async () => {
    const before = await mustReadAlert(alert.id);
    expectError(
      await serviceClient().from('system_alerts').update({ message: 'Réécrit par le service' }).eq('id', alert.id).select(),
      '42501',
      'detection_columns_readonly',
    );
    expect(await mustReadAlert(alert.id)).toEqual(before);
  });

  it('cannot delete an alert — the count and the row are unchanged', async () => {
    const before = await countAlerts();
    const row = await mustReadAlert(alert.id);
    expectError(await serviceClient().from('system_alerts').delete().eq('id', alert.id).select(), '42501', 'alerts_are_permanent');
    expect(await countAlerts()).toBe(before);
    expect(await mustReadAlert(alert.id)).toEqual(row);
  });

  it('cannot insert an alert, not even one forged as already resolved — the count is unchanged', async () => {
    const before = await countAlerts();
    const forged = {
      fingerprint: 'STOCK_NEGATIF:citerne:forged',
      check_code: 'STOCK_NEGATIF',
      severity: 'CRITICAL',
      entity_type: 'citerne',
      entity_id: 'forged',
      message: 'Alerte fabriquée',
      status: 'RESOLVED',
      acknowledged_at: '2000-01-01T00:00:00Z',
      acknowledged_by: directeur.userId,
      resolved_at: '2000-01-01T00:00:00Z',
      resolved_by: directeur.userId,
      resolution_note: 'Rien à signaler',
    };
    expectError(await serviceClient().from('system_alerts').insert(forged).select(), '42501', 'alerts_opened_by_sync');
    expect(await countAlerts()).toBe(before);
  });
});
