/**
 * VERSION_DRIFT for the schema without a hand-edited policy (issue 13, item 3): the console reports
 * the schema version it was built for with its own version (lib/versions/report.ts), and the
 * database expects exactly that schema applied. A console built for a newer or an older schema than
 * the applied one opens VERSION_DRIFT on component `schema` (CRITICAL); agreeing clears it. Reports
 * made here are deleted at the end, and version_policies is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, serviceClient, signInAs, signedIn } from './support/clients';
import { closeDb, query, sync } from './support/db';
import { activeAlertFor } from './support/fixtures';
import { expectError } from './support/refusals';

const SCHEMA_DRIFT_FINGERPRINT = 'VERSION_DRIFT:component:schema';
const NEWER = '20991231235959';
const OLDER = '20261125130000';

let applied = '';
let policyBefore: unknown[] = [];
let pca: SignedIn;
let admin: SignedIn;
let operationsApp: Omit<SignedIn, 'role'>;
let firstReportId = 0;

const report = (instance: string, schemaVersion: string | null) =>
  serviceClient().rpc('report_client_version', { component: 'console', version: '0.1.0', instance, schema_version: schemaVersion });

async function schemaRow(): Promise<Record<string, unknown>> {
  const { data, error } = await pca.client.from('v_component_versions').select('*').eq('component', 'schema');
  expect(error).toBeNull();
  expect(data).toHaveLength(1);
  return data![0] as Record<string, unknown>;
}

async function schemaDriftCheck() {
  const { data, error } = await pca.client
    .from('v_integrity_checks')
    .select('severity, message, details')
    .eq('check_code', 'VERSION_DRIFT')
    .eq('entity_id', 'schema');
  expect(error).toBeNull();
  return data ?? [];
}

beforeAll(async () => {
  [pca, admin, operationsApp] = await Promise.all([signedIn('pca'), signedIn('admin'), signInAs('operations-app@depot.test')]);
  const [row] = await query<{ version: string }>('select max(version) as version from supabase_migrations.schema_migrations');
  applied = row!.version;
  policyBefore = await query('select * from public.version_policies order by component');
  const [last] = await query<{ id: number }>('select coalesce(max(id), 0)::int as id from public.client_version_reports');
  firstReportId = (last?.id ?? 0) + 1;
});

afterAll(async () => {
  await query('delete from public.client_version_reports where id >= $1', [firstReportId]);
  await query(`delete from public.client_version_reports where instance like 'schema-test-%'`);
  await sync();
  await closeDb();
});

describe('the schema the console expects', () => {
  it('without a console report, the policy floor applies as before', async () => {
    expect(await schemaRow()).toMatchObject({ source: 'database', match_rule: 'minimum', running_version: applied, status: 'OK' });
  });

  it('is exactly what a console built for the applied schema expects: OK', async () => {
    const { data, error } = await report('schema-test-a', applied);
    expect(error).toBeNull();
    expect(data).toMatchObject({ component: 'console', instance: 'schema-test-a', schema_version: applied });
    expect(await schemaRow()).toMatchObject({
      match_rule: 'exact',
      expected_version: applied,
      running_version: applied,
      status: 'OK',
      instances: [expect.objectContaining({ instance: 'console/schema-test-a', version: applied, satisfies: true })],
    });
    expect(await schemaDriftCheck()).toEqual([]);
  });

  it('opens VERSION_DRIFT when a console is built for a newer schema, not hidden by an agreeing one, and clears when it agrees', async () => {
    expect((await report('schema-test-b', NEWER)).error).toBeNull();
    expect(await schemaRow()).toMatchObject({ match_rule: 'exact', expected_version: NEWER, running_version: applied, status: 'DRIFT' });
    const [check] = await schemaDriftCheck();
    expect(check).toMatchObject({
      severity: 'CRITICAL',
      details: { component: 'schema', running_version: applied, expected_version: NEWER, match_rule: 'exact' },
    });
    expect(check!.message).toContain(`version ${applied} en service, version ${NEWER} attendue`);

    await sync();
    const alert = await activeAlertFor(SCHEMA_DRIFT_FINGERPRINT);
    expect(alert).toMatchObject({ check_code: 'VERSION_DRIFT', severity: 'CRITICAL', status: 'OPEN', cleared_at: null });

    // The instance is redeployed with a console built for the applied schema.
    expect((await report('schema-test-b', applied)).error).toBeNull();
    expect(await schemaRow()).toMatchObject({ expected_version: applied, status: 'OK' });
    await sync();
    const [after] = await query<{ cleared_at: Date | null }>('select cleared_at from public.system_alerts where id = $1', [alert!.id]);
    expect(after!.cleared_at).toBeInstanceOf(Date);
  });

  it('drifts as well when a console is built for an older schema than the applied one', async () => {
    expect((await report('schema-test-c', OLDER)).error).toBeNull();
    expect(await schemaRow()).toMatchObject({ expected_version: OLDER, status: 'DRIFT' });
    await sync();
    expect(await activeAlertFor(SCHEMA_DRIFT_FINGERPRINT)).toMatchObject({ cleared_at: null, severity: 'CRITICAL' });
    expect((await report('schema-test-c', applied)).error).toBeNull();
    await sync();
    expect((await activeAlertFor(SCHEMA_DRIFT_FINGERPRINT))?.cleared_at).toBeInstanceOf(Date);
  });

  it('never needed version_policies to change', async () => {
    expect(await query('select * from public.version_policies order by component')).toEqual(policyBefore);
  });
});

describe('reporting the schema version', () => {
  it.each([
    ['not a migration version', 'v2'],
    ['13 digits', '2026120211220'],
    ['markup', '<b>20261202</b>'],
  ])('rejects %s, and nothing is recorded', async (_label, schemaVersion) => {
    const before = await query('select * from public.client_version_reports order by id');
    expectError(await report('schema-test-bad', schemaVersion), '22023', 'invalid_schema_version');
    expect(await query('select * from public.client_version_reports order by id')).toEqual(before);
  });

  it('is refused to a user, even an admin: only the console itself reports', async () => {
    const before = await query('select * from public.client_version_reports order by id');
    expectError(
      await admin.client.rpc('report_client_version', { component: 'console', version: '0.1.0', schema_version: NEWER }),
      '42501',
      'reporter_not_allowed',
    );
    expect(await query('select * from public.client_version_reports order by id')).toEqual(before);
  });

  it('is refused to any component but the console: the operations app does not choose the schema, and nothing is recorded', async () => {
    const before = await query('select * from public.client_version_reports order by id');
    expectError(
      await operationsApp.client.rpc('report_client_version', {
        component: 'operations-app',
        version: '2.3.0',
        schema_version: '99999999999999',
      }),
      '22023',
      'schema_version_console_only',
    );
    expect(await query('select * from public.client_version_reports order by id')).toEqual(before);
    expect(await schemaRow()).toMatchObject({ running_version: applied, status: 'OK' });
    expect(await schemaDriftCheck()).toEqual([]);

    // Its own version, without a schema version, is still recorded.
    const { data, error } = await operationsApp.client.rpc('report_client_version', {
      component: 'operations-app',
      version: '2.3.0',
      instance: 'schema-test-ops',
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ component: 'operations-app', instance: 'schema-test-ops', schema_version: null });
  });
});

describe('the schema expectation', () => {
  it('reads only the console: a schema version another component recorded earlier sets nothing', async () => {
    // A row as the function recorded it before it refused this (written as the superuser).
    await query(
      `insert into public.client_version_reports (component, instance, version, schema_version, reported_by, reporter_role, first_reported_at, reported_at)
       values ('operations-app', 'schema-test-legacy', '2.3.0', '99999999999999', '00000000-0000-4000-8000-000000000007', 'account', now(), now())`,
    );
    try {
      const row = await schemaRow();
      expect(row).toMatchObject({ running_version: applied, status: 'OK' });
      expect(row.expected_version).not.toBe('99999999999999');
      expect(await schemaDriftCheck()).toEqual([]);
    } finally {
      await query(`delete from public.client_version_reports where instance = 'schema-test-legacy'`);
    }
  });
});
