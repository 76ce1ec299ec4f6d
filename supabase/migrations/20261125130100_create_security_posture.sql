-- Security posture (DESIGN §2.6). The other deployment incident behind this product was tables
-- readable with the anon key because of policies granted to `public`. The database now audits its
-- own RLS state, in the spirit of Supabase's Security Advisor (splinter), and the findings become
-- checks (RLS_* / SEC_* codes in v_integrity_checks, next migration) and therefore alerts.
--   * private.security_findings(): the lints, one row per finding, with level (ERROR / WARN / INFO),
--     object, detail and remediation. Catalog reads only: it runs as the caller;
--   * public.security_posture_findings(): the same, for governance roles only;
--   * public.policy_snapshots / policy_snapshot_items: the policy set (table, policy, command,
--     roles, expressions) as each sync sees it — a new snapshot when it changed, otherwise the
--     latest one is confirmed — and public.v_policy_changes: what changed since the previous one;
--   * public.exposed_relations(): every relation PostgREST exposes, for the console's anon probe.
--
-- Lints (splinter's name → check code, level):
--   rls_disabled_in_public                     RLS_DISABLED_IN_PUBLIC               ERROR
--   policy_exists_rls_disabled                 RLS_POLICY_EXISTS_RLS_DISABLED       ERROR
--   rls_enabled_no_policy                      RLS_ENABLED_NO_POLICY                INFO
--   security_definer_view                      SEC_SECURITY_DEFINER_VIEW            ERROR
--   function_search_path_mutable               SEC_FUNCTION_SEARCH_PATH_MUTABLE     WARN
--   rls_policy_always_true                     RLS_POLICY_ALWAYS_TRUE               WARN
--   anon_security_definer_function_executable  SEC_ANON_SECURITY_DEFINER_FUNCTION   WARN
--   auth_users_exposed                         SEC_AUTH_USERS_EXPOSED               ERROR
-- and this product's own standard:
--   policy_to_public_role                      RLS_POLICY_TO_PUBLIC                 ERROR
--   anon_table_grant                           SEC_ANON_TABLE_GRANT                 WARN
-- Exposed schemas are PostgREST's (`pgrst.db_schemas` when set, else `public`), as splinter reads
-- them. Objects that belong to an extension are left out, as splinter does.

create function private.security_findings()
returns table (
  lint text, check_code text, level text, object_type text, object_name text,
  detail text, remediation text, metadata jsonb)
language sql
stable
set search_path = ''
as $$
  with exposed as (
    select coalesce(
      nullif(array_remove(string_to_array(replace(coalesce(current_setting('pgrst.db_schemas', true), ''), ' ', ''), ','), ''), '{}'),
      array['public']) as schemas
  ),
  rels as (
    select c.oid, n.nspname as schema_name, c.relname as name, c.relkind, c.relrowsecurity as rls,
      c.reloptions, format('%I.%I', n.nspname, c.relname) as qualified
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    cross join exposed e
    where n.nspname = any (e.schemas)
      and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')
  ),
  policies as (
    select pol.oid, c.oid as table_oid, n.nspname as schema_name, c.relname as table_name, pol.polname as name,
      format('%I.%I.%I', n.nspname, c.relname, pol.polname) as qualified,
      case pol.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
        when 'd' then 'DELETE' else 'ALL' end as command,
      pol.polpermissive as permissive,
      case when pol.polroles = '{0}' then array['public']
        else array(select r.rolname::text from pg_catalog.pg_roles r where r.oid = any (pol.polroles) order by r.rolname)
      end as roles,
      pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) as qual,
      pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) as with_check
    from pg_catalog.pg_policy pol
    join pg_catalog.pg_class c on c.oid = pol.polrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema')
  ),
  funcs as (
    select p.oid, n.nspname as schema_name, p.proname as name, p.prosecdef as security_definer, p.proconfig,
      p.oid::regprocedure::text as signature, n.nspname = any (e.schemas) as exposed
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    cross join exposed e
    where p.prokind in ('f', 'p')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'auth', 'extensions', 'storage',
        'graphql', 'graphql_public', 'realtime', 'supabase_functions', 'supabase_migrations', 'vault', 'pgsodium',
        'pgsodium_masks', 'pgbouncer', 'cron', 'net', 'pgtle', 'repack', 'tiger', 'topology', 'net', '_realtime')
      and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
      and not exists (select 1 from pg_catalog.pg_depend d where d.objid = p.oid and d.deptype = 'e')
  ),
  findings as (
    -- rls_disabled_in_public: a table the API can reach, with no row level security at all.
    select 'rls_disabled_in_public' as lint, 'RLS_DISABLED_IN_PUBLIC' as check_code, 'ERROR' as level,
      'table' as object_type, r.qualified as object_name,
      format('La table %s est exposée par l’API sans sécurité au niveau des lignes (RLS) : tout rôle qui a un privilège sur elle lit ou modifie toutes ses lignes.', r.qualified) as detail,
      format('alter table %s enable row level security; puis une politique par commande et par public, « to authenticated ».', r.qualified) as remediation,
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0013_rls_disabled_in_public',
        'anon_select', pg_catalog.has_table_privilege('anon', r.oid, 'SELECT'),
        'authenticated_select', pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT')) as metadata
    from rels r
    where r.relkind in ('r', 'p') and not r.rls
      and (pg_catalog.has_table_privilege('anon', r.oid, 'SELECT,INSERT,UPDATE,DELETE')
        or pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT,INSERT,UPDATE,DELETE'))

    union all
    -- policy_exists_rls_disabled: policies written, but RLS off, so none of them applies.
    select 'policy_exists_rls_disabled', 'RLS_POLICY_EXISTS_RLS_DISABLED', 'ERROR', 'table', r.qualified,
      format('La table %s a des politiques (%s) mais la RLS n’est pas activée : elles ne s’appliquent pas.',
        r.qualified, (select string_agg(p.name, ', ' order by p.name) from policies p where p.table_oid = r.oid)),
      format('alter table %s enable row level security;', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0007_policy_exists_rls_disabled',
        'policies', (select jsonb_agg(p.name order by p.name) from policies p where p.table_oid = r.oid))
    from rels r
    where r.relkind in ('r', 'p') and not r.rls
      and exists (select 1 from policies p where p.table_oid = r.oid)

    union all
    -- rls_enabled_no_policy: RLS on and no policy: nobody but the owner and the service role sees a row.
    select 'rls_enabled_no_policy', 'RLS_ENABLED_NO_POLICY', 'INFO', 'table', r.qualified,
      format('La table %s a la RLS activée mais aucune politique : aucun utilisateur de l’API ne voit ses lignes.', r.qualified),
      'Ajouter les politiques nécessaires (une par commande et par public), ou retirer les privilèges si la table est interne.',
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0008_rls_enabled_no_policy')
    from rels r
    where r.relkind in ('r', 'p') and r.rls
      and not exists (select 1 from policies p where p.table_oid = r.oid)

    union all
    -- security_definer_view: a view that runs with its owner's rights, bypassing the caller's RLS.
    select 'security_definer_view', 'SEC_SECURITY_DEFINER_VIEW', 'ERROR', 'view', r.qualified,
      format('La vue %s s’exécute avec les droits de son propriétaire (security definer) : elle contourne la RLS de l’appelant.', r.qualified),
      format('alter view %s set (security_invoker = true);', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0010_security_definer_view',
        'reloptions', to_jsonb(r.reloptions))
    from rels r
    where r.relkind = 'v'
      and not (lower(coalesce(r.reloptions::text, '{}'))::text[]
        && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])
      and (pg_catalog.has_table_privilege('anon', r.oid, 'SELECT')
        or pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT'))

    union all
    -- function_search_path_mutable: a function resolving names through the caller's search_path.
    select 'function_search_path_mutable', 'SEC_FUNCTION_SEARCH_PATH_MUTABLE', 'WARN', 'function', f.signature,
      format('La fonction %s n’a pas de search_path fixé%s : un objet homonyme placé plus tôt dans le search_path de l’appelant peut détourner ses appels.',
        f.signature, case when f.security_definer then ' alors qu’elle est security definer' else '' end),
      format('alter function %s set search_path = '''';', f.signature),
      jsonb_build_object('schema', f.schema_name, 'name', f.name, 'security_definer', f.security_definer,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0011_function_search_path_mutable')
    from funcs f
    where not exists (select 1 from unnest(coalesce(f.proconfig, '{}')) c where c like 'search\_path=%')

    union all
    -- rls_policy_always_true: a permissive policy that lets every row through.
    select 'rls_policy_always_true', 'RLS_POLICY_ALWAYS_TRUE', 'WARN', 'policy', p.qualified,
      format('La politique %s (%s, rôles %s) est toujours vraie (%s) : elle n’exerce aucun contrôle.',
        p.qualified, p.command, array_to_string(p.roles, ', '),
        concat_ws(', ', case when p.qual = 'true' then 'using (true)' end,
          case when p.with_check = 'true' then 'with check (true)' end)),
      'Remplacer « true » par la condition réelle (rôle, propriétaire, dépôt…), ou supprimer la politique.',
      jsonb_build_object('schema', p.schema_name, 'table', p.table_name, 'policy', p.name, 'command', p.command,
        'roles', to_jsonb(p.roles), 'qual', p.qual, 'with_check', p.with_check,
        'docs', 'https://supabase.com/docs/guides/database/database-linter')
    from policies p
    cross join exposed e
    where p.schema_name = any (e.schemas) and p.permissive
      and (
        (p.command in ('UPDATE', 'DELETE', 'ALL') and p.qual = 'true')
        or (p.command in ('INSERT', 'UPDATE', 'ALL') and p.with_check = 'true')
        -- A read that lets every row through is a leak when anon can reach it.
        or (p.command = 'SELECT' and p.qual = 'true' and p.roles && array['public', 'anon'])
      )

    union all
    -- anon_security_definer_function_executable: the anon key can run code with its owner's rights.
    select 'anon_security_definer_function_executable', 'SEC_ANON_SECURITY_DEFINER_FUNCTION', 'WARN', 'function', f.signature,
      format('La fonction security definer %s est exécutable avec la clé anon (hors connexion) via /rest/v1/rpc.', f.signature),
      format('revoke execute on function %s from public, anon;', f.signature),
      jsonb_build_object('schema', f.schema_name, 'name', f.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0028_anon_security_definer_function_executable')
    from funcs f
    where f.exposed and f.security_definer
      and pg_catalog.has_function_privilege('anon', f.oid, 'EXECUTE')

    union all
    -- auth_users_exposed: a view over auth.users readable through the API (e-mails, metadata).
    select 'auth_users_exposed', 'SEC_AUTH_USERS_EXPOSED', 'ERROR', case r.relkind when 'm' then 'materialized_view' else 'view' end,
      r.qualified,
      format('La vue %s lit auth.users et est lisible par %s : les comptes (e-mails, métadonnées) sont exposés par l’API.',
        r.qualified, concat_ws(' et ',
          case when pg_catalog.has_table_privilege('anon', r.oid, 'SELECT') then 'anon' end,
          case when pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT') then 'authenticated' end)),
      format('revoke select on %s from anon, authenticated; ou ne lire que public.profils.', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0002_auth_users_exposed')
    from rels r
    where r.relkind in ('v', 'm')
      and (pg_catalog.has_table_privilege('anon', r.oid, 'SELECT')
        or pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT'))
      and exists (
        select 1
        from pg_catalog.pg_rewrite rw
        join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = rw.oid
        where rw.ev_class = r.oid and d.refobjid = 'auth.users'::regclass)
      and (r.relkind = 'm' or not (lower(coalesce(r.reloptions::text, '{}'))::text[]
        && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on']))

    union all
    -- This product's standard: zero policies granted to the `public` role (it includes anon).
    select 'policy_to_public_role', 'RLS_POLICY_TO_PUBLIC', 'ERROR', 'policy', p.qualified,
      format('La politique %s (%s) s’applique au rôle public, donc aussi à anon (clé anonyme) : %s.',
        p.qualified, p.command, coalesce('using (' || p.qual || ')', 'with check (' || p.with_check || ')', '—')),
      format('drop policy %I on %I.%I; puis la recréer « to authenticated » avec la condition de rôle.',
        p.name, p.schema_name, p.table_name),
      jsonb_build_object('schema', p.schema_name, 'table', p.table_name, 'policy', p.name, 'command', p.command,
        'qual', p.qual, 'with_check', p.with_check)
    from policies p
    where 'public' = any (p.roles)
      and p.schema_name not in ('auth', 'storage', 'realtime', 'supabase_functions', 'vault')

    union all
    -- This product's standard: anon holds no privilege on any exposed table or view.
    select 'anon_table_grant', 'SEC_ANON_TABLE_GRANT', 'WARN',
      case r.relkind when 'v' then 'view' when 'm' then 'materialized_view' when 'f' then 'foreign_table' else 'table' end,
      r.qualified,
      format('Le rôle anon (clé anonyme) détient %s sur %s : seule la RLS le sépare des données.',
        g.privileges, r.qualified),
      format('revoke all on %s from anon;', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name, 'privileges', to_jsonb(g.list), 'rls', r.rls)
    from rels r
    cross join lateral (
      select string_agg(distinct x.privilege_type, ', ' order by x.privilege_type) as privileges,
        array_agg(distinct x.privilege_type order by x.privilege_type) as list
      from pg_catalog.pg_class c,
        aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) x
      where c.oid = r.oid
        and x.grantee in (0, (select ro.oid from pg_catalog.pg_roles ro where ro.rolname = 'anon'))
    ) g
    where g.privileges is not null
  )
  select f.lint, f.check_code, f.level, f.object_type, f.object_name, f.detail, f.remediation, f.metadata
  from findings f
$$;

comment on function private.security_findings() is
  'Security Advisor-style lints of the database''s own RLS state; one row per finding (catalog reads only).';

revoke all on function private.security_findings() from public, anon;
grant execute on function private.security_findings() to authenticated, service_role;

-- The findings for the security posture page, most severe first. Governance roles only: the
-- catalog is world-readable in PostgreSQL, but the assembled audit is not for every user.
create function public.security_posture_findings()
returns table (
  lint text, check_code text, level text, object_type text, object_name text,
  detail text, remediation text, metadata jsonb)
language plpgsql
stable
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  return query
    select f.lint, f.check_code, f.level, f.object_type, f.object_name, f.detail, f.remediation, f.metadata
    from private.security_findings() f
    order by case f.level when 'ERROR' then 1 when 'WARN' then 2 else 3 end, f.lint, f.object_name;
end;
$$;

comment on function public.security_posture_findings() is
  'Security posture findings (lint, check_code, level ERROR/WARN/INFO, object, detail, remediation); governance roles only.';

revoke all on function public.security_posture_findings() from public, anon;
grant execute on function public.security_posture_findings() to authenticated, service_role;

-- Every relation PostgREST exposes (tables, views, materialized views, foreign tables of the exposed
-- schemas), for the console's anon probe. Governance roles only.
create function public.exposed_relations()
returns table (schema_name text, name text, kind text)
language plpgsql
stable
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  return query
    select n.nspname::text, c.relname::text,
      case c.relkind when 'v' then 'view' when 'm' then 'materialized_view' when 'f' then 'foreign_table' else 'table' end
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any (coalesce(
        nullif(array_remove(string_to_array(replace(coalesce(current_setting('pgrst.db_schemas', true), ''), ' ', ''), ','), ''), '{}'),
        array['public']))
      and c.relkind in ('r', 'p', 'v', 'm', 'f')
    order by 1, 2;
end;
$$;

comment on function public.exposed_relations() is
  'Tables and views of the schemas PostgREST exposes, for the anon probe; governance roles only.';

revoke all on function public.exposed_relations() from public, anon;
grant execute on function public.exposed_relations() to authenticated, service_role;

-- Policy snapshots ---------------------------------------------------------------------------------
create table public.policy_snapshots (
  id bigint generated always as identity primary key,
  taken_at timestamptz not null default now(),
  last_confirmed_at timestamptz not null default now(),
  policy_count integer not null check (policy_count >= 0),
  digest text not null check (digest ~ '^[0-9a-f]{64}$')
);
alter table public.policy_snapshots enable row level security;

comment on table public.policy_snapshots is
  'The policy set as the sync saw it: a new snapshot when it changed; otherwise the latest one is confirmed (last_confirmed_at).';
comment on column public.policy_snapshots.digest is 'SHA-256 (hex) of the snapshot''s items in canonical order.';

create index policy_snapshots_taken_idx on public.policy_snapshots (taken_at desc, id desc);

create table public.policy_snapshot_items (
  snapshot_id bigint not null references public.policy_snapshots (id),
  schema_name text not null,
  table_name text not null,
  policy_name text not null,
  command text not null check (command in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL')),
  permissive boolean not null,
  roles text[] not null,
  qual text,
  with_check text,
  primary key (snapshot_id, schema_name, table_name, policy_name)
);
alter table public.policy_snapshot_items enable row level security;

comment on table public.policy_snapshot_items is 'One policy of a snapshot: table, name, command, roles and expressions.';

revoke all on public.policy_snapshots, public.policy_snapshot_items from anon, authenticated;
grant select on public.policy_snapshots, public.policy_snapshot_items to authenticated;
revoke all on sequence public.policy_snapshots_id_seq from anon, authenticated;

-- Governance roles review how the policy set evolved.
create policy policy_snapshots_select_governance on public.policy_snapshots
  for select to authenticated using ((select private.is_governance_reader()));
-- Governance roles review the policies of each snapshot.
create policy policy_snapshot_items_select_governance on public.policy_snapshot_items
  for select to authenticated using ((select private.is_governance_reader()));

-- Takes a snapshot of every policy (outside the system schemas) when the set differs from the latest
-- snapshot; otherwise confirms the latest. Called by the sync (which runs as the owner) under its
-- lock; no API role may call it.
create function private.take_policy_snapshot()
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  current_digest text;
  current_count integer;
  latest public.policy_snapshots;
  snapshot_id bigint;
begin
  create temporary table if not exists policy_snapshot_current (
    schema_name text, table_name text, policy_name text, command text, permissive boolean,
    roles text[], qual text, with_check text) on commit drop;
  truncate pg_temp.policy_snapshot_current;
  insert into pg_temp.policy_snapshot_current
  select p.schemaname::text, p.tablename::text, p.policyname::text, p.cmd, p.permissive = 'PERMISSIVE',
    array(select r::text from unnest(p.roles) r order by 1), p.qual, p.with_check
  from pg_catalog.pg_policies p
  where p.schemaname not in ('pg_catalog', 'information_schema');

  select count(*), encode(extensions.digest(convert_to(coalesce(string_agg(
      concat_ws(E'\x1f', c.schema_name, c.table_name, c.policy_name, c.command, c.permissive::text,
        array_to_string(c.roles, ','), coalesce(c.qual, E'\x1e'), coalesce(c.with_check, E'\x1e')),
      E'\n' order by c.schema_name, c.table_name, c.policy_name), ''), 'UTF8'), 'sha256'), 'hex')
  into current_count, current_digest
  from pg_temp.policy_snapshot_current c;

  select * into latest from public.policy_snapshots s order by s.taken_at desc, s.id desc limit 1;
  if latest.id is not null and latest.digest = current_digest then
    update public.policy_snapshots set last_confirmed_at = now() where id = latest.id;
    return latest.id;
  end if;

  insert into public.policy_snapshots (policy_count, digest) values (current_count, current_digest)
  returning id into snapshot_id;
  insert into public.policy_snapshot_items
    (snapshot_id, schema_name, table_name, policy_name, command, permissive, roles, qual, with_check)
  select snapshot_id, c.schema_name, c.table_name, c.policy_name, c.command, c.permissive, c.roles, c.qual, c.with_check
  from pg_temp.policy_snapshot_current c;
  return snapshot_id;
end;
$$;

comment on function private.take_policy_snapshot() is
  'Snapshots the policy set when it changed since the latest snapshot (else confirms the latest); called by the sync.';

revoke all on function private.take_policy_snapshot() from public, anon, authenticated;

-- What changed between the latest snapshot and the one before it: added, removed, modified.
create view public.v_policy_changes
with (security_invoker = true)
as
with ordered as (
  select s.id, s.taken_at, row_number() over (order by s.taken_at desc, s.id desc) as n
  from public.policy_snapshots s
),
latest as (select id, taken_at from ordered where n = 1),
previous as (select id, taken_at from ordered where n = 2),
now_items as (select i.* from public.policy_snapshot_items i join latest l on l.id = i.snapshot_id),
before_items as (select i.* from public.policy_snapshot_items i join previous p on p.id = i.snapshot_id)
select
  case when b.policy_name is null then 'added' when a.policy_name is null then 'removed' else 'modified' end as change,
  coalesce(a.schema_name, b.schema_name) as schema_name,
  coalesce(a.table_name, b.table_name) as table_name,
  coalesce(a.policy_name, b.policy_name) as policy_name,
  (select p.id from previous p) as previous_snapshot_id,
  (select p.taken_at from previous p) as previous_taken_at,
  (select l.id from latest l) as snapshot_id,
  (select l.taken_at from latest l) as taken_at,
  case when b.policy_name is null then null else jsonb_build_object('command', b.command, 'permissive', b.permissive,
    'roles', to_jsonb(b.roles), 'qual', b.qual, 'with_check', b.with_check) end as before,
  case when a.policy_name is null then null else jsonb_build_object('command', a.command, 'permissive', a.permissive,
    'roles', to_jsonb(a.roles), 'qual', a.qual, 'with_check', a.with_check) end as after
from now_items a
full join before_items b
  on b.schema_name = a.schema_name and b.table_name = a.table_name and b.policy_name = a.policy_name
where exists (select 1 from previous)
  and (a.policy_name is null or b.policy_name is null
    or a.command is distinct from b.command or a.permissive is distinct from b.permissive
    or a.roles is distinct from b.roles or a.qual is distinct from b.qual or a.with_check is distinct from b.with_check)
  and (current_user not in ('anon', 'authenticated') or (select private.is_governance_reader()));

comment on view public.v_policy_changes is
  'Policies added, removed or modified between the previous policy snapshot and the latest one.';

revoke all on public.v_policy_changes from anon, authenticated;
grant select on public.v_policy_changes to authenticated;
