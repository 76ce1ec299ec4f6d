/**
 * The schema's security rules, read from the catalog (STYLE.md "Database"): RLS on every table,
 * no policy for `public` and none `for all`, views run as the invoker, security-definer functions
 * with an empty search_path, nothing granted to anon.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, query } from './support/db';

afterAll(closeDb);

describe('row level security', () => {
  it('is enabled on every table in public', async () => {
    const tables = await query<{ name: string; rls: boolean }>(
      `select c.relname as name, c.relrowsecurity as rls
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')`,
    );
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([]);
  });

  it('has no policy whose roles include public', async () => {
    const policies = await query<{ name: string }>(
      `select schemaname || '.' || tablename || '.' || policyname as name
       from pg_policies where 'public' = any(roles::text[])`,
    );
    expect(policies).toEqual([]);
  });

  it('has no "for all" policy', async () => {
    const policies = await query<{ name: string }>(
      `select schemaname || '.' || tablename || '.' || policyname as name from pg_policies where cmd = 'ALL'`,
    );
    expect(policies).toEqual([]);
  });

  it('targets every policy in public at authenticated, named <table>_<command>_<audience>', async () => {
    const policies = await query<{ tablename: string; policyname: string; cmd: string; roles: string[] }>(
      `select tablename, policyname, cmd, roles::text[] as roles from pg_policies where schemaname = 'public'`,
    );
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(p.roles, p.policyname).toEqual(['authenticated']);
      expect(p.policyname).toMatch(new RegExp(`^${p.tablename}_${p.cmd.toLowerCase()}_[a-z_]+$`));
    }
  });
});

describe('views and functions', () => {
  it('runs every view in public with security_invoker = true', async () => {
    const views = await query<{ name: string; options: string[] | null }>(
      `select c.relname as name, c.reloptions as options
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('v', 'm')`,
    );
    expect(views.map((v) => v.name)).toContain('v_integrity_checks');
    for (const view of views) {
      expect(view.options ?? [], view.name).toEqual(expect.arrayContaining([expect.stringMatching(/^security_invoker=(true|on|1)$/)]));
    }
  });

  it('pins search_path to empty on every security definer function in public and private', async () => {
    const functions = await query<{ name: string; config: string[] | null }>(
      `select n.nspname || '.' || p.proname as name, p.proconfig as config
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and p.prosecdef`,
    );
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['private.current_profile_role', 'public.sync_system_alerts']));
    for (const fn of functions) {
      expect(fn.config ?? [], fn.name).toContain('search_path=""');
    }
  });
});

describe('grants', () => {
  it('grants anon nothing on the tables and views of public', async () => {
    const grants = await query<{ grant: string }>(
      `select table_name || ': ' || privilege_type as grant
       from information_schema.role_table_grants
       where grantee = 'anon' and table_schema = 'public'`,
    );
    expect(grants).toEqual([]);
  });

  it('does not let anon execute the sync', async () => {
    const [row] = await query<{ anon: boolean; public: boolean }>(
      `select has_function_privilege('anon', 'public.sync_system_alerts()', 'execute') as anon,
              exists (select 1 from pg_proc p, aclexplode(p.proacl) a
                      where p.oid = 'public.sync_system_alerts()'::regprocedure and a.grantee = 0) as public`,
    );
    expect(row).toEqual({ anon: false, public: false });
  });

  it('lets anon execute no function of the exposed schema (PostgREST names them in its hints; none answers anon)', async () => {
    const executable = await query<{ name: string }>(
      `select p.oid::regprocedure::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.prorettype <> 'trigger'::regtype and has_function_privilege('anon', p.oid, 'execute')`,
    );
    expect(executable).toEqual([]);
  });

  it('lets API roles run the pre-request hook and nothing else in its schema', async () => {
    const rows = await query<{ name: string; anon: boolean }>(
      `select p.oid::regprocedure::text as name, has_function_privilege('anon', p.oid, 'execute') as anon
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'api_guard'`,
    );
    expect(rows).toEqual([{ name: 'api_guard.check_request()', anon: true }]);
    const [setting] = await query<{ value: string }>(
      `select s.setting as value from pg_db_role_setting d join pg_roles r on r.oid = d.setrole, unnest(d.setconfig) s (setting)
       where r.rolname = 'authenticator' and s.setting like 'pgrst.db_pre_request=%'`,
    );
    expect(setting?.value).toBe('pgrst.db_pre_request=api_guard.check_request');
  });
});
