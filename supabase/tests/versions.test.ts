/**
 * Versions and drift (DESIGN §2.5): the applied schema version, client reports through
 * report_client_version(), the per-component status, the calc_version stamp coverage, and the
 * VERSION_DRIFT / CALC_VERSION_OVERRIDE checks with their alerts. Reports and receipts made here are
 * fixtures, deleted at the end so the rest of the suite sees the seed's state.
 */
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, type SignedIn, signedIn, signInAs } from './support/clients';
import { alertsFor, closeDb, dbNow, query, sync } from './support/db';
import { activeAlertFor } from './support/fixtures';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';

const SEED_TANK_ID = 'c1000000-0000-4000-8000-000000000001';
const CONSOLE_DRIFT = 'VERSION_DRIFT:component:console';

let pca: SignedIn;
let admin: SignedIn;
let operateur: SignedIn;
/** The operations app's own account (the seed's; version_policies.reporter_user_id). */
let operationsApp: Awaited<ReturnType<typeof signInAs>>;
let firstReportId = 0;
const receptionIds: string[] = [];

async function reportCount(): Promise<number> {
  const [row] = await query<{ n: number }>('select count(*)::int as n from public.client_version_reports');
  return row?.n ?? -1;
}

async function componentStatus(component: string): Promise<Record<string, unknown> | undefined> {
  const rows = await query('select * from public.v_component_versions where component = $1', [component]);
  return rows[0];
}

/** A receipt on a seed tank, consistent with Table 54B (no ECART_15C), with this calc_version. */
async function createReception(calcVersion: string, daysAgo: number): Promise<string> {
  const id = randomUUID();
  await query(
    `insert into public.receptions (id, citerne_id, date_reception, volume_ambiant, volume_15c, temperature_c,
       densite_15c, calc_version)
     values ($1, $2, now() - make_interval(days => $3), 20000, public.volume_15c_table_54b(20000, 840, 30), 30, 840, $4)`,
    [id, SEED_TANK_ID, daysAgo, calcVersion],
  );
  receptionIds.push(id);
  return id;
}

beforeAll(async () => {
  [pca, admin, operateur, operationsApp] = await Promise.all([
    signedIn('pca'),
    signedIn('admin'),
    signedIn('operateur'),
    signInAs('operations-app@depot.test'),
  ]);
  const [row] = await query<{ id: number }>('select coalesce(max(id), 0)::int as id from public.client_version_reports');
  firstReportId = (row?.id ?? 0) + 1;
});

afterAll(async () => {
  await query('delete from public.client_version_reports where id >= $1', [firstReportId]);
  await query('delete from public.receptions where id = any($1::uuid[])', [receptionIds]);
  await sync();
  await closeDb();
});

describe('applied schema version', () => {
  it('is the newest migration file, read by a governance role', async () => {
    const files = (await readdir(path.resolve(import.meta.dirname, '../migrations'))).filter((f) => f.endsWith('.sql')).sort();
    const newest = /^(\d{14})_(.+)\.sql$/.exec(files.at(-1) ?? '');
    const { data, error } = await pca.client.rpc('applied_schema_version');
    expect(error).toBeNull();
    expect(data).toMatchObject({ version: newest?.[1], name: newest?.[2], applied_count: files.length });
  });

  it('is refused to operateur (governance only) and to anon', async () => {
    expectError(await operateur.client.rpc('applied_schema_version'), '42501', 'governance_only');
    expectPermissionDenied(await anonClient().rpc('applied_schema_version'));
  });
});

describe('component versions', () => {
  it('lists console, schema and operations-app for pca; the schema is OK, unreported apps UNKNOWN', async () => {
    const { data, error } = await pca.client
      .from('v_component_versions')
      .select('component, source, match_rule, expected_version, running_version, status')
      .order('component');
    expect(error).toBeNull();
    const byComponent = Object.fromEntries((data ?? []).map((row) => [row.component, row]));
    expect(Object.keys(byComponent).sort()).toEqual(['console', 'operations-app', 'schema']);
    expect(byComponent.schema).toMatchObject({ source: 'database', status: 'OK' });
    expect(byComponent['operations-app']).toMatchObject({ running_version: null, status: 'UNKNOWN' });
  });

  it('shows nothing to operateur and refuses anon', async () => {
    expectNoRows(await operateur.client.from('v_component_versions').select('*'));
    expectNoRows(await operateur.client.from('version_policies').select('*'));
    expectNoRows(await operateur.client.from('client_version_reports').select('*'));
    expectPermissionDenied(await anonClient().from('v_component_versions').select('*'));
    expectPermissionDenied(await anonClient().from('version_policies').select('*'));
  });

  it('does not let a user write the policy or the reports directly', async () => {
    const before = await query('select * from public.version_policies order by component');
    expectPermissionDenied(await admin.client.from('version_policies').update({ expected_version: '9.9.9' }).eq('component', 'console'));
    expectPermissionDenied(
      await admin.client
        .from('client_version_reports')
        .insert({ component: 'console', version: '9.9.9', reported_by: admin.userId, reporter_role: 'admin' }),
    );
    expect(await query('select * from public.version_policies order by component')).toEqual(before);
  });
});

describe('report_client_version', () => {
  const asConsoleServer = (args: { component: string; version: string | null; instance?: string }) =>
    serviceClient().rpc('report_client_version', args as { component: string; version: string });

  it.each([
    ['an unknown component', { component: 'mobile-app', version: '1.0.0' }, 'unknown_component'],
    ['the schema (read from the database)', { component: 'schema', version: '20990101000000' }, 'component_not_reportable'],
    ['an empty version', { component: 'console', version: '   ' }, 'invalid_version'],
    ['a null version', { component: 'console', version: null }, 'invalid_version'],
    ['a version with spaces', { component: 'console', version: '1.0 beta' }, 'invalid_version'],
    ['a version with markup', { component: 'console', version: '<script>' }, 'invalid_version'],
    ['a 65-character version', { component: 'console', version: `1.${'0'.repeat(63)}` }, 'invalid_version'],
    ['an instance with markup', { component: 'console', version: '0.1.0', instance: '<b>x</b>' }, 'invalid_instance'],
    ['a 65-character instance', { component: 'console', version: '0.1.0', instance: 'i'.repeat(65) }, 'invalid_instance'],
  ])('rejects %s, and nothing is recorded', async (_label, args, hint) => {
    const before = await reportCount();
    expectError(await asConsoleServer(args), '22023', hint);
    expect(await reportCount()).toBe(before);
  });

  it('only the component itself reports: no user, however privileged, reports the console or the operations app', async () => {
    const before = await reportCount();
    const users = await Promise.all(
      (['admin', 'directeur', 'pca', 'operateur', 'gerant', 'lecture'] as const).map((role) => signedIn(role)),
    );
    for (const user of users) {
      for (const component of ['console', 'operations-app']) {
        expectError(await user.client.rpc('report_client_version', { component, version: '0.0.1' }), '42501', 'reporter_not_allowed');
      }
    }
    // The console's server may not speak for the operations app, nor the app's account for the console.
    expectError(
      await serviceClient().rpc('report_client_version', { component: 'operations-app', version: '2.4.1' }),
      '42501',
      'reporter_not_allowed',
    );
    expectError(
      await operationsApp.client.rpc('report_client_version', { component: 'console', version: '0.1.0' }),
      '42501',
      'reporter_not_allowed',
    );
    expectPermissionDenied(await anonClient().rpc('report_client_version', { component: 'console', version: '0.1.0' }));
    expect(await reportCount()).toBe(before);
  });

  it("stamps the reporter and the time; repeats rewrite the instance's one row", async () => {
    const startedAt = await dbNow();
    const { data, error } = await operationsApp.client.rpc('report_client_version', { component: ' Operations-App ', version: '2.4.1' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ component: 'operations-app', instance: 'default', version: '2.4.1' });
    const before = await reportCount();
    for (let i = 0; i < 5; i++) {
      expect(
        (await operationsApp.client.rpc('report_client_version', { component: 'operations-app', version: '2.4.1' })).error,
      ).toBeNull();
    }
    expect(await reportCount()).toBe(before);
    const [row] = await query<{ reported_by: string; reporter_role: string; reported_at: Date }>(
      `select reported_by, reporter_role, reported_at from public.client_version_reports where component = 'operations-app'`,
    );
    expect(row).toMatchObject({ reported_by: operationsApp.userId, reporter_role: 'account' });
    expect(row!.reported_at.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
    expect(await componentStatus('operations-app')).toMatchObject({ running_version: '2.4.1', status: 'OK', reporter_role: 'account' });
  });

  it('keeps at most 20 instances of a component, however many report', async () => {
    for (let i = 0; i < 25; i++) {
      expect((await asConsoleServer({ component: 'console', version: '0.1.0', instance: `replica-${i}` })).error).toBeNull();
    }
    const rows = await query<{ instance: string }>(
      `select instance from public.client_version_reports where component = 'console' order by instance`,
    );
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r.instance)).toContain('replica-24');
    await query(`delete from public.client_version_reports where component = 'console'`);
  });
});

describe('VERSION_DRIFT', () => {
  it('appears when one console instance runs a version below the policy, is not hidden by another, and clears when it catches up', async () => {
    const report = (instance: string, version: string) =>
      serviceClient().rpc('report_client_version', { component: 'console', version, instance });
    expect((await report('console-a', '0.0.9')).error).toBeNull();
    expect(await componentStatus('console')).toMatchObject({ running_version: '0.0.9', status: 'DRIFT', reporter_role: 'service_role' });

    const { data: checks, error } = await pca.client
      .from('v_integrity_checks')
      .select('check_code, severity, entity_type, entity_id, message, details')
      .eq('check_code', 'VERSION_DRIFT');
    expect(error).toBeNull();
    expect(checks).toEqual([
      expect.objectContaining({
        severity: 'WARN',
        entity_type: 'component',
        entity_id: 'console',
        details: expect.objectContaining({ running_version: '0.0.9', expected_version: '0.1.0', match_rule: 'minimum' }),
      }),
    ]);
    expect(checks?.[0]?.message).toContain('0.0.9');

    await sync();
    const alert = await activeAlertFor(CONSOLE_DRIFT);
    expect(alert).toMatchObject({ check_code: 'VERSION_DRIFT', severity: 'WARN', cleared_at: null });

    // Another instance reporting a good version does not hide the drifting one.
    expect((await report('console-b', '0.1.0')).error).toBeNull();
    expect(await componentStatus('console')).toMatchObject({ running_version: '0.0.9', status: 'DRIFT' });

    // The same drift, reported again: the same alert, no rewrite, no ledger event.
    const events = async () =>
      (await query<{ n: number }>('select count(*)::int as n from public.system_alert_events where alert_id = $1', [alert!.id]))[0]?.n;
    const eventsBefore = await events();
    expect((await report('console-a', '0.0.9')).error).toBeNull();
    expect((await sync()).refreshed).toBe(0);
    expect(await events()).toBe(eventsBefore);
    expect((await alertsFor(CONSOLE_DRIFT)).filter((a) => a.cleared_at === null)).toHaveLength(1);

    expect((await report('console-a', '0.1.0')).error).toBeNull();
    expect(await componentStatus('console')).toMatchObject({ status: 'OK' });
    await sync();
    const after = await query<{ cleared_at: Date | null }>('select cleared_at from public.system_alerts where id = $1', [alert!.id]);
    expect(after[0]?.cleared_at).toBeInstanceOf(Date);
  });

  it('marks a component STALE when no instance has reported within the threshold', async () => {
    expect((await operationsApp.client.rpc('report_client_version', { component: 'operations-app', version: '2.3.0' })).error).toBeNull();
    await query(`update public.client_version_reports set reported_at = now() - interval '25 hours' where component = 'operations-app'`);
    expect(await componentStatus('operations-app')).toMatchObject({ status: 'STALE', instances: [] });
  });
});

describe('calc_version stamps', () => {
  it('covers every recent seed row with the current calc version', async () => {
    const { data, error } = await pca.client.from('v_calc_version_coverage').select('*').order('entity_type');
    expect(error).toBeNull();
    expect(data).toHaveLength(2);
    for (const row of data ?? []) {
      expect(row).toMatchObject({ current_calc_version: 'calc-2.3.0', override_count: 0, calc_coverage_days: 30 });
      expect(row.total).toBeGreaterThan(0);
      expect(Number(row.coverage_pct)).toBe(100);
    }
  });

  it('counts a recent override, lists it, raises CALC_VERSION_OVERRIDE and clears it once the row is gone', async () => {
    const recent = await createReception('calc-2.2.9', 2);
    const old = await createReception('calc-2.1.0', 45);

    const { data: coverage } = await pca.client.from('v_calc_version_coverage').select('*').eq('entity_type', 'reception');
    expect(coverage?.[0]).toMatchObject({ override_count: 1 });
    expect(Number(coverage?.[0]?.coverage_pct)).toBeLessThan(100);
    expect(coverage?.[0]?.versions).toMatchObject({ 'calc-2.2.9': 1 });

    const { data: overrides } = await pca.client.from('v_calc_version_overrides').select('entity_type, id, calc_version');
    expect(overrides).toEqual([{ entity_type: 'reception', id: recent, calc_version: 'calc-2.2.9' }]);

    const checks = await query<{ entity_id: string; severity: string }>(
      `select entity_id, severity from public.v_integrity_checks where check_code = 'CALC_VERSION_OVERRIDE'`,
    );
    expect(checks).toEqual([{ entity_id: recent, severity: 'WARN' }]);
    expect(checks.map((c) => c.entity_id)).not.toContain(old);

    await sync();
    const fingerprint = `CALC_VERSION_OVERRIDE:reception:${recent}`;
    const alert = await activeAlertFor(fingerprint);
    expect(alert).toMatchObject({ severity: 'WARN', cleared_at: null });

    await query('delete from public.receptions where id = any($1::uuid[])', [[recent, old]]);
    await sync();
    const [after] = await alertsFor(fingerprint);
    expect(after?.cleared_at).toBeInstanceOf(Date);
  });

  it('shows nothing to operateur and refuses anon', async () => {
    expectNoRows(await operateur.client.from('v_calc_version_coverage').select('*'));
    expectNoRows(await operateur.client.from('v_calc_version_overrides').select('*'));
    expectPermissionDenied(await anonClient().from('v_calc_version_coverage').select('*'));
    expectPermissionDenied(await anonClient().from('v_calc_version_overrides').select('*'));
  });
});
