/**
 * Depot scope (issue 16): a profile with a depot sees and acts on its depot only — in the database,
 * by every path (tables, views, functions, the ledger's export, notifications) — and a profile
 * without one (head office) sees every depot and the platform. The seed's Bouaké admin and
 * directeur are the depot-scoped users; the Vridi alerts and the platform's findings are what they
 * must never reach. Each refused action re-reads the target to show nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signedIn, signInAs } from './support/clients';
import { type AlertRow, closeDb, mustReadAlert, query } from './support/db';
import { BOUAKE_DEPOT_ID, createNegativeStockTank, openAlert, removeFixtures, SEED_DEPOT_ID } from './support/fixtures';
import { expectError } from './support/refusals';

const VRIDI = SEED_DEPOT_ID;
const BOUAKE = BOUAKE_DEPOT_ID;

let bouakeAdmin: SignedIn;
let bouakeDirecteur: SignedIn;
let admin: SignedIn;
let directeur: SignedIn;
let pca: SignedIn;
let vridiAlert: AlertRow;
let bouakeAlert: AlertRow;
/** REFERENCE_INCOMPLETE on a product: the company's reference data, no depot. */
let companyAlert: AlertRow;

const asDepotUser = async (email: string): Promise<SignedIn> => ({ ...(await signInAs(email)), role: 'admin' });

beforeAll(async () => {
  [bouakeAdmin, bouakeDirecteur, admin, directeur, pca] = await Promise.all([
    asDepotUser('admin.bouake@depot.test'),
    asDepotUser('directeur.bouake@depot.test'),
    signedIn('admin'),
    signedIn('directeur'),
    signedIn('pca'),
  ]);
  await createNegativeStockTank(BOUAKE);
  ({ alert: vridiAlert } = await openAlert());
  const [bouake] = await query<AlertRow>(
    `select a.* from public.system_alerts a join public.citernes c on c.id::text = a.entity_id
     where a.status = 'OPEN' and a.check_code = 'STOCK_NEGATIF' and c.depot_id = $1 and c.code like 'ZT-%'
     order by a.first_seen_at desc limit 1`,
    [BOUAKE],
  );
  bouakeAlert = bouake!;
  const [company] = await query<AlertRow>(
    `select * from public.system_alerts where check_code = 'REFERENCE_INCOMPLETE' and status in ('OPEN', 'ACK') limit 1`,
  );
  companyAlert = company!;
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

const depotOf = async (table: string, id: string) =>
  (await query<{ depot_id: string | null }>(`select depot_id from public.${table} where id = $1`, [id]))[0]?.depot_id;

const eventCount = async (alertId: string) =>
  Number((await query<{ n: string }>('select count(*) as n from public.system_alert_events where alert_id = $1', [alertId]))[0]!.n);

describe('every alert, event and silence carries its depot', () => {
  it('takes the depot of the entity the alert concerns; the company and the platform have none', async () => {
    expect(await depotOf('system_alerts', vridiAlert.id)).toBe(VRIDI);
    expect(await depotOf('system_alerts', bouakeAlert.id)).toBe(BOUAKE);
    expect(companyAlert).toBeDefined();
    expect(await depotOf('system_alerts', companyAlert.id)).toBeNull();
    const [feed] = await query<{ depot_id: string }>(
      `select depot_id from public.system_alerts where check_code = 'FEED_SILENT' and entity_id = $1 and status in ('OPEN', 'ACK')`,
      [BOUAKE],
    );
    expect(feed?.depot_id).toBe(BOUAKE);
    // Every event has its alert's depot, from the seed's history to the fixtures' openings.
    const mismatched = await query(
      `select e.id from public.system_alert_events e join public.system_alerts a on a.id = e.alert_id
       where e.depot_id is distinct from a.depot_id`,
    );
    expect(mismatched).toEqual([]);
  });

  it('is not a column any API role can write', async () => {
    const answer = await directeur.client.from('system_alerts').update({ depot_id: BOUAKE }).eq('id', vridiAlert.id).select('id');
    expectError(answer, '42501');
    expect(await depotOf('system_alerts', vridiAlert.id)).toBe(VRIDI);
  });
});

/** What `signedInUser` reads of `relation`, every row (selected columns). */
async function readAll(user: SignedIn, relation: string, columns: string): Promise<Record<string, unknown>[]> {
  const { data, error } = await user.client.from(relation).select(columns).limit(100_000);
  expect(error, `${relation}: ${error?.message}`).toBeNull();
  return (data ?? []) as unknown as Record<string, unknown>[];
}

describe("a depot's people read their depot only", () => {
  const withDepot = [
    'system_alerts',
    'v_system_alerts',
    'system_alert_events',
    'v_alert_event_export',
    'alert_silences',
    'citernes',
    'cours_de_route',
  ];
  const platformOnly = [
    'security_audit_logs',
    'policy_snapshots',
    'policy_snapshot_items',
    'version_policies',
    'client_version_reports',
    'v_component_versions',
    'v_policy_changes',
  ];

  it.each(['admin.bouake@depot.test', 'directeur.bouake@depot.test'])('%s: alerts, ledger, silences, tanks, trucks', async (email) => {
    const user = email.startsWith('admin') ? bouakeAdmin : bouakeDirecteur;
    for (const relation of withDepot) {
      const rows = await readAll(user, relation, relation === 'v_alert_event_export' ? 'id, alert_id' : 'depot_id');
      if (relation === 'v_alert_event_export') {
        const ids = rows.map((r) => Number(r.id));
        const outside = await query(
          'select id from public.system_alert_events where id = any($1::bigint[]) and depot_id is distinct from $2',
          [ids, BOUAKE],
        );
        expect(outside, relation).toEqual([]);
      } else {
        expect(new Set(rows.map((r) => r.depot_id)), relation).toEqual(rows.length ? new Set([BOUAKE]) : new Set());
      }
    }
    const silences = (await readAll(user, 'v_alert_silences', 'id')).map((r) => r.id);
    expect(
      await query('select id from public.alert_silences where id = any($1::uuid[]) and depot_id is distinct from $2', [silences, BOUAKE]),
    ).toEqual([]);
    const alerts = await readAll(user, 'v_system_alerts', 'id, depot_code');
    expect(alerts.map((a) => a.id)).toContain(bouakeAlert.id);
    expect(alerts.map((a) => a.id)).not.toContain(vridiAlert.id);
    expect(alerts.map((a) => a.id)).not.toContain(companyAlert.id);
    expect(new Set(alerts.map((a) => a.depot_code))).toEqual(new Set(['BOUAKE']));

    expect((await readAll(user, 'depots', 'id')).map((d) => d.id)).toEqual([BOUAKE]);
    const bouakeTanks = (await query<{ id: string }>('select id from public.citernes where depot_id = $1', [BOUAKE])).map((t) => t.id);
    for (const relation of ['receptions', 'sorties_produit', 'stocks_journaliers']) {
      const rows = await readAll(user, relation, 'citerne_id');
      expect(
        rows.filter((r) => !bouakeTanks.includes(r.citerne_id as string)),
        relation,
      ).toEqual([]);
    }
    expect((await readAll(user, 'stocks_journaliers', 'citerne_id')).length).toBeGreaterThan(0);
    const people = await readAll(user, 'profils', 'depot_id');
    expect(people.filter((p) => p.depot_id !== null && p.depot_id !== BOUAKE)).toEqual([]);
    for (const relation of platformOnly) expect(await readAll(user, relation, '*'), relation).toEqual([]);

    // The live checks: Bouaké's entities only (no Vridi tank, no product, no platform finding).
    const checks = await readAll(user, 'v_integrity_checks', 'entity_type, entity_id');
    expect(checks.length).toBeGreaterThan(0);
    const foreign = await query(
      `select c.* from jsonb_to_recordset($1::jsonb) as c (entity_type text, entity_id text)
       where private.entity_depot(c.entity_type, c.entity_id) is distinct from $2`,
      [JSON.stringify(checks), BOUAKE],
    );
    expect(foreign).toEqual([]);
  });

  it("sees only its depot's deliveries, and the overview counts its depot only", async () => {
    const deliveries = await readAll(bouakeAdmin, 'notification_deliveries', 'alert_id, recipient_id');
    // To their depot's people only: a head-office recipient's errors name addresses that are not theirs.
    const bouakePeople = (await query<{ user_id: string }>('select user_id from public.profils where depot_id = $1', [BOUAKE])).map(
      (p) => p.user_id,
    );
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => !bouakePeople.includes(d.recipient_id as string))).toEqual([]);
    const alertIds = [...new Set(deliveries.map((d) => d.alert_id).filter(Boolean))] as string[];
    const foreign = await query('select id from public.system_alerts where id = any($1::uuid[]) and depot_id is distinct from $2', [
      alertIds,
      BOUAKE,
    ]);
    expect(foreign).toEqual([]);

    const { data: overview, error } = await bouakeAdmin.client.rpc('governance_overview');
    expect(error).toBeNull();
    const [expected] = await query<{ n: string }>(
      `select count(*) as n from public.system_alerts where status in ('OPEN', 'ACK') and depot_id = $1`,
      [BOUAKE],
    );
    const statuses = (overview as { by_status: Record<string, number> }).by_status;
    expect((statuses.OPEN ?? 0) + (statuses.ACK ?? 0)).toBe(Number(expected!.n));
  });

  it('searches its depot only', async () => {
    const { data: headOffice } = await admin.client.rpc('alert_search_ids', { term: vridiAlert.entity_id });
    expect(headOffice).toEqual([vridiAlert.id]);
    const { data: depot, error } = await bouakeAdmin.client.rpc('alert_search_ids', { term: vridiAlert.entity_id });
    expect(error).toBeNull();
    expect(depot).toEqual([]);
    const { data: own } = await bouakeAdmin.client.rpc('alert_search_ids', { term: bouakeAlert.entity_id });
    expect(own).toEqual([bouakeAlert.id]);
  });

  it("is refused the platform's findings, and still knows when the checks stop running", async () => {
    for (const fn of ['security_posture_findings', 'exposed_relations', 'applied_migrations'] as const) {
      expectError(await bouakeAdmin.client.rpc(fn), '42501', 'head_office_only');
    }
    const { data, error } = await bouakeDirecteur.client.rpc('sync_health');
    expect(error).toBeNull();
    expect(data).toMatchObject({ last_success_at: expect.any(String) });
  });
});

describe('the integrity overview by depot', () => {
  it("head office narrows it to one depot; another depot's code is unknown to a depot's people", async () => {
    const { data, error } = await admin.client.rpc('governance_overview', { days: 30, p_depot: 'BOUAKE' });
    expect(error).toBeNull();
    const [expected] = await query<{ open: string; ack: string }>(
      `select count(*) filter (where status = 'OPEN') as open, count(*) filter (where status = 'ACK') as ack
       from public.system_alerts where depot_id = $1`,
      [BOUAKE],
    );
    const byStatus = (data as { by_status: Record<string, number> }).by_status;
    expect([byStatus.OPEN, byStatus.ACK]).toEqual([Number(expected!.open), Number(expected!.ack)]);
    const { data: reasons } = await admin.client.rpc('alert_resolution_reasons', { p_days: 366, p_depot: 'BOUAKE' });
    const [resolved] = await query<{ n: string }>(
      `select count(*) as n from public.system_alerts where depot_id = $1 and status = 'RESOLVED'
         and resolved_at >= date_trunc('day', now()) - interval '365 days'`,
      [BOUAKE],
    );
    expect((reasons as { resolved: number }[]).reduce((sum, row) => sum + Number(row.resolved), 0)).toBe(Number(resolved!.n));
    expect((await admin.client.rpc('alert_deadline_compliance', { p_days: 30, p_depot: 'BOUAKE' })).error).toBeNull();
    for (const fn of ['governance_overview', 'alert_deadline_compliance', 'alert_resolution_reasons'] as const) {
      const args = fn === 'governance_overview' ? { days: 30, p_depot: 'VRIDI' } : { p_days: 30, p_depot: 'VRIDI' };
      expectError(await bouakeAdmin.client.rpc(fn, args), '22023', 'depot_not_found');
    }
  });
});

describe('head office reads every depot and the platform', () => {
  it.each(['admin', 'directeur', 'pca'] as const)('%s', async (role) => {
    const user = { admin, directeur, pca }[role];
    const ids = (await readAll(user, 'v_system_alerts', 'id')).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([vridiAlert.id, bouakeAlert.id, companyAlert.id]));
    expect((await readAll(user, 'depots', 'id')).length).toBe(3);
    expect((await readAll(user, 'version_policies', 'component')).length).toBeGreaterThan(0);
    const { error } = await user.client.rpc('security_posture_findings');
    expect(error).toBeNull();
  });
});

describe("a depot's people cannot act on another depot's alert, by any path", () => {
  it('every workflow path answers « not found » and changes nothing', async () => {
    const before = await mustReadAlert(vridiAlert.id);
    const eventsBefore = await eventCount(vridiAlert.id);
    const now = new Date().toISOString();
    const { data: patched, error } = await bouakeDirecteur.client
      .from('system_alerts')
      .update({ status: 'ACK', ack_note: 'pas mon dépôt' })
      .eq('id', vridiAlert.id)
      .select('id');
    expect(error).toBeNull();
    expect(patched).toEqual([]);
    const calls = [
      bouakeDirecteur.client.rpc('assign_alert', {
        p_alert_id: vridiAlert.id,
        p_assignee: bouakeDirecteur.userId,
        p_expected_assignee: null as unknown as string,
      }),
      bouakeDirecteur.client.rpc('snooze_alert', {
        p_alert_id: vridiAlert.id,
        p_until: new Date(Date.now() + 3_600_000).toISOString(),
        p_reason: 'pause',
        p_expected_until: null as unknown as string,
      }),
      bouakeDirecteur.client.rpc('end_alert_snooze', { p_alert_id: vridiAlert.id }),
      bouakeAdmin.client.rpc('add_alert_comment', { p_alert_id: vridiAlert.id, p_body: 'un commentaire' }),
      bouakeDirecteur.client.rpc('countersign_resolution', {
        p_alert_id: vridiAlert.id,
        p_approve: true,
        p_note: 'ok',
        p_expected_requested_at: now,
      }),
    ];
    for (const answer of await Promise.all(calls)) expectError(answer, 'P0002', 'alert_not_found');
    const after = await mustReadAlert(vridiAlert.id);
    expect(after).toEqual(before);
    expect(await eventCount(vridiAlert.id)).toBe(eventsBefore);
  });

  it('cannot silence, or end the silence of, another depot', async () => {
    const silencesBefore = await query('select id from public.alert_silences order by id');
    const window = {
      p_starts_at: null as unknown as string,
      p_ends_at: new Date(Date.now() + 3_600_000).toISOString(),
      p_reason: 'maintenance',
    };
    expectError(
      await bouakeDirecteur.client.rpc('create_alert_silence', {
        p_check_code: 'STOCK_NEGATIF',
        p_entity_type: 'citerne',
        p_entity_id: vridiAlert.entity_id,
        ...window,
      }),
      '22023',
      'silence_entity_not_found',
    );
    expectError(
      await bouakeDirecteur.client.rpc('create_alert_silence', {
        p_check_code: 'FEED_SILENT',
        p_entity_type: 'depot',
        p_entity_id: VRIDI,
        ...window,
      }),
      '22023',
      'silence_entity_not_found',
    );
    expect(await query('select id from public.alert_silences order by id')).toEqual(silencesBefore);

    // Head office silences a Vridi tank; Bouaké neither sees the silence nor can end it.
    const { data: silence, error } = await directeur.client.rpc('create_alert_silence', {
      p_check_code: 'STOCK_NEGATIF',
      p_entity_type: 'citerne',
      p_entity_id: vridiAlert.entity_id,
      ...window,
    });
    expect(error).toBeNull();
    const silenceId = (silence as { id: string }).id;
    expect(await depotOf('alert_silences', silenceId)).toBe(VRIDI);
    expect((await readAll(bouakeDirecteur, 'alert_silences', 'id')).map((s) => s.id)).not.toContain(silenceId);
    expectError(await bouakeDirecteur.client.rpc('end_alert_silence', { p_silence_id: silenceId }), 'P0002', 'silence_not_found');
    const [still] = await query<{ ended_at: string | null }>('select ended_at from public.alert_silences where id = $1', [silenceId]);
    expect(still?.ended_at).toBeNull();
    const [created] = await query<{ depot_id: string }>(
      `select depot_id from public.system_alert_events where event_type = 'silence_created' and details ->> 'silence_id' = $1`,
      [silenceId],
    );
    expect(created?.depot_id).toBe(VRIDI);
    expect((await directeur.client.rpc('end_alert_silence', { p_silence_id: silenceId })).error).toBeNull();
  });

  it("acts on its own depot's alert; an assignee must see the alert's depot", async () => {
    const { data, error } = await bouakeDirecteur.client
      .from('system_alerts')
      .update({ status: 'ACK', ack_note: 'pris en charge à Bouaké' })
      .eq('id', bouakeAlert.id)
      .select('status');
    expect(error).toBeNull();
    expect(data).toEqual([{ status: 'ACK' }]);
    expect(
      (
        await bouakeDirecteur.client.rpc('assign_alert', {
          p_alert_id: bouakeAlert.id,
          p_assignee: bouakeAdmin.userId,
          p_expected_assignee: null as unknown as string,
        })
      ).error,
    ).toBeNull();
    expect((await mustReadAlert(bouakeAlert.id)).assigned_to).toBe(bouakeAdmin.userId);

    // Head office cannot hand a Vridi alert to Bouaké's admin: they could not see it.
    const before = await mustReadAlert(vridiAlert.id);
    expectError(
      await directeur.client.rpc('assign_alert', {
        p_alert_id: vridiAlert.id,
        p_assignee: bouakeAdmin.userId,
        p_expected_assignee: null as unknown as string,
      }),
      '22023',
      'assignee_not_allowed',
    );
    expect(await mustReadAlert(vridiAlert.id)).toEqual(before);
  });

  it("leaves the company's deadlines to head office", async () => {
    const before = await query('select * from public.alert_deadlines order by severity');
    expectError(
      await bouakeDirecteur.client.rpc('set_alert_deadline', { p_severity: 'WARN', p_ack_minutes: 60, p_resolve_minutes: 600 }),
      '42501',
      'head_office_only',
    );
    expect(await query('select * from public.alert_deadlines order by severity')).toEqual(before);
  });
});

describe("the company's own: the ledger's size, the sync, the platform's version", () => {
  it('tells a depot whether the ledger holds, not how many events it has', async () => {
    const { data: depot } = await bouakeAdmin.client.rpc('verify_alert_event_chain');
    expect(depot).toEqual([{ valid: true, checked: null, first_broken_id: null, reason: null }]);
    const { data: headOffice } = await admin.client.rpc('verify_alert_event_chain');
    expect((headOffice as { checked: number }[])[0]!.checked).toBeGreaterThan(0);
  });

  it("leaves the sync to head office, and its counts; a depot's people read when it last ran", async () => {
    const [before] = await query<{ n: string }>('select count(*) as n from public.alert_sync_runs');
    expectError(await bouakeAdmin.client.rpc('sync_system_alerts'), '42501', 'head_office_only');
    expect((await query<{ n: string }>('select count(*) as n from public.alert_sync_runs'))[0]!.n).toBe(before!.n);
    expectError(await bouakeAdmin.client.from('alert_sync_state').select('last_result'), '42501');
    const { data, error } = await bouakeAdmin.client.from('alert_sync_state').select('last_run_at');
    expect(error).toBeNull();
    expect(data).toEqual([{ last_run_at: expect.any(String) }]);
    expectError(await bouakeAdmin.client.rpc('applied_schema_version'), '42501', 'head_office_only');
    expect((await admin.client.rpc('applied_schema_version')).error).toBeNull();
  });

  it("groups the list by check within the caller's depots only", async () => {
    const groups = (user: SignedIn, depot: string | null) =>
      user.client.rpc('alert_groups', { p_by: 'check', p_status: 'all', p_depot: depot as string });
    expect((await groups(bouakeAdmin, 'VRIDI')).data).toEqual([]);
    const own = (await groups(bouakeAdmin, null)).data as { alert_count: number }[];
    const [expected] = await query<{ n: string }>(
      `select count(*) as n from public.system_alerts where depot_id = $1 and (snoozed_until is null or snoozed_until <= now())
         and (silence_id is null or not private.is_silenced(silence_id))`,
      [BOUAKE],
    );
    expect(own.reduce((sum, g) => sum + Number(g.alert_count), 0)).toBe(Number(expected!.n));
    const vridi = (await groups(admin, 'VRIDI')).data as { check_code: string }[];
    expect(vridi.map((g) => g.check_code)).not.toContain('FEED_SILENT'); // Bouaké's, not Vridi's
    expect(vridi.map((g) => g.check_code)).toContain('STOCK_NEGATIF');
  });

  it('keeps every alert in its depot, whoever writes', async () => {
    await expect(query('update public.system_alerts set depot_id = $2 where id = $1', [vridiAlert.id, BOUAKE])).rejects.toMatchObject({
      code: '55000',
      hint: 'depot_immutable',
    });
    expect(await depotOf('system_alerts', vridiAlert.id)).toBe(VRIDI);
  });
});

describe('head office narrows the ledger, the silences and the deliveries to one depot', () => {
  it("reads one depot's events, silences and alert deliveries by depot_id, as the pages ask for them", async () => {
    const events = await admin.client.from('v_alert_event_export').select('id, depot_id').eq('depot_id', BOUAKE).limit(500);
    expect(events.error).toBeNull();
    expect(events.data!.length).toBeGreaterThan(0);
    expect(new Set(events.data!.map((row) => row.depot_id))).toEqual(new Set([BOUAKE]));
    // The same rows the table holds for Bouaké: the view's depot is the event's.
    const [{ n }] = (await query<{ n: string }>('select count(*) as n from public.system_alert_events where depot_id = $1', [
      BOUAKE,
    ])) as [{ n: string }];
    const counted = await admin.client.from('v_alert_event_export').select('id', { count: 'exact', head: true }).eq('depot_id', BOUAKE);
    expect(counted.count).toBe(Number(n));

    const silences = await admin.client.from('v_alert_silences').select('id, depot_id').eq('depot_id', BOUAKE);
    expect(silences.error).toBeNull();
    expect(silences.data!.every((row) => row.depot_id === BOUAKE)).toBe(true);

    // A failed delivery about each depot's alert (to the head office admin), then the filter.
    const delivered = await query<{ id: string; alert_id: string }>(
      `insert into public.notification_deliveries (event_id, alert_id, recipient_id, channel, kind, status, attempts, last_error)
       select distinct on (e.alert_id) e.id, e.alert_id, $1, 'webhook', 'alert', 'failed', 5, 'test: depot filter'
       from public.system_alert_events e
       where e.alert_id = any($2::uuid[]) and not exists (
         select 1 from public.notification_deliveries x where x.event_id = e.id and x.recipient_id = $1 and x.channel = 'webhook')
       order by e.alert_id, e.id
       returning id, alert_id`,
      [admin.userId, [vridiAlert.id, bouakeAlert.id]],
    );
    expect(delivered.map((row) => row.alert_id).sort()).toEqual([vridiAlert.id, bouakeAlert.id].sort());
    const deliveries = await admin.client
      .from('notification_deliveries')
      .select('id, alert_id, about:system_alerts!notification_deliveries_alert_id_fkey!inner()')
      .eq('about.depot_id', BOUAKE)
      .in(
        'id',
        delivered.map((row) => row.id),
      );
    expect(deliveries.error).toBeNull();
    expect(deliveries.data!.map((row) => row.alert_id)).toEqual([bouakeAlert.id]);
    // A depot's admin asking for another depot gets nothing (RLS), not an error.
    const other = await bouakeAdmin.client.from('v_alert_event_export').select('id').eq('depot_id', VRIDI).limit(5);
    expect(other).toMatchObject({ error: null, data: [] });
  });
});

describe('deliveries: retried by the recipient’s depot, judged again at sending', () => {
  const failedDelivery = async (recipient: string, alertId: string) =>
    (
      await query<{ id: string }>(
        `insert into public.notification_deliveries (event_id, alert_id, recipient_id, channel, kind, status, attempts, last_error)
         select e.id, e.alert_id, $1, 'webhook', 'alert', 'failed', 5, 'test: refused'
         from public.system_alert_events e
         where e.alert_id = $2 and not exists (
           select 1 from public.notification_deliveries x where x.event_id = e.id and x.recipient_id = $1 and x.channel = 'webhook')
         order by e.id limit 1
         returning id`,
        [recipient, alertId],
      )
    )[0]!.id;
  const statusOf = async (id: string) =>
    (await query<{ status: string }>('select status from public.notification_deliveries where id = $1', [id]))[0]!.status;
  const retriedEvents = async (id: string) =>
    Number(
      (
        await query<{ n: string }>(
          `select count(*) as n from public.system_alert_events where event_type = 'delivery_retried' and details ->> 'delivery_id' = $1`,
          [id],
        )
      )[0]!.n,
    );

  it("a depot's admin retries what went to their depot's people, not head office's", async () => {
    const toHeadOffice = await failedDelivery(directeur.userId, bouakeAlert.id);
    expectError(await bouakeAdmin.client.rpc('retry_delivery', { p_id: toHeadOffice }), 'P0002', 'delivery_not_failed');
    expect(await statusOf(toHeadOffice)).toBe('failed');
    expect(await retriedEvents(toHeadOffice)).toBe(0);
    const toBouake = await failedDelivery(bouakeDirecteur.userId, bouakeAlert.id);
    expect((await bouakeAdmin.client.rpc('retry_delivery', { p_id: toBouake })).error).toBeNull();
    // (The worker may already have tried it again: the ledger says it was retried.)
    expect(await retriedEvents(toBouake)).toBe(1);
    await query(`update public.notification_deliveries set status = 'sent', sent_at = now() where id = any($1::uuid[])`, [
      [toHeadOffice, toBouake],
    ]);
  });

  it('a delivery whose recipient no longer sees the alert’s depot fails at sending instead of going out', async () => {
    // As if Bouaké's admin had been told of a Vridi alert before moving depot: the worker claims it.
    const id = await failedDelivery(bouakeAdmin.userId, vridiAlert.id);
    await query(`update public.notification_deliveries set status = 'pending' where id = $1`, [id]);
    const [claimed] = await query<{ payload: unknown }>('select private.claim_delivery($1) as payload', [id]);
    expect(claimed!.payload).toBeNull();
    const [row] = await query<{ status: string; last_error: string }>(
      'select status, last_error from public.notification_deliveries where id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'failed', last_error: "the recipient no longer sees this alert's depot" });
    // Made by hand for this test: it must not read as a real delivery to the next ones.
    await query('delete from public.notification_deliveries where id = $1', [id]);
  });
});

describe("a depot's people are told of their depot only", () => {
  it('opening alerts notifies Bouaké of Bouaké, head office of both', async () => {
    const recipientsOf = async (alertId: string) =>
      new Set(
        (
          await query<{ recipient_id: string }>('select recipient_id from public.notification_deliveries where alert_id = $1', [alertId])
        ).map((d) => d.recipient_id),
      );
    const vridi = await recipientsOf(vridiAlert.id);
    const bouake = await recipientsOf(bouakeAlert.id);
    expect(vridi.has(admin.userId)).toBe(true);
    expect(bouake.has(admin.userId)).toBe(true);
    expect(bouake.has(bouakeAdmin.userId)).toBe(true);
    expect(vridi.has(bouakeAdmin.userId)).toBe(false);
    // Nothing anywhere went to Bouaké about another depot or the platform.
    const leaks = await query(
      `select d.id from public.notification_deliveries d join public.system_alerts a on a.id = d.alert_id
       where d.recipient_id = any($1::uuid[]) and a.depot_id is distinct from $2`,
      [[bouakeAdmin.userId, bouakeDirecteur.userId], BOUAKE],
    );
    expect(leaks).toEqual([]);
  });

  it("a Bouaké digest lists Bouaké's alerts only", async () => {
    // A digest row of our own (an end no scheduler uses: not midnight), built as the worker would claim it.
    const [digest] = await query<{ id: string }>(
      `insert into public.notification_deliveries (recipient_id, channel, kind, digest_period, digest_since, digest_until)
       values ($1, 'email', 'digest', 'daily', now() - interval '40 days', clock_timestamp() + interval '1 hour')
       returning id`,
      [bouakeAdmin.userId],
    );
    try {
      const [claimed] = await query<{ payload: { digest: { alerts: { id: string }[]; opened_count: number } } }>(
        'select private.claim_delivery($1) as payload',
        [digest!.id],
      );
      const listed = claimed!.payload.digest.alerts.map((a) => a.id);
      expect(listed).toContain(bouakeAlert.id);
      const foreign = await query('select id from public.system_alerts where id = any($1::uuid[]) and depot_id is distinct from $2', [
        listed,
        BOUAKE,
      ]);
      expect(foreign).toEqual([]);
    } finally {
      // Made by hand for this test: gone afterwards.
      await query('delete from public.notification_deliveries where id = $1', [digest!.id]);
    }
  });
});
