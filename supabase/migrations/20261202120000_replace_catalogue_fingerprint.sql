-- Replaces: private.catalogue_fingerprint(), private.catalogue_token(), private.catalogue_drift(), private.catalogue_drift_summary(integer), private.schema_drift_checks() (20261202112000_create_schema_baseline.sql)
-- Findings of the review of the schema drift check (issue 13, item 3).
--
-- One drift, one alert. SCHEMA_DRIFT had one fingerprint for the whole catalogue
-- (SCHEMA_DRIFT:schema:catalogue): once a directeur resolved it while the drift persisted ("resolve
-- anyway"), the sync never opened another alert for that fingerprint while a drift stayed detected,
-- so every later hand change — a ledger trigger disabled, a grant given — went unseen. The entity is
-- now `catalogue:<the first 12 hex digits of the MD5 of the drift set>` (each change's kind, object and
-- the digest of what it is now): an unchanged drift keeps its alert and its resolution, a different
-- drift opens a new one. The message and details of an unchanged drift do not change, so an
-- unchanged rerun still writes nothing.
--
-- The API roles themselves. `alter role authenticated bypassrls` or `grant service_role to anon`
-- undoes every policy without touching a governed schema. The fingerprint now holds, for anon,
-- authenticated, service_role and authenticator, their attributes (SUPERUSER, BYPASSRLS, INHERIT,
-- CREATEROLE, CREATEDB, LOGIN, REPLICATION) and their memberships both ways (pg_auth_members), and the
-- catalogue token folds in a digest of those rows (the xmin of pg_authid is not readable without
-- superuser rights; pg_roles hides no attribute).
--
-- Role settings without their values. The fingerprint copied a setting's value into the diff, and
-- so into the alert every governance reader sees (a `pgrst.jwt_secret` set on authenticator would
-- have been shown to pca). A setting is now summarised as `set (md5 <8 hex digits>)`: a change is
-- detected and shown, the value is not kept. The values already stored by the baselines are replaced
-- the same way below (alerts and ledger events already written are immutable by design).

create or replace function private.catalogue_fingerprint()
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
  ), api_roles as (
    select r.oid, r.rolname, r.rolsuper, r.rolbypassrls, r.rolinherit, r.rolcreaterole, r.rolcreatedb,
      r.rolcanlogin, r.rolreplication
    from pg_catalog.pg_roles r
    where r.rolname in ('authenticator', 'anon', 'authenticated', 'service_role')
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
    -- A role setting's value is never kept (it may be a secret: a JWT secret, a password): its
    -- digest detects a change, and the summary shows only the first hex digits of that digest.
    select 'role_setting', r.rolname || ' ' || split_part(s.setting, '=', 1),
      substr(s.setting, strpos(s.setting, '=') + 1),
      'set (md5 ' || left(md5(substr(s.setting, strpos(s.setting, '=') + 1)), 8) || ')'
    from pg_catalog.pg_db_role_setting d
    join api_roles r on r.oid = d.setrole,
      unnest(d.setconfig) s(setting)
    where d.setdatabase in (0, (select db.oid from pg_catalog.pg_database db where db.datname = current_database()))
    union all
    -- The API roles' attributes: one BYPASSRLS or SUPERUSER on authenticated undoes every policy.
    select 'role', r.rolname, x.attributes, x.attributes
    from api_roles r
    cross join lateral (select concat_ws(', ',
      case when r.rolsuper then 'SUPERUSER' else 'NOSUPERUSER' end,
      case when r.rolbypassrls then 'BYPASSRLS' else 'NOBYPASSRLS' end,
      case when r.rolinherit then 'INHERIT' else 'NOINHERIT' end,
      case when r.rolcreaterole then 'CREATEROLE' else 'NOCREATEROLE' end,
      case when r.rolcreatedb then 'CREATEDB' else 'NOCREATEDB' end,
      case when r.rolcanlogin then 'LOGIN' else 'NOLOGIN' end,
      case when r.rolreplication then 'REPLICATION' else 'NOREPLICATION' end) as attributes) x
    union all
    -- Their memberships, both ways (`grant service_role to anon` gives anon service_role's rights):
    -- one item per granted role and member, with the grants' options and grantors. Read as jsonb so
    -- the columns PostgreSQL 16 added (inherit_option, set_option) are taken where they exist.
    select 'role_membership', m.target || ' → ' || m.member, m.grants, m.grants
    from (
      select pg_catalog.pg_get_userbyid(a.roleid) as target, pg_catalog.pg_get_userbyid(a.member) as member,
        string_agg(concat_ws(', ',
            'ADMIN ' || (to_jsonb(a) ->> 'admin_option'),
            'INHERIT ' || (to_jsonb(a) ->> 'inherit_option'),
            'SET ' || (to_jsonb(a) ->> 'set_option'),
            'GRANTED BY ' || pg_catalog.pg_get_userbyid(a.grantor)),
          ' | ' order by pg_catalog.pg_get_userbyid(a.grantor)) as grants
      from pg_catalog.pg_auth_members a
      where a.roleid in (select r.oid from api_roles r) or a.member in (select r.oid from api_roles r)
      group by a.roleid, a.member
    ) m
  )
  select i.kind, i.object, md5(coalesce(i.definition, '')), coalesce(i.summary, '')
  from items i
$$;
comment on function private.catalogue_fingerprint() is
  'The governed catalogue now (schemas public, private, api_guard; the API roles'' attributes, memberships and settings — a setting''s value never kept): one row per object with the MD5 of its definition and a short summary.';
revoke all on function private.catalogue_fingerprint() from public, anon, authenticated, service_role;

-- The token, with the API roles: pg_db_role_setting rows carry their xmin like the rest, but
-- pg_authid (the roles' attributes) is not readable without superuser rights, so a digest of the
-- attributes pg_roles shows and of the memberships of those roles is folded in.
create or replace function private.catalogue_token()
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
  ), api_roles as materialized (
    select r.oid, r.rolname, r.rolsuper, r.rolbypassrls, r.rolinherit, r.rolcreaterole, r.rolcreatedb,
      r.rolcanlogin, r.rolreplication
    from pg_catalog.pg_roles r
    where r.rolname in ('authenticator', 'anon', 'authenticated', 'service_role')
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
  select md5(
    (select string_agg(x.catalogue || x.oid::text || ':' || x.xmin::text, ',' order by x.catalogue, x.oid, x.xmin::text)
      from rows x)
    || ';' || coalesce((select string_agg(concat_ws(':', r.oid, r.rolname, r.rolsuper, r.rolbypassrls, r.rolinherit,
          r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, r.rolreplication), ',' order by r.oid)
      from api_roles r), '')
    || ';' || coalesce((select string_agg(to_jsonb(m)::text, ',' order by m.roleid, m.member, m.grantor)
      from pg_catalog.pg_auth_members m
      where m.roleid in (select r.oid from api_roles r) or m.member in (select r.oid from api_roles r)), '')));
end;
$$;
comment on function private.catalogue_token() is
  'MD5 of the governed catalogue rows'' identities and xmin, and of the API roles'' attributes and memberships: unchanged as long as no DDL, grant, role change or setting touched them (the drift check''s fast path).';
revoke all on function private.catalogue_token() from public, anon, authenticated, service_role;

-- The diff now carries each changed object's current digest (null when removed), so the drift set's
-- digest moves when an object that already drifted is changed again.
drop function private.catalogue_drift();
create function private.catalogue_drift()
returns table (change text, kind text, object text, before text, after text, digest text)
language sql
stable
security definer
set search_path = ''
as $$
  select case when b.object is null then 'added' when c.object is null then 'removed' else 'changed' end,
    coalesce(c.kind, b.kind), coalesce(c.object, b.object), b.summary, c.summary, c.digest
  from private.catalogue_fingerprint() c
  full join private.schema_baseline_items b on b.kind = c.kind and b.object = c.object
  where b.object is null or c.object is null or b.digest <> c.digest
$$;
comment on function private.catalogue_drift() is
  'Objects of the governed catalogue that differ from the current baseline: added, removed or changed, with the baseline''s and today''s summaries and today''s digest.';
revoke all on function private.catalogue_drift() from public, anon, authenticated, service_role;

-- `digest`: the MD5 of the whole drift set (every change, not only the ones listed), the identity of
-- the SCHEMA_DRIFT alert.
create or replace function private.catalogue_drift_summary(shown integer)
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
    'more', greatest(count(*) - shown, 0),
    'digest', md5(coalesce(string_agg(concat_ws(' ', change, kind, object, coalesce(digest, '-')), E'\n' order by n), '')))
  from diff
$$;
comment on function private.catalogue_drift_summary(integer) is
  'private.catalogue_drift() as counts (changes, added, removed, changed), the first `shown` items (diff), how many more, and the MD5 of the whole drift set (digest).';
revoke all on function private.catalogue_drift_summary(integer) from public, anon, authenticated, service_role;

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
        when 'role_setting' then 'paramètre de rôle' when 'role' then 'rôle'
        when 'role_membership' then 'appartenance de rôle' else x.item ->> 'kind' end
      || ' ' || (x.item ->> 'object') || ' ('
      || case x.item ->> 'change' when 'added' then 'ajout' when 'removed' then 'suppression' else 'modification' end
      || ')', ' ; ' order by x.n)
  into objects
  from jsonb_array_elements(summary -> 'diff') with ordinality x (item, n)
  where x.n <= 3;

  return query
  -- The entity is this drift: a directeur who resolves it resolves this set of changes, and any
  -- other change (one more, one undone, the same object changed again) is another alert.
  select 'SCHEMA_DRIFT'::text, 'CRITICAL'::text, 'schema'::text, 'catalogue:' || left(summary ->> 'digest', 12),
    format('Catalogue modifié hors migration : %s changement%s (%s ajout%s, %s suppression%s, %s modification%s) depuis la référence du %s (dernière migration %s) — %s%s',
      total, case when total > 1 then 's' else '' end,
      summary ->> 'added', case when (summary ->> 'added')::integer > 1 then 's' else '' end,
      summary ->> 'removed', case when (summary ->> 'removed')::integer > 1 then 's' else '' end,
      summary ->> 'changed', case when (summary ->> 'changed')::integer > 1 then 's' else '' end,
      to_char(baseline.taken_at at time zone private.depot_time_zone(), 'DD/MM/YYYY HH24:MI'),
      coalesce(baseline.newest_migration, '(aucune)'),
      objects,
      case when total > 3 then format(' et %s autre%s', total - 3, case when total - 3 > 1 then 's' else '' end) else '' end),
    (summary - 'digest') || jsonb_build_object('baseline_id', baseline.id, 'baseline_taken_at', baseline.taken_at,
      'baseline_migration', baseline.newest_migration);
end;
$$;
comment on function private.schema_drift_checks() is 'Change outside the migrations: SCHEMA_DRIFT (CRITICAL) when the governed catalogue differs from the baseline taken after the applied migrations, one alert per drift set (entity catalogue:<digest of the changes>); details list the diff (first 20 items, then how many more). One family of public.v_integrity_checks (same columns, without detected_at).';
revoke all on function private.schema_drift_checks() from public;
grant execute on function private.schema_drift_checks() to authenticated, service_role;


-- The role settings' values the baselines kept so far: replaced by the same summary as above.
update private.schema_baseline_items
set summary = 'set (md5 ' || left(digest, 8) || ')'
where kind = 'role_setting';

create function pg_temp.without_setting_values(summary jsonb)
returns jsonb
language sql
immutable
as $$
  select case when summary ? 'diff' then jsonb_set(summary, '{diff}', coalesce((
    select jsonb_agg(case when item ->> 'kind' = 'role_setting' then
        jsonb_strip_nulls((item - 'before' - 'after') || jsonb_build_object(
          'before', 'set (md5 ' || left(md5(item ->> 'before'), 8) || ')',
          'after', 'set (md5 ' || left(md5(item ->> 'after'), 8) || ')'))
      else item end order by n)
    from jsonb_array_elements(summary -> 'diff') with ordinality x (item, n)), '[]'::jsonb))
  else summary end
$$;

update private.schema_baselines
set changes = pg_temp.without_setting_values(changes),
  drift = null,
  drift_token = null
where changes::text like '%"role_setting"%' or drift is not null;
