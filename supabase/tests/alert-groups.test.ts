/**
 * Grouping (issue 14, item 7): alert_groups() answers the list grouped by check code or by object,
 * under the list's own filters, as the caller reads it (RLS), most severe group first. Checked
 * against plain SQL over the same view; refused to non-governance callers and for bad arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { closeDb, query } from './support/db';
import { openAlert, removeFixtures } from './support/fixtures';
import { expectError } from './support/refusals';

let admin: SignedIn;
let pca: SignedIn;
let operateur: SignedIn;

beforeAll(async () => {
  [admin, pca, operateur] = await Promise.all([signedIn('admin'), signedIn('pca'), signedIn('operateur')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

type Group = {
  check_code: string | null;
  entity_type: string | null;
  entity_id: string | null;
  entity_label: string | null;
  alert_count: number;
  critical_count: number;
  warn_count: number;
  info_count: number;
  open_count: number;
  ack_count: number;
  resolved_count: number;
};
const none = null as unknown as string;

function groups(who: SignedIn, args: Record<string, unknown>) {
  return who.client.rpc('alert_groups', {
    p_status: 'active',
    p_severity: none,
    p_check: none,
    p_entity_type: none,
    p_entity_id: none,
    p_mine: false,
    p_snoozed: false,
    p_silenced: false,
    p_term: none,
    ...args,
  } as never);
}

describe('alert_groups', () => {
  it('by check, every status: the counts plain SQL gives over the list’s view, most severe group first', async () => {
    await openAlert();
    const { data, error } = await groups(pca, { p_by: 'check', p_status: 'all' });
    expect(error).toBeNull();
    const answered = data as Group[];
    const expected = await query<{ check_code: string; n: number; critical: number; opened: number; resolved: number }>(
      `select check_code, count(*)::int as n, count(*) filter (where severity = 'CRITICAL')::int as critical,
         count(*) filter (where status = 'OPEN')::int as opened, count(*) filter (where status = 'RESOLVED')::int as resolved
       from public.v_system_alerts where not snoozed and not silenced group by check_code`,
    );
    expect(answered).toHaveLength(expected.length);
    for (const row of expected) {
      expect(answered.find((group) => group.check_code === row.check_code)).toMatchObject({
        entity_type: null,
        entity_id: null,
        alert_count: row.n,
        critical_count: row.critical,
        open_count: row.opened,
        resolved_count: row.resolved,
      });
    }
    // Most severe first: every group holding a CRITICAL alert comes before any without.
    const firstWithout = answered.findIndex((group) => group.critical_count === 0);
    if (firstWithout >= 0) expect(answered.slice(firstWithout).every((group) => group.critical_count === 0)).toBe(true);
  });

  it('by object, narrowed to one tank: one group, named as people name the tank', async () => {
    const { anomaly } = await openAlert();
    const { data, error } = await groups(admin, { p_by: 'entity', p_entity_type: 'citerne', p_entity_id: anomaly.entityId });
    expect(error).toBeNull();
    expect(data).toEqual([
      expect.objectContaining({
        check_code: null,
        entity_type: 'citerne',
        entity_id: anomaly.entityId,
        alert_count: 1,
        critical_count: 1,
        open_count: 1,
        entity_label: expect.stringContaining(`ZT-${anomaly.entityId.slice(0, 8)}`),
      }),
    ]);
  });

  it('« Mes alertes » counts the caller’s own; a search term matches itself (% is no wildcard)', async () => {
    const { alert } = await openAlert();
    await admin.client.rpc('assign_alert', { p_alert_id: alert.id, p_assignee: admin.userId, p_expected_assignee: none });
    const mine = (await groups(admin, { p_by: 'check', p_mine: true })).data as Group[];
    const [expected] = await query<{ n: number }>(
      `select count(*)::int as n from public.v_system_alerts where assigned_to = $1 and status in ('OPEN', 'ACK') and not snoozed and not silenced`,
      [admin.userId],
    );
    expect(mine.reduce((sum, group) => sum + group.alert_count, 0)).toBe(expected!.n);
    expect(((await groups(pca, { p_by: 'check', p_mine: true })).data as Group[]).length).toBe(0);
    // As a pattern, 'T%5' would match « T05 » and many more; as text, nothing holds it.
    expect(((await groups(pca, { p_by: 'check', p_status: 'all', p_term: 'T' })).data as Group[]).length).toBeGreaterThan(0);
    expect((await groups(pca, { p_by: 'check', p_status: 'all', p_term: 'T%5' })).data).toEqual([]);
    const code = `ZT-${alert.entity_id.slice(0, 8)}`;
    expect(((await groups(pca, { p_by: 'entity', p_term: code })).data as Group[]).map((group) => group.entity_id)).toEqual([
      alert.entity_id,
    ]);
  });

  it('is refused to anyone but a governance role, and for arguments it does not know', async () => {
    expectError(await groups(operateur, { p_by: 'check' }), '42501', 'governance_only');
    expectError(await anonClient().rpc('alert_groups', { p_by: 'check' } as never), '42501');
    expectError(await groups(pca, { p_by: 'severity' }), '22023', 'invalid_group');
    expectError(await groups(pca, { p_by: 'check', p_status: 'CLOSED' }), '22023', 'invalid_status');
    expectError(await groups(pca, { p_by: 'check', p_term: 'x'.repeat(201) }), '22023', 'invalid_term');
    expectError(await groups(pca, { p_by: 'entity', p_entity_type: 'citerne' }), '22023', 'invalid_entity');
  });
});
