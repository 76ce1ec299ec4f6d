/**
 * Security events as checks (private.security_event_checks): AUTH_FAILURE_SPIKE, RULES_DISAGREE and
 * SEC_ANON_PROBE_ROWS each fire, clear once their evidence is gone and recur as a new alert after
 * resolution, through public.sync_system_alerts(); governance readers see them, operateur and anon
 * do not; and the paths that record the evidence (sign_in_failed / sign_in_gate,
 * record_security_event, record_anon_probe) refuse forged or oversized input and change nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeAnon } from '@/lib/security/anon-probe';
import { runScheduledAnonProbe } from '@/lib/security/scheduled-probe';
import { createThrowawayUser, removeThrowawayUsers } from './support/auth';
import { anonClient, serviceClient, type SignedIn, signedIn } from './support/clients';
import { alertsFor, closeDb, mustReadAlert, query, sync, type AlertRow } from './support/db';
import { anonKey, serviceRoleKey, supabaseUrl } from './support/env';
import { activeAlertFor } from './support/fixtures';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';
import { withSetting } from './support/settings';

const service = serviceClient();
let pca: SignedIn;
let directeur: SignedIn;
let operateur: SignedIn;
let admin: SignedIn;

let restore: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const undo of restore.reverse()) await undo();
  restore = [];
});

beforeAll(async () => {
  [pca, directeur, operateur, admin] = await Promise.all([
    signedIn('pca'),
    signedIn('directeur'),
    signedIn('operateur'),
    signedIn('admin'),
  ]);
  // Earlier suites' refused sign-ins and disagreements must not count in this file's windows.
  await query(`update private.sign_in_refusals set minute = minute - interval '2 days'`);
  await query(
    `update public.security_audit_logs set occurred_at = occurred_at - interval '30 days', last_occurred_at = last_occurred_at - interval '30 days'
     where kind = 'rules_disagree'`,
  );
  await sync();
});

afterAll(async () => {
  // Back to the seed's state for the suites after this one: no evidence left in any window.
  await removeThrowawayUsers();
  await query(`update private.sign_in_refusals set minute = minute - interval '2 days'`);
  await query(`delete from public.security_audit_logs where kind = 'rules_disagree' and details ->> 'rule' like 'test\\_%'`);
  await sync();
  await closeDb();
});

/** The active alert of a fingerprint after a sync; fails when there is none. */
async function syncedAlert(fingerprint: string): Promise<AlertRow> {
  await sync();
  const alert = await activeAlertFor(fingerprint);
  if (!alert) throw new Error(`no active alert for ${fingerprint}`);
  return alert;
}

async function resolveAsDirecteur(id: string): Promise<void> {
  const { error } = await directeur.client
    .from('system_alerts')
    .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Traité (test des événements de sécurité)' })
    .eq('id', id)
    .select('id');
  expect(error).toBeNull();
  expect((await mustReadAlert(id)).status).toBe('RESOLVED');
}

/** pca reads the check row and the alert; operateur reads neither; anon is refused both. */
async function expectOnlyReadersSee(checkCode: string, entityId: string, alertId: string): Promise<void> {
  const check = await pca.client
    .from('v_integrity_checks')
    .select('check_code, entity_id')
    .eq('check_code', checkCode)
    .eq('entity_id', entityId);
  expect(check.error).toBeNull();
  expect(check.data).toEqual([{ check_code: checkCode, entity_id: entityId }]);
  const alert = await pca.client.from('system_alerts').select('id').eq('id', alertId);
  expect(alert.data).toEqual([{ id: alertId }]);

  expectNoRows(await operateur.client.from('v_integrity_checks').select('check_code').eq('check_code', checkCode));
  expectNoRows(await operateur.client.from('system_alerts').select('id').eq('id', alertId));
  expectPermissionDenied(await anonClient().from('v_integrity_checks').select('check_code').eq('check_code', checkCode));
  expectPermissionDenied(await anonClient().from('system_alerts').select('id').eq('id', alertId));
}

describe('AUTH_FAILURE_SPIKE', () => {
  const failSignIn = async (email: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const { error } = await service.rpc('sign_in_failed', { email, client_address: '198.51.100.9', user_agent: 'test' });
      expect(error).toBeNull();
    }
  };
  const gate = async (email: string) => {
    const { data, error } = await service.rpc('sign_in_gate', { email, client_address: '198.51.100.9' });
    expect(error).toBeNull();
    return data as { allowed: boolean };
  };

  it('per account (WARN): fires at the threshold counting wrong passwords and shut-gate attempts, clears when the window passes, recurs as a new alert', async () => {
    restore.push(await withSetting('auth_failures_per_account', 7), await withSetting('auth_failures_overall', 100000));
    const user = await createThrowawayUser();
    const fingerprint = `AUTH_FAILURE_SPIKE:account:${user.id}`;

    await failSignIn(user.email.toUpperCase(), 5); // the gate shuts at 5 (sign_in_failures_per_account)
    expect(await gate(user.email)).toMatchObject({ allowed: false });
    await sync();
    expect(await activeAlertFor(fingerprint)).toBeUndefined(); // 6 < 7
    expect(await gate(user.email)).toMatchObject({ allowed: false });

    const first = await syncedAlert(fingerprint);
    expect(first).toMatchObject({ check_code: 'AUTH_FAILURE_SPIKE', severity: 'WARN', entity_type: 'account', status: 'OPEN' });
    expect(first.message).toContain(user.email);
    expect(first.message).toContain('7 connexions refusées en 15 min (5 mots de passe erronés, 2 tentatives bloquées), seuil 7');
    expect(first.details).toMatchObject({
      compte: user.email,
      connexions_refusees: 7,
      mots_de_passe_errones: 5,
      tentatives_bloquees: 2,
      fenetre_minutes: 15,
      seuil: 7,
    });
    await expectOnlyReadersSee('AUTH_FAILURE_SPIKE', user.id, first.id);

    // The burst leaves the window: the condition clears, the alert waits for a human.
    await query(`update private.sign_in_refusals set minute = minute - interval '16 minutes' where account_id = $1`, [user.id]);
    await sync();
    const cleared = await mustReadAlert(first.id);
    expect(cleared.cleared_at).not.toBeNull();
    expect(cleared.status).toBe('OPEN');

    await resolveAsDirecteur(first.id);
    await query(`delete from private.sign_in_failures where key = $1`, [user.email]);
    await failSignIn(user.email, 7);
    const second = await syncedAlert(fingerprint);
    expect(second.id).not.toBe(first.id);
    expect((await alertsFor(fingerprint)).map((a) => a.status)).toEqual(['RESOLVED', 'OPEN']);
  });

  it('overall (CRITICAL): counts e-mails that match no account without ever naming them, and clears', async () => {
    restore.push(await withSetting('auth_failures_per_account', 100000), await withSetting('auth_failures_overall', 6));
    await query(`update private.sign_in_refusals set minute = minute - interval '2 days'`);
    const strangers = Array.from({ length: 6 }, () => `stranger-${randomUUID()}@nowhere.test`);
    for (const email of strangers) await failSignIn(email, 1);

    const alert = await syncedAlert('AUTH_FAILURE_SPIKE:account:overall');
    expect(alert).toMatchObject({ severity: 'CRITICAL', entity_type: 'account', entity_id: 'overall' });
    expect(alert.details).toMatchObject({ connexions_refusees: 6, adresses_inconnues_refusees: 6, comptes_vises: 0, seuil: 6 });
    const everything = JSON.stringify(alert) + JSON.stringify(await query(`select * from private.sign_in_refusals`));
    for (const email of strangers) expect(everything).not.toContain(email);
    // Addresses that are nobody's are counted under one anonymous key: no per-account entity exists for them.
    expect(await query(`select distinct account_id from private.sign_in_refusals where minute > now() - interval '15 minutes'`)).toEqual([
      { account_id: '00000000-0000-0000-0000-000000000000' },
    ]);
    await expectOnlyReadersSee('AUTH_FAILURE_SPIKE', 'overall', alert.id);

    await query(`update private.sign_in_refusals set minute = minute - interval '16 minutes'`);
    await sync();
    expect((await mustReadAlert(alert.id)).cleared_at).not.toBeNull();
    await resolveAsDirecteur(alert.id);
  });

  it('counts nothing for callers other than the console’s server', async () => {
    const before = await query('select * from private.sign_in_refusals order by minute, account_id');
    for (const client of [anonClient(), operateur.client, admin.client]) {
      expectPermissionDenied(await client.rpc('sign_in_failed', { email: 'admin@depot.test' }));
      expectPermissionDenied(await client.rpc('sign_in_gate', { email: 'admin@depot.test' }));
    }
    expect(await query('select * from private.sign_in_refusals order by minute, account_id')).toEqual(before);
  });
});

describe('RULES_DISAGREE', () => {
  const disagreement = (rule: string, extra: Record<string, unknown> = {}) => ({
    kind: 'rules_disagree',
    severity: 'WARN',
    reason: 'ignored: the database writes its own',
    actor_id: admin.userId,
    actor_email: 'admin@depot.test',
    actor_role: 'admin',
    request_path: '/governance/alerts',
    details: { action: 'acknowledge_alert', rule, sqlstate: '42501', ...((extra.details as object) ?? {}) },
    ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== 'details')),
  });
  const record = async (event: unknown) => (await service.rpc('record_security_event', { event })).error;

  it('opens an alert per (action, rule) with the count and the last occurrence, clears after the window, recurs', async () => {
    const rule = `test_${randomUUID().slice(0, 8)}`;
    const fingerprint = `RULES_DISAGREE:console_action:acknowledge_alert:${rule}`;
    for (let i = 0; i < 3; i++) expect(await record(disagreement(rule))).toBeNull();

    const first = await syncedAlert(fingerprint);
    expect(first).toMatchObject({ check_code: 'RULES_DISAGREE', severity: 'CRITICAL', entity_type: 'console_action', status: 'OPEN' });
    expect(first.message).toMatch(
      new RegExp(
        `^Action « acknowledge_alert » autorisée par la console mais refusée par la base \\(règle ${rule}, SQLSTATE 42501\\) : 3 fois depuis le .+, dernière le .+ \\(1 compte : admin\\)$`,
      ),
    );
    expect(first.details).toMatchObject({
      action: 'acknowledge_alert',
      regle: rule,
      sqlstate: '42501',
      occurrences: 3,
      comptes: 1,
      roles: 'admin',
    });
    expect(first.details.derniere_occurrence).toEqual(expect.any(String));
    // What was stored: the fixed shape, CRITICAL, the database's own reason.
    const [stored] = await query<{ severity: string; details: unknown; reason: string; occurrences: number }>(
      `select severity, details, reason, occurrences from public.security_audit_logs where kind = 'rules_disagree' and details ->> 'rule' = $1`,
      [rule],
    );
    expect(stored).toEqual({
      severity: 'CRITICAL',
      details: { action: 'acknowledge_alert', rule, sqlstate: '42501' },
      reason: `the database refused acknowledge_alert (${rule}) although the console allowed it`,
      occurrences: 3,
    });
    await expectOnlyReadersSee('RULES_DISAGREE', `acknowledge_alert:${rule}`, first.id);

    // The window (default 60 min) passes without a new occurrence.
    await query(
      `update public.security_audit_logs set occurred_at = occurred_at - interval '61 minutes', last_occurred_at = last_occurred_at - interval '61 minutes'
       where kind = 'rules_disagree' and details ->> 'rule' = $1`,
      [rule],
    );
    await sync();
    expect((await mustReadAlert(first.id)).cleared_at).not.toBeNull();

    await resolveAsDirecteur(first.id);
    expect(await record(disagreement(rule))).toBeNull();
    const second = await syncedAlert(fingerprint);
    expect(second.id).not.toBe(first.id);
    expect(second.details).toMatchObject({ occurrences: 1 });
  });

  it('is recorded by the console’s server only: users and anon are refused, nothing changes', async () => {
    const before = await query('select * from public.security_audit_logs order by id');
    for (const client of [anonClient(), operateur.client, pca.client, admin.client]) {
      expectPermissionDenied(await client.rpc('record_security_event', { event: disagreement('forged_by_user') }));
    }
    expect(await query('select * from public.security_audit_logs order by id')).toEqual(before);
  });

  it('refuses a forged or oversized event from the server, writing nothing', async () => {
    const before = await query('select * from public.security_audit_logs order by id');
    const refused = async (event: unknown, hint: string) => {
      const answer = await service.rpc('record_security_event', { event });
      expectError(answer, '22023', hint);
    };
    await refused(disagreement('x', { details: { action: 'Drop Table alerts' } }), 'invalid_rules_disagree');
    await refused(disagreement('x', { details: { action: 'a'.repeat(65) } }), 'invalid_rules_disagree');
    await refused(disagreement('règle avec espaces'), 'invalid_rules_disagree');
    await refused(disagreement('x', { details: { sqlstate: '42501; select' } }), 'invalid_rules_disagree');
    await refused({ ...disagreement('x'), details: { action: 'acknowledge_alert', sqlstate: '42501' } }, 'invalid_rules_disagree');
    await refused(disagreement('x', { actor_id: randomUUID() }), 'invalid_rules_disagree'); // nobody's account
    await refused(disagreement('x', { actor_id: null }), 'invalid_rules_disagree');
    await refused(disagreement('x', { actor_id: 'not-a-uuid' }), 'invalid_event');
    await refused(disagreement('x', { user_agent: 'x'.repeat(9000) }), 'invalid_event');
    await refused(['not', 'an', 'object'], 'invalid_event');
    expect(await query('select * from public.security_audit_logs order by id')).toEqual(before);
    // Unknown keys of `details` are dropped rather than stored.
    const rule = `test_${randomUUID().slice(0, 8)}`;
    expect(
      await service.rpc('record_security_event', { event: disagreement(rule, { details: { note: 'x'.repeat(2000) } }) }),
    ).toMatchObject({
      error: null,
    });
    const [stored] = await query<{ details: unknown }>(`select details from public.security_audit_logs where details ->> 'rule' = $1`, [
      rule,
    ]);
    expect(stored?.details).toEqual({ action: 'acknowledge_alert', rule, sqlstate: '42501' });
    await query(`delete from public.security_audit_logs where details ->> 'rule' = $1`, [rule]);
  });
});

describe('SEC_ANON_PROBE_ROWS', () => {
  const table = `probe_leak_${randomUUID().slice(0, 8)}`;
  const relation = `public.${table}`;
  const fingerprint = `SEC_ANON_PROBE_ROWS:table:${relation}`;
  const probe = () => runScheduledAnonProbe({ url: supabaseUrl, anonKey, serviceRoleKey });

  /** Probes until PostgREST's schema cache shows the table (it reloads on DDL, asynchronously). */
  async function untilPostgrestSees(visible: boolean) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const [result] = await probeAnon({ url: supabaseUrl, anonKey, relations: [{ schemaName: 'public', name: table, kind: 'table' }] });
      if ((result!.status !== 404) === visible) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`PostgREST did not ${visible ? 'see' : 'forget'} ${table}`);
  }

  afterAll(async () => {
    await query(`drop table if exists ${relation}`);
    await untilPostgrestSees(false);
    await probe();
    await sync();
  });

  it('names a relation the anon key reads, with its row count; clears once revoked; recurs', async () => {
    // A hand-made mistake: anon granted SELECT on a table whose policy lets everyone read.
    await query(`create table ${relation} (id integer primary key, secret text not null)`);
    await query(`alter table ${relation} enable row level security`);
    await query(`create policy ${table}_select_anon on ${relation} for select to anon using (true)`);
    await query(`insert into ${relation} select g, 'secret ' || g from generate_series(1, 7) g`);
    await query(`grant select on ${relation} to anon`);
    await untilPostgrestSees(true);

    const outcome = await probe();
    expect(outcome.leaks).toEqual([{ relation, rowCount: 7 }]);
    const first = await syncedAlert(fingerprint);
    expect(first).toMatchObject({ check_code: 'SEC_ANON_PROBE_ROWS', severity: 'CRITICAL', entity_type: 'table', entity_id: relation });
    expect(first.message).toBe(
      `La clé anon lit 7 lignes de ${relation} (table) par l'API : la sonde anonyme planifiée les a reçues sans session`,
    );
    expect(first.details).toEqual({ relation, lignes_lisibles: 7 });
    await expectOnlyReadersSee('SEC_ANON_PROBE_ROWS', relation, first.id);

    // A probe that gets no answer says nothing: the leak stays detected.
    expect(
      (
        await service.rpc('record_anon_probe', {
          results: [{ schema: 'public', name: table, outcome: 'error', row_count: 0, status: 0 }],
        })
      ).error,
    ).toBeNull();
    expect(await query(`select outcome, last_error_status from private.anon_probe_results where relation_name = $1`, [table])).toEqual([
      { outcome: 'rows', last_error_status: 0 },
    ]);
    await sync();
    expect((await mustReadAlert(first.id)).cleared_at).toBeNull();

    await query(`revoke select on ${relation} from anon`);
    expect((await probe()).leaks).toEqual([]);
    await sync();
    expect((await mustReadAlert(first.id)).cleared_at).not.toBeNull();

    await resolveAsDirecteur(first.id);
    await query(`grant select on ${relation} to anon`);
    expect((await probe()).leaks).toEqual([{ relation, rowCount: 7 }]);
    const second = await syncedAlert(fingerprint);
    expect(second.id).not.toBe(first.id);
    await query(`revoke select on ${relation} from anon`);
  });

  it('the real schema leaks nothing to the scheduled probe', async () => {
    const outcome = await probe();
    expect(outcome.errors).toBe(0);
    expect(outcome.leaks).toEqual([]);
  });

  it('records for the probe runner only, and refuses forged or oversized reports, changing nothing', async () => {
    const snapshot = () => query('select * from private.anon_probe_results order by relation_schema, relation_name');
    const before = await snapshot();
    const entry = (extra: Record<string, unknown> = {}) => ({
      schema: 'public',
      name: 'system_alerts',
      outcome: 'empty',
      row_count: 0,
      status: 200,
      ...extra,
    });
    for (const client of [anonClient(), operateur.client, pca.client, admin.client]) {
      expectPermissionDenied(await client.rpc('record_anon_probe', { results: [entry()] }));
    }
    const refused = async (results: unknown, hint: string) =>
      expectError(await service.rpc('record_anon_probe', { results }), '22023', hint);
    await refused({ not: 'an array' }, 'invalid_probe_report');
    await refused([entry({ outcome: 'maybe' })], 'invalid_probe_report');
    await refused([entry({ row_count: -1 })], 'invalid_probe_report');
    await refused([entry({ row_count: 1.5, outcome: 'rows' })], 'invalid_probe_report');
    await refused([entry({ outcome: 'rows', row_count: 0 })], 'invalid_probe_report');
    await refused([entry({ outcome: 'empty', row_count: 3 })], 'invalid_probe_report');
    await refused([entry({ status: 700 })], 'invalid_probe_report');
    await refused([entry(), entry()], 'invalid_probe_report');
    await refused(['a string'], 'invalid_probe_report');
    await refused(
      Array.from({ length: 2001 }, (_, i) => entry({ name: `t${i}` })),
      'invalid_probe_report',
    );
    await refused([entry({ name: 'x'.repeat(600_000) })], 'invalid_probe_report');
    // Names must be relations the API exposes now…
    await refused([entry({ name: 'no_such_table' })], 'unknown_relation');
    await refused([entry({ schema: 'private', name: 'anon_probe_results' })], 'unknown_relation');
    await refused([entry({ schema: 'auth', name: 'users' })], 'unknown_relation');
    // …and rows cannot come from a relation anon holds no SELECT on: no invented leak.
    expectError(
      await service.rpc('record_anon_probe', { results: [entry({ outcome: 'rows', row_count: 5 })] }),
      '22023',
      'inconsistent_probe_report',
    );
    expect(await snapshot()).toEqual(before);
  });
});
