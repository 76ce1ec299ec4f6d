-- Replaces: private.schema_drift_checks() (20261202110000_add_check_families.sql), private.take_policy_snapshot() (20261125130100_create_security_posture.sql)
-- Schema drift beyond policies (issue 13, item 3). The rules of this product live in the catalogue
-- (RLS, grants, triggers, security-definer functions), so a change made by hand outside the
-- migrations — a column added, a grant given, a trigger disabled, a function redefined — can undo a
-- rule without anyone seeing it. The database now keeps a fingerprint of the governed catalogue,
-- taken after the migrations, and SCHEMA_DRIFT (CRITICAL) names every object that differs from it.
--
-- What is governed: the schemas the product owns — public, private, api_guard — and, because the
-- request guard is configured there, the settings of the API roles. Per object: schemas (owner),
-- tables (owner, RLS enabled / forced, options), views (owner, options such as security_invoker,
-- definition), indexes, sequences, columns (type, not null, default, identity, generated),
-- constraints, functions (their full definition: body, language, security, search_path,
-- volatility — and owner, whom a security-definer function runs as), triggers (definition and
-- enabled state), RLS policies, grants (tables, columns, sequences, functions, schemas: one item per
-- object and grantee), default privileges, and role settings (authenticator, anon, authenticated,
-- service_role). Not governed: auth, storage, extensions, supabase_migrations (the platform's and the
-- tools' own), objects that belong to an extension, temporary objects, and data.
--
-- When the baseline moves:
--   * after migrations: the sync (private.take_policy_snapshot(), which public.sync_system_alerts()
--     runs under its lock) compares the applied migration list with the baseline's; when it changed
--     (a migration ran, or the history was repaired) it takes a new baseline — a migration is the
--     legitimate way to change the schema;
--   * by an operator, for a deliberate hand change (an emergency fix): private.accept_schema_drift(reason)
--     as the database owner (SQL editor / psql). It is not callable through the API. The accepted
--     diff, who accepted it and why are kept in private.schema_baselines. The right follow-up is
--     still a migration that makes the change part of the history.
-- Every baseline keeps the diff it absorbed (bounded), so what a batch of migrations — or an
-- acceptance — changed stays reviewable. Limitation: a hand change made between the last sync and a
-- migration is absorbed by that migration's baseline; it is then listed in the baseline's `changes`,
-- not raised. Whoever can change the catalogue by hand as its owner can also rewrite these tables:
-- this detects changes outside the process, it does not stop a hostile superuser.
--
-- The applied migrations' dates: supabase_migrations.schema_migrations (the CLI's table) has none.
-- private.migrations_seen records when the sync first saw each version applied (at most one sync
-- interval after it was); the versions present when tracking began are marked as such (applied at or
-- before that time).

-- Tables -----------------------------------------------------------------------------------------
create table private.schema_baselines (
  id bigint generated always as identity primary key,
  taken_at timestamptz not null default now(),
  reason text not null check (reason in ('migrations', 'accepted')),
  migration_count integer not null check (migration_count >= 0),
  migrations_digest text not null check (migrations_digest ~ '^[0-9a-f]{32}$'),
  newest_migration text,
  item_count integer not null check (item_count >= 0),
  catalogue_token text not null,
  drift_token text,
  drift jsonb,
  changes jsonb not null default '{}'::jsonb,
  accepted_by text,
  accept_reason text,
  constraint schema_baselines_accepted_check check (
    (reason = 'accepted') = (accepted_by is not null and accept_reason is not null))
);
alter table private.schema_baselines enable row level security;
revoke all on table private.schema_baselines from public, anon, authenticated, service_role;
comment on table private.schema_baselines is
  'Each fingerprint of the governed catalogue the drift check compares with (the newest is current): taken after migrations, or when an operator accepted a hand change.';
comment on column private.schema_baselines.migrations_digest is
  'MD5 of the applied migration list (version and name, in order) the baseline was taken with; a different list means migrations ran and the sync takes a new baseline.';
comment on column private.schema_baselines.catalogue_token is
  'private.catalogue_token() when the catalogue last matched this baseline: while it is unchanged nothing was altered, and the check skips the full comparison.';
comment on column private.schema_baselines.drift_token is
  'The catalogue token at which the sync last found drift from this baseline; while the catalogue stays at it, the check reads `drift` instead of comparing again.';
comment on column private.schema_baselines.drift is
  'The drift found at drift_token (private.catalogue_drift_summary(20)).';
comment on column private.schema_baselines.changes is
  'What this baseline absorbed compared with the previous one: counts and the first 50 items (change, kind, object, before, after).';
comment on column private.schema_baselines.accepted_by is
  'For reason = accepted: the database session user who accepted the hand change.';

create table private.schema_baseline_items (
  kind text not null,
  object text not null,
  digest text not null check (digest ~ '^[0-9a-f]{32}$'),
  summary text not null,
  primary key (kind, object)
);
alter table private.schema_baseline_items enable row level security;
revoke all on table private.schema_baseline_items from public, anon, authenticated, service_role;
comment on table private.schema_baseline_items is
  'The current baseline''s fingerprint: one row per governed object (kind, identity), the MD5 of its definition and a short summary for the diff.';

create table private.migrations_seen (
  version text primary key,
  name text,
  first_seen_at timestamptz not null,
  seen_before_tracking boolean not null
);
alter table private.migrations_seen enable row level security;
revoke all on table private.migrations_seen from public, anon, authenticated, service_role;
comment on table private.migrations_seen is
  'When the sync first saw each migration applied (supabase_migrations.schema_migrations has no date): at most one sync interval after it was applied.';
comment on column private.migrations_seen.seen_before_tracking is
  'Already applied when tracking began: first_seen_at is then the latest it can have been applied, not the time it was.';

-- The fingerprint --------------------------------------------------------------------------------
-- One row per governed object. `digest` is the MD5 of everything that defines it; `summary` is what
-- a reviewer reads in the diff (short). It deparses every object (≈ 16 ms): it runs when a baseline
-- is taken and when the catalogue token moved, not on every sync.
create function private.catalogue_fingerprint()
returns table (kind text, object text, digest text, summary text)
language sql
stable
security definer
set search_path = ''
as $$
  with governed as (
    select n.oid, n.nspname, n.nspowner, n.nspacl
    from pg_catalog.pg_namespace n
    where n.nspname in ('public', 'private', 'api_guard')
  ), relations as (
    select c.oid, g.nspname, c.relname, c.relkind, c.relowner, c.relacl, c.relrowsecurity,
      c.relforcerowsecurity, c.reloptions,
      quote_ident(g.nspname) || '.' || quote_ident(c.relname) as name
    from pg_catalog.pg_class c
    join governed g on g.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'i', 'I')
      and not exists (select 1 from pg_catalog.pg_depend e
        where e.classid = 'pg_catalog.pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
  ), functions as (
    select p.oid, p.proname, p.prokind, p.proowner, p.proacl, p.prosecdef, p.provolatile, p.prolang,
      p.oid::regprocedure::text as name
    from pg_catalog.pg_proc p
    join governed g on g.oid = p.pronamespace
    where not exists (select 1 from pg_catalog.pg_depend e
      where e.classid = 'pg_catalog.pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
  ), function_defs as (
    select f.*,
      case when f.prokind in ('f', 'p', 'w') then pg_catalog.pg_get_functiondef(f.oid)
        else (select p.prosrc from pg_catalog.pg_proc p where p.oid = f.oid) end as definition
    from functions f
  ), grants as (
    -- One item per object and grantee: the privileges, sorted; '*' marks WITH GRANT OPTION.
    select 'schema ' || quote_ident(g.nspname) as target, a.grantee, a.privilege_type, a.is_grantable
    from governed g, aclexplode(coalesce(g.nspacl, acldefault('n', g.nspowner))) a
    union all
    select case r.relkind when 'S' then 'sequence ' else 'table ' end || r.name, a.grantee, a.privilege_type, a.is_grantable
    from relations r,
      aclexplode(coalesce(r.relacl, acldefault(case r.relkind when 'S' then 's' else 'r' end::"char", r.relowner))) a
    where r.relkind not in ('i', 'I')
    union all
    select 'column ' || r.name || '.' || quote_ident(at.attname), a.grantee, a.privilege_type, a.is_grantable
    from relations r
    join pg_catalog.pg_attribute at on at.attrelid = r.oid and at.attnum > 0 and not at.attisdropped
      and at.attacl is not null,
      aclexplode(at.attacl) a
    union all
    select 'function ' || f.name, a.grantee, a.privilege_type, a.is_grantable
    from functions f, aclexplode(coalesce(f.proacl, acldefault('f', f.proowner))) a
  ), default_privileges as (
    select pg_catalog.pg_get_userbyid(d.defaclrole)
        || coalesce(' in ' || quote_ident(g.nspname), '')
        || ' on ' || case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences'
          when 'f' then 'functions' when 'T' then 'types' when 'n' then 'schemas' else d.defaclobjtype::text end
        as target,
      a.grantee, a.privilege_type, a.is_grantable
    from pg_catalog.pg_default_acl d
    left join governed g on g.oid = d.defaclnamespace,
      aclexplode(d.defaclacl) a
    where d.defaclnamespace = 0 or g.oid is not null
  ), privilege_items as (
    select 'grant'::text as kind, x.target, x.grantee,
      string_agg(x.privilege_type || case when x.is_grantable then '*' else '' end, ', ' order by x.privilege_type) as privileges
    from grants x
    group by x.target, x.grantee
    union all
    select 'default_privilege', x.target, x.grantee,
      string_agg(x.privilege_type || case when x.is_grantable then '*' else '' end, ', ' order by x.privilege_type)
    from default_privileges x
    group by x.target, x.grantee
  ), items as (
    select 'schema'::text as kind, quote_ident(g.nspname) as object,
      'OWNER ' || pg_catalog.pg_get_userbyid(g.nspowner) as definition,
      'OWNER ' || pg_catalog.pg_get_userbyid(g.nspowner) as summary
    from governed g
    union all
    select case r.relkind when 'r' then 'table' when 'p' then 'table' when 'f' then 'foreign_table'
        when 'v' then 'view' when 'm' then 'materialized_view' when 'S' then 'sequence' else 'index' end,
      r.name,
      concat_ws(E'\n', 'OWNER ' || pg_catalog.pg_get_userbyid(r.relowner),
        'RLS ' || r.relrowsecurity || ' FORCE ' || r.relforcerowsecurity,
        array_to_string(r.reloptions, ','), x.definition),
      case
        when r.relkind in ('i', 'I') then left(x.definition, 200)
        else concat_ws('; ', 'OWNER ' || pg_catalog.pg_get_userbyid(r.relowner),
          case when r.relkind in ('r', 'p', 'f') then
            'RLS ' || case when r.relrowsecurity then 'ENABLED' else 'DISABLED' end
            || case when r.relforcerowsecurity then ', FORCED' else '' end end,
          'WITH (' || array_to_string(r.reloptions, ', ') || ')',
          case when r.relkind in ('v', 'm') then
            'definition md5 ' || left(md5(x.definition), 12) end)
      end
    from relations r
    cross join lateral (select case when r.relkind in ('v', 'm') then pg_catalog.pg_get_viewdef(r.oid)
      when r.relkind in ('i', 'I') then pg_catalog.pg_get_indexdef(r.oid) end as definition) x
    union all
    select 'column', r.name || '.' || quote_ident(a.attname),
      concat_ws(E'\n', pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
        a.attidentity::text, a.attgenerated::text, a.attcollation::text,
        pg_catalog.pg_get_expr(d.adbin, d.adrelid)),
      left(concat_ws(' ', pg_catalog.format_type(a.atttypid, a.atttypmod),
        case when a.attnotnull then 'NOT NULL' end,
        case a.attidentity when 'a' then 'GENERATED ALWAYS AS IDENTITY' when 'd' then 'GENERATED BY DEFAULT AS IDENTITY' end,
        case when a.attgenerated = 's' then 'GENERATED ALWAYS AS (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') STORED'
          when d.adbin is not null then 'DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) end), 200)
    from relations r
    join pg_catalog.pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
    left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where r.relkind in ('r', 'p', 'f')
    union all
    select 'constraint', r.name || '.' || quote_ident(k.conname),
      x.definition, left(x.definition, 200)
    from pg_catalog.pg_constraint k
    join relations r on r.oid = k.conrelid
    cross join lateral (select pg_catalog.pg_get_constraintdef(k.oid) as definition) x
    union all
    select 'function', f.name,
      f.definition || E'\nOWNER ' || pg_catalog.pg_get_userbyid(f.proowner),
      concat_ws(', ', case when f.prosecdef then 'SECURITY DEFINER' else 'SECURITY INVOKER' end,
        (select l.lanname from pg_catalog.pg_language l where l.oid = f.prolang),
        case f.provolatile when 'i' then 'IMMUTABLE' when 's' then 'STABLE' else 'VOLATILE' end,
        'OWNER ' || pg_catalog.pg_get_userbyid(f.proowner),
        'definition md5 ' || left(md5(f.definition), 12))
    from function_defs f
    union all
    select 'trigger', r.name || '.' || quote_ident(t.tgname),
      t.tgenabled::text || E'\n' || x.definition,
      case t.tgenabled when 'D' then 'DISABLED' when 'R' then 'ENABLED REPLICA' when 'A' then 'ENABLED ALWAYS'
        else 'ENABLED' end || '; ' || left(x.definition, 180)
    from pg_catalog.pg_trigger t
    join relations r on r.oid = t.tgrelid
    cross join lateral (select pg_catalog.pg_get_triggerdef(t.oid) as definition) x
    where not t.tgisinternal
    union all
    select 'policy', r.name || '.' || quote_ident(p.polname),
      concat_ws(E'\n', p.polcmd::text, p.polpermissive::text,
        (select string_agg(case when x = 0 then 'public' else pg_catalog.pg_get_userbyid(x) end, ',' order by 1)
          from unnest(p.polroles) x),
        pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)),
      left(concat_ws(' ',
        case when p.polpermissive then 'PERMISSIVE' else 'RESTRICTIVE' end,
        'FOR ' || case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
          when 'd' then 'DELETE' else 'ALL' end,
        'TO ' || (select string_agg(case when x = 0 then 'public' else pg_catalog.pg_get_userbyid(x) end, ', ' order by 1)
          from unnest(p.polroles) x),
        'USING (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')',
        'WITH CHECK (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')'), 200)
    from pg_catalog.pg_policy p
    join relations r on r.oid = p.polrelid
    union all
    select i.kind,
      i.target || ' → ' || case when i.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(i.grantee) end,
      i.privileges, i.privileges
    from privilege_items i
    union all
    select 'role_setting', r.rolname || ' ' || split_part(s.setting, '=', 1),
      substr(s.setting, strpos(s.setting, '=') + 1),
      left(substr(s.setting, strpos(s.setting, '=') + 1), 200)
    from pg_catalog.pg_db_role_setting d
    join pg_catalog.pg_roles r on r.oid = d.setrole
      and r.rolname in ('authenticator', 'anon', 'authenticated', 'service_role'),
      unnest(d.setconfig) s(setting)
    where d.setdatabase in (0, (select db.oid from pg_catalog.pg_database db where db.datname = current_database()))
  )
  select i.kind, i.object, md5(coalesce(i.definition, '')), coalesce(i.summary, '')
  from items i
$$;
comment on function private.catalogue_fingerprint() is
  'The governed catalogue now (schemas public, private, api_guard and the API roles'' settings): one row per object with the MD5 of its definition and a short summary.';
revoke all on function private.catalogue_fingerprint() from public, anon, authenticated, service_role;

-- A cheap token of the same catalogue rows: every governed catalogue row's identity and xmin (the
-- transaction that last wrote it). Any DDL, grant or ALTER writes a new row version, so an equal
-- token means nothing was altered, without deparsing anything (≈ 1.5 ms against ≈ 16 ms for the full
-- fingerprint). VACUUM and ANALYZE update these rows in place and leave it alone; VACUUM FULL or a
-- restore moves it without changing anything that matters — then the full comparison finds no drift
-- and the sync records the new token (private.refresh_schema_baseline).
create function private.catalogue_token()
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- plpgsql: the statement's plan is cached for the session (the sync's connection), where a SQL
  -- function would be planned again on every call.
  return (
  with governed as (
    select n.oid, n.xmin from pg_catalog.pg_namespace n
    where n.nspname in ('public', 'private', 'api_guard')
  ), relations as materialized (
    select c.oid, c.xmin from pg_catalog.pg_class c
    where c.relnamespace in (select g.oid from governed g) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'i', 'I')
  ), rows as (
    select 'n' as catalogue, g.oid, g.xmin from governed g
    union all select 'c', r.oid, r.xmin from relations r
    union all select 'a', a.attrelid, a.xmin from pg_catalog.pg_attribute a
      where a.attrelid in (select r.oid from relations r) and a.attnum > 0
    union all select 'd', d.oid, d.xmin from pg_catalog.pg_attrdef d where d.adrelid in (select r.oid from relations r)
    union all select 'k', k.oid, k.xmin from pg_catalog.pg_constraint k where k.conrelid in (select r.oid from relations r)
    union all select 'w', w.oid, w.xmin from pg_catalog.pg_rewrite w where w.ev_class in (select r.oid from relations r)
    union all select 't', t.oid, t.xmin from pg_catalog.pg_trigger t where t.tgrelid in (select r.oid from relations r)
    union all select 'p', p.oid, p.xmin from pg_catalog.pg_policy p where p.polrelid in (select r.oid from relations r)
    union all select 'f', p.oid, p.xmin from pg_catalog.pg_proc p where p.pronamespace in (select g.oid from governed g)
    union all select 'e', d.oid, d.xmin from pg_catalog.pg_default_acl d
    union all select 's', s.setrole, s.xmin from pg_catalog.pg_db_role_setting s
  )
  select md5(string_agg(x.catalogue || x.oid::text || ':' || x.xmin::text, ',' order by x.catalogue, x.oid, x.xmin::text))
  from rows x);
end;
$$;
comment on function private.catalogue_token() is
  'MD5 of the governed catalogue rows'' identities and xmin: unchanged as long as no DDL, grant or setting touched them (the drift check''s fast path).';
revoke all on function private.catalogue_token() from public, anon, authenticated, service_role;

-- The applied migration list as the baselines record it.
create function private.applied_migrations_digest()
returns table (migration_count integer, digest text, newest text)
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::integer,
    md5(coalesce(string_agg(m.version || ' ' || coalesce(m.name, ''), E'\n' order by m.version), '')),
    max(m.version)
  from supabase_migrations.schema_migrations m
$$;
comment on function private.applied_migrations_digest() is
  'How many migrations are applied, the MD5 of their list (version and name, in order) and the newest version.';
revoke all on function private.applied_migrations_digest() from public, anon, authenticated, service_role;

-- The diff between the current baseline and the catalogue now: added (not in the baseline), removed
-- (gone), changed (same object, another definition).
create function private.catalogue_drift()
returns table (change text, kind text, object text, before text, after text)
language sql
stable
security definer
set search_path = ''
as $$
  select case when b.object is null then 'added' when c.object is null then 'removed' else 'changed' end,
    coalesce(c.kind, b.kind), coalesce(c.object, b.object), b.summary, c.summary
  from private.catalogue_fingerprint() c
  full join private.schema_baseline_items b on b.kind = c.kind and b.object = c.object
  where b.object is null or c.object is null or b.digest <> c.digest
$$;
comment on function private.catalogue_drift() is
  'Objects of the governed catalogue that differ from the current baseline: added, removed or changed, with the baseline''s and today''s summaries.';
revoke all on function private.catalogue_drift() from public, anon, authenticated, service_role;

-- A diff as the baselines and the alert keep it: counts and the first `shown` items, in a stable order.
create function private.catalogue_drift_summary(shown integer)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with diff as (
    select d.*, row_number() over (order by d.kind, d.object, d.change) as n
    from private.catalogue_drift() d
  )
  select jsonb_build_object(
    'changes', count(*),
    'added', count(*) filter (where change = 'added'),
    'removed', count(*) filter (where change = 'removed'),
    'changed', count(*) filter (where change = 'changed'),
    'diff', coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
        'change', change, 'kind', kind, 'object', object, 'before', before, 'after', after)) order by n)
      filter (where n <= shown), '[]'::jsonb),
    'more', greatest(count(*) - shown, 0))
  from diff
$$;
comment on function private.catalogue_drift_summary(integer) is
  'private.catalogue_drift() as counts (changes, added, removed, changed), the first `shown` items (diff) and how many more.';
revoke all on function private.catalogue_drift_summary(integer) from public, anon, authenticated, service_role;

-- Takes a new baseline now. Callers hold the sync's lock.
create function private.take_schema_baseline(reason text, accept_reason text default null)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  migrations record;
  first_baseline boolean := not exists (select 1 from private.schema_baselines);
  absorbed jsonb;
  baseline_id bigint;
  items integer;
begin
  select * into migrations from private.applied_migrations_digest();
  absorbed := case when first_baseline then '{}'::jsonb else private.catalogue_drift_summary(50) end;

  delete from private.schema_baseline_items;
  insert into private.schema_baseline_items (kind, object, digest, summary)
  select f.kind, f.object, f.digest, f.summary from private.catalogue_fingerprint() f;
  get diagnostics items = row_count;

  insert into private.schema_baselines
    (reason, migration_count, migrations_digest, newest_migration, item_count, catalogue_token, changes,
     accepted_by, accept_reason)
  values (reason, migrations.migration_count, migrations.digest, migrations.newest, items, private.catalogue_token(), absorbed,
    case when reason = 'accepted' then session_user::text end, accept_reason)
  returning id into baseline_id;

  insert into private.migrations_seen (version, name, first_seen_at, seen_before_tracking)
  select m.version, m.name, now(), first_baseline
  from supabase_migrations.schema_migrations m
  on conflict (version) do nothing;
  return baseline_id;
end;
$$;
comment on function private.take_schema_baseline(text, text) is
  'Replaces the catalogue baseline with the catalogue now, records the diff it absorbed and the migrations seen for the first time; callers hold the sync''s lock.';
revoke all on function private.take_schema_baseline(text, text) from public, anon, authenticated, service_role;

-- After migrations: a new baseline when the applied list changed. Otherwise nothing is written
-- while the catalogue token stays where it was last seen. When it moved, the catalogue is compared
-- once: no drift (a change undone, a VACUUM FULL) → the token is the baseline's again; drift → the
-- token and the drift found are kept, so neither the next syncs nor the check compare again while
-- the catalogue stays as it is (an unresolved drift costs the sync no more than none).
create function private.refresh_schema_baseline()
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  current_digest text;
  current_token text;
  latest private.schema_baselines;
  found_drift jsonb;
begin
  select d.digest into current_digest from private.applied_migrations_digest() d;
  select * into latest from private.schema_baselines b order by b.id desc limit 1;
  if latest.id is null or latest.migrations_digest <> current_digest then
    return private.take_schema_baseline('migrations');
  end if;
  current_token := private.catalogue_token();
  if current_token = latest.catalogue_token or current_token = latest.drift_token then
    return latest.id;
  end if;
  found_drift := private.catalogue_drift_summary(20);
  if (found_drift ->> 'changes')::integer = 0 then
    update private.schema_baselines set catalogue_token = current_token, drift_token = null, drift = null
    where id = latest.id;
  else
    update private.schema_baselines set drift_token = current_token, drift = found_drift where id = latest.id;
  end if;
  return latest.id;
end;
$$;
comment on function private.refresh_schema_baseline() is
  'Takes a new catalogue baseline when the applied migration list changed since the current one (a migration ran); else, when the catalogue token moved, compares once and records the token (no drift) or the token and the drift found; called by the sync.';
revoke all on function private.refresh_schema_baseline() from public, anon, authenticated, service_role;

-- A deliberate hand change, accepted by an operator with the database owner's rights.
create function private.accept_schema_drift(reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  clean_reason text := btrim(private.trim_note(reason));
  accepted jsonb;
  baseline_id bigint;
begin
  if clean_reason is null or char_length(clean_reason) < 10 or char_length(clean_reason) > 500 then
    raise exception 'say why the hand change is accepted (10 to 500 characters)'
      using errcode = '22023', hint = 'reason_required';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  if private.refresh_schema_baseline() is null then
    raise exception 'no baseline could be taken' using errcode = 'P0001';
  end if;
  accepted := private.catalogue_drift_summary(50);
  if (accepted ->> 'changes')::integer = 0 then
    raise exception 'the catalogue matches its baseline: nothing to accept'
      using errcode = '22023', hint = 'no_schema_drift';
  end if;
  baseline_id := private.take_schema_baseline('accepted', clean_reason);
  return jsonb_build_object('baseline_id', baseline_id, 'accepted', accepted);
end;
$$;
comment on function private.accept_schema_drift(text) is
  'Accepts the hand changes the drift check reports (a new baseline, with who and why); database owner only, not exposed through the API. SCHEMA_DRIFT clears at the next sync.';
revoke all on function private.accept_schema_drift(text) from public, anon, authenticated, service_role;

-- The check --------------------------------------------------------------------------------------
create or replace function private.schema_drift_checks()
returns table (check_code text, severity text, entity_type text, entity_id text, message text, details jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  baseline private.schema_baselines;
  token text;
  summary jsonb;
  total integer;
  objects text;
begin
  select * into baseline from private.schema_baselines b order by b.id desc limit 1;
  -- Nothing to compare with yet; or migrations ran since the baseline (the sync re-baselines
  -- before it reads the checks); or no catalogue row was written since (the token: ≈ 1.5 ms, where
  -- the full comparison costs ≈ 16 ms).
  if baseline.id is null
    or baseline.migrations_digest <> (select d.digest from private.applied_migrations_digest() d) then
    return;
  end if;
  token := private.catalogue_token();
  if token = baseline.catalogue_token then
    return;
  end if;
  -- The drift the sync found at this very catalogue state, else a comparison now.
  summary := case when token = baseline.drift_token then baseline.drift else private.catalogue_drift_summary(20) end;
  total := (summary ->> 'changes')::integer;
  if total = 0 then
    return;
  end if;
  select string_agg(
      case x.item ->> 'kind' when 'schema' then 'schéma' when 'table' then 'table' when 'foreign_table' then 'table étrangère'
        when 'view' then 'vue' when 'materialized_view' then 'vue matérialisée' when 'sequence' then 'séquence'
        when 'index' then 'index' when 'column' then 'colonne' when 'constraint' then 'contrainte'
        when 'function' then 'fonction' when 'trigger' then 'déclencheur' when 'policy' then 'politique RLS'
        when 'grant' then 'droit' when 'default_privilege' then 'droit par défaut'
        when 'role_setting' then 'paramètre de rôle' else x.item ->> 'kind' end
      || ' ' || (x.item ->> 'object') || ' ('
      || case x.item ->> 'change' when 'added' then 'ajout' when 'removed' then 'suppression' else 'modification' end
      || ')', ' ; ' order by x.n)
  into objects
  from jsonb_array_elements(summary -> 'diff') with ordinality x (item, n)
  where x.n <= 3;

  return query
  select 'SCHEMA_DRIFT'::text, 'CRITICAL'::text, 'schema'::text, 'catalogue'::text,
    format('Catalogue modifié hors migration : %s changement%s (%s ajout%s, %s suppression%s, %s modification%s) depuis la référence du %s (dernière migration %s) — %s%s',
      total, case when total > 1 then 's' else '' end,
      summary ->> 'added', case when (summary ->> 'added')::integer > 1 then 's' else '' end,
      summary ->> 'removed', case when (summary ->> 'removed')::integer > 1 then 's' else '' end,
      summary ->> 'changed', case when (summary ->> 'changed')::integer > 1 then 's' else '' end,
      to_char(baseline.taken_at at time zone private.depot_time_zone(), 'DD/MM/YYYY HH24:MI'),
      coalesce(baseline.newest_migration, '(aucune)'),
      objects,
      case when total > 3 then format(' et %s autre%s', total - 3, case when total - 3 > 1 then 's' else '' end) else '' end),
    summary || jsonb_build_object('baseline_id', baseline.id, 'baseline_taken_at', baseline.taken_at,
      'baseline_migration', baseline.newest_migration);
end;
$$;
comment on function private.schema_drift_checks() is 'Change outside the migrations: SCHEMA_DRIFT (CRITICAL) when the governed catalogue differs from the baseline taken after the applied migrations; details list the diff (first 20 items, then how many more). One family of public.v_integrity_checks (same columns, without detected_at).';
revoke all on function private.schema_drift_checks() from public;
grant execute on function private.schema_drift_checks() to authenticated, service_role;

-- The sync's write path: the policy snapshot, then the catalogue baseline after migrations.
create or replace function private.take_policy_snapshot()
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
  -- The catalogue baseline moves with the migrations (see private.refresh_schema_baseline); it is
  -- taken here because this is the sync's one write step before the checks are read.
  perform private.refresh_schema_baseline();

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
comment on function private.take_policy_snapshot() is 'The sync''s write step before the checks: takes a new catalogue baseline when migrations ran (private.refresh_schema_baseline), then snapshots the policy set when it changed since the latest snapshot (else confirms the latest).';
revoke all on function private.take_policy_snapshot() from public;
