/**
 * Security posture (DESIGN §2.6). A scratch "migration" applied by the superuser — a table without
 * RLS in public, a policy granted to `public`, a security-definer view — must show up as findings,
 * as RLS_* / SEC_* check rows and, after a sync, as alerts; the policy snapshot records the change
 * and the anon probe sees the leak. Reverting it (dropping the objects) clears the findings and marks
 * the alerts "condition cleared". The real schema has no ERROR-level finding. The scratch objects
 * are dropped in afterAll whatever happens, so the rest of the suite sees the schema unchanged.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaks, probeAnon } from '@/lib/security/anon-probe';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { anonKey, supabaseUrl } from './support/env';
import { alertsFor, closeDb, query, sync } from './support/db';
import { activeAlertFor } from './support/fixtures';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';

const suffix = randomUUID().slice(0, 8);
const OPEN_TABLE = `posture_open_${suffix}`;
const POLICY_TABLE = `posture_pol_${suffix}`;
const PUBLIC_POLICY = `${POLICY_TABLE}_select_everyone`;
const DEFINER_VIEW = `posture_view_${suffix}`;

/** The check code and entity of each finding the scratch migration must produce. */
const EXPECTED = [
  { checkCode: 'RLS_DISABLED_IN_PUBLIC', severity: 'CRITICAL', entityType: 'table', entityId: `public.${OPEN_TABLE}` },
  { checkCode: 'RLS_POLICY_TO_PUBLIC', severity: 'CRITICAL', entityType: 'policy', entityId: `public.${POLICY_TABLE}.${PUBLIC_POLICY}` },
  { checkCode: 'RLS_POLICY_ALWAYS_TRUE', severity: 'WARN', entityType: 'policy', entityId: `public.${POLICY_TABLE}.${PUBLIC_POLICY}` },
  { checkCode: 'SEC_SECURITY_DEFINER_VIEW', severity: 'CRITICAL', entityType: 'view', entityId: `public.${DEFINER_VIEW}` },
  { checkCode: 'SEC_ANON_TABLE_GRANT', severity: 'WARN', entityType: 'table', entityId: `public.${OPEN_TABLE}` },
] as const;
const fingerprintOf = (e: (typeof EXPECTED)[number]) => `${e.checkCode}:${e.entityType}:${e.entityId}`;

type Finding = {
  lint: string;
  check_code: string;
  level: string;
  object_type: string;
  object_name: string;
  detail: string;
  remediation: string;
};

let pca: SignedIn;
let admin: SignedIn;
let operateur: SignedIn;

async function applyScratchMigration(): Promise<void> {
  await query(`create table public.${OPEN_TABLE} (id integer primary key, secret text not null)`);
  await query(`insert into public.${OPEN_TABLE} values (1, 'lisible par tous')`);
  await query(`create table public.${POLICY_TABLE} (id integer primary key, note text)`);
  await query(`alter table public.${POLICY_TABLE} enable row level security`);
  // No "to" clause: the policy applies to role public — the incident this check exists for.
  await query(`create policy ${PUBLIC_POLICY} on public.${POLICY_TABLE} for select using (true)`);
  await query(`create view public.${DEFINER_VIEW} as select id, note from public.${POLICY_TABLE}`);
}

async function revertScratchMigration(): Promise<void> {
  await query(`drop view if exists public.${DEFINER_VIEW}`);
  await query(`drop table if exists public.${POLICY_TABLE}`);
  await query(`drop table if exists public.${OPEN_TABLE}`);
}

async function findingsAsPca(): Promise<Finding[]> {
  const { data, error } = await pca.client.rpc('security_posture_findings');
  expect(error).toBeNull();
  return (data ?? []) as Finding[];
}

/** Probes until PostgREST's schema cache knows the scratch table (it reloads on DDL, asynchronously). */
async function probeUntilVisible(name: string, visible: boolean) {
  const relations = [{ schemaName: 'public', name, kind: 'table' }];
  for (let attempt = 0; attempt < 40; attempt++) {
    const [result] = await probeAnon({ url: supabaseUrl, anonKey, relations });
    const known = result!.status !== 404;
    if (known === visible) return result!;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`PostgREST did not ${visible ? 'see' : 'forget'} ${name}`);
}

beforeAll(async () => {
  [pca, admin, operateur] = await Promise.all([signedIn('pca'), signedIn('admin'), signedIn('operateur')]);
});

afterAll(async () => {
  await revertScratchMigration();
  await sync();
  await closeDb();
});

describe('the real schema', () => {
  it('has no ERROR-level finding', async () => {
    const findings = await findingsAsPca();
    expect(findings.filter((f) => f.level === 'ERROR')).toEqual([]);
  });

  it('gets [] or a refusal from the anon key on every relation PostgREST exposes', async () => {
    const { data, error } = await pca.client.rpc('exposed_relations');
    expect(error).toBeNull();
    const rows = (data ?? []) as { schema_name: string; name: string; kind: string }[];
    const relations = rows.map((r) => ({ schemaName: r.schema_name, name: r.name, kind: r.kind }));
    expect(relations.map((r) => r.name)).toEqual(expect.arrayContaining(['system_alerts', 'v_integrity_checks', 'policy_snapshots']));
    const results = await probeAnon({ url: supabaseUrl, anonKey, relations });
    expect(leaks(results)).toEqual([]);
    for (const result of results) expect(['empty', 'refused'], `${result.name}: ${JSON.stringify(result)}`).toContain(result.outcome);
  });
});

describe('access to the posture', () => {
  it('refuses the findings and the relation list to operateur and anon', async () => {
    expectError(await operateur.client.rpc('security_posture_findings'), '42501', 'governance_only');
    expectError(await operateur.client.rpc('exposed_relations'), '42501', 'governance_only');
    expectPermissionDenied(await anonClient().rpc('security_posture_findings'));
    expectPermissionDenied(await anonClient().rpc('exposed_relations'));
  });

  it('shows operateur no snapshot and no change, and refuses anon', async () => {
    expectNoRows(await operateur.client.from('policy_snapshots').select('*'));
    expectNoRows(await operateur.client.from('policy_snapshot_items').select('*'));
    expectNoRows(await operateur.client.from('v_policy_changes').select('*'));
    expectPermissionDenied(await anonClient().from('policy_snapshots').select('*'));
    expectPermissionDenied(await anonClient().from('v_policy_changes').select('*'));
  });

  it('lets nobody run the snapshot or the inner sync directly', async () => {
    const [row] = await query<{ auth_snapshot: boolean; auth_inner: boolean; anon_sync: boolean }>(
      `select has_function_privilege('authenticated', 'private.take_policy_snapshot()', 'execute') as auth_snapshot,
              has_function_privilege('authenticated', 'private.sync_alerts_from_checks()', 'execute') as auth_inner,
              has_function_privilege('anon', 'public.sync_system_alerts()', 'execute') as anon_sync`,
    );
    expect(row).toEqual({ auth_snapshot: false, auth_inner: false, anon_sync: false });
  });
});

describe('policy snapshots', () => {
  it('confirms the latest snapshot when nothing changed, and the sync still refuses pca', async () => {
    await sync();
    const [before] = await query<{ id: string; n: number; last_confirmed_at: Date }>(
      'select max(id)::text as id, count(*)::int as n, max(last_confirmed_at) as last_confirmed_at from public.policy_snapshots',
    );
    await sync();
    const [after] = await query<{ id: string; n: number; last_confirmed_at: Date }>(
      'select max(id)::text as id, count(*)::int as n, max(last_confirmed_at) as last_confirmed_at from public.policy_snapshots',
    );
    expect(after).toMatchObject({ id: before!.id, n: before!.n });
    expect(after!.last_confirmed_at.getTime()).toBeGreaterThan(before!.last_confirmed_at.getTime());

    expectError(await pca.client.rpc('sync_system_alerts'), '42501', 'sync_requires_admin');
    const [unchanged] = await query<{ n: number }>('select count(*)::int as n from public.policy_snapshots');
    expect(unchanged?.n).toBe(before!.n);
  });

  it('the policy set of the latest snapshot is what pg_policies holds', async () => {
    const items = await query<{ name: string }>(
      `select schema_name || '.' || table_name || '.' || policy_name as name from public.policy_snapshot_items
       where snapshot_id = (select max(id) from public.policy_snapshots) order by 1`,
    );
    const live = await query<{ name: string }>(
      `select schemaname || '.' || tablename || '.' || policyname as name from pg_policies
       where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
    );
    expect(items).toEqual(live);
  });
});

describe('functions and the search_path', () => {
  // A body in quotes resolves its names when called, through the caller's search_path; a
  // SQL-standard body (RETURN …) binds them when created — the form the inlined helpers use.
  const QUOTED = `posture_quoted_${suffix}`;
  const BOUND = `posture_bound_${suffix}`;

  it('flags a quoted body without a pinned search_path, not a SQL-standard body', async () => {
    try {
      await query(`create function private.${QUOTED}(v integer) returns integer language sql as $$ select abs(v) $$`);
      await query(`create function private.${BOUND}(v integer) returns integer language sql return abs(v)`);
      const names = (await findingsAsPca()).filter((f) => f.check_code === 'SEC_FUNCTION_SEARCH_PATH_MUTABLE').map((f) => f.object_name);
      expect(names).toContain(`private.${QUOTED}(integer)`);
      expect(names).not.toContain(`private.${BOUND}(integer)`);
      // The message helpers the checks inline are of the second kind, so nothing flags them.
      expect(names.filter((name) => /^private\.(format_litres|format_number|severity_rank)\(/.test(name))).toEqual([]);
    } finally {
      await query(`drop function if exists private.${QUOTED}(integer)`);
      await query(`drop function if exists private.${BOUND}(integer)`);
    }
  });
});

describe('a scratch migration with three classic mistakes', () => {
  it('produces each finding, with its level, detail and remediation', async () => {
    await applyScratchMigration();
    const findings = await findingsAsPca();
    const mine = findings.filter((f) => f.object_name.includes(suffix));
    for (const expected of EXPECTED) {
      const finding = mine.find((f) => f.check_code === expected.checkCode && f.object_name === expected.entityId);
      expect(finding, `${expected.checkCode} ${expected.entityId}`).toBeDefined();
      expect(finding!.level).toBe(expected.severity === 'CRITICAL' ? 'ERROR' : 'WARN');
      expect(finding!.detail).not.toBe('');
      expect(finding!.remediation).not.toBe('');
    }
    expect(mine.find((f) => f.check_code === 'RLS_DISABLED_IN_PUBLIC')?.remediation).toContain('enable row level security');
    expect(mine.find((f) => f.check_code === 'SEC_SECURITY_DEFINER_VIEW')?.remediation).toContain('security_invoker = true');
  });

  it('puts each finding in v_integrity_checks, read by pca', async () => {
    const { data, error } = await pca.client
      .from('v_integrity_checks')
      .select('check_code, severity, entity_type, entity_id, message, details')
      .like('entity_id', `%${suffix}%`);
    expect(error).toBeNull();
    for (const expected of EXPECTED) {
      expect(data, fingerprintOf(expected)).toContainEqual(
        expect.objectContaining({
          check_code: expected.checkCode,
          severity: expected.severity,
          entity_type: expected.entityType,
          entity_id: expected.entityId,
          details: expect.objectContaining({ remediation: expect.any(String) }),
        }),
      );
    }
  });

  it('opens an alert for each after a sync, and snapshots the new policy', async () => {
    await sync();
    for (const expected of EXPECTED) {
      const alert = await activeAlertFor(fingerprintOf(expected));
      expect(alert, fingerprintOf(expected)).toMatchObject({ status: 'OPEN', severity: expected.severity, cleared_at: null });
    }
    const { data: changes, error } = await pca.client.from('v_policy_changes').select('change, table_name, policy_name, after');
    expect(error).toBeNull();
    expect(changes).toContainEqual(
      expect.objectContaining({
        change: 'added',
        table_name: POLICY_TABLE,
        policy_name: PUBLIC_POLICY,
        after: expect.objectContaining({ command: 'SELECT', roles: ['public'], qual: 'true' }),
      }),
    );
  });

  it('lets the anon probe read the open table: a leak', async () => {
    const result = await probeUntilVisible(OPEN_TABLE, true);
    expect(result).toMatchObject({ outcome: 'rows', rowCount: 1, status: 200 });
    // The table behind the public policy is protected by grants only while anon holds none: it holds
    // the platform's default grants, so its rows are readable too — the policy is the leak.
    await query(`insert into public.${POLICY_TABLE} values (1, 'visible')`);
    const [viaPolicy] = await probeAnon({
      url: supabaseUrl,
      anonKey,
      relations: [{ schemaName: 'public', name: POLICY_TABLE, kind: 'table' }],
    });
    expect(viaPolicy?.outcome).toBe('rows');
  });

  it('clears the findings once reverted, and the alerts show "condition cleared"', async () => {
    await revertScratchMigration();
    const findings = await findingsAsPca();
    expect(findings.filter((f) => f.object_name.includes(suffix))).toEqual([]);
    const checks = await query('select * from public.v_integrity_checks where entity_id like $1', [`%${suffix}%`]);
    expect(checks).toEqual([]);

    await sync();
    for (const expected of EXPECTED) {
      const [alert] = await alertsFor(fingerprintOf(expected));
      expect(alert, fingerprintOf(expected)).toBeDefined();
      expect(alert!.cleared_at, fingerprintOf(expected)).toBeInstanceOf(Date);
      expect(alert!.status).toBe('OPEN');
    }
    const { data: changes } = await admin.client.from('v_policy_changes').select('change, policy_name');
    expect(changes).toContainEqual({ change: 'removed', policy_name: PUBLIC_POLICY });

    const result = await probeUntilVisible(OPEN_TABLE, false);
    expect(result.outcome).toBe('error');
  });
});
