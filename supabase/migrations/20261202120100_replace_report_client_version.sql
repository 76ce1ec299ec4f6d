-- Replaces: public.report_client_version(text, text, text, text) and public.v_component_versions (20261202112100_replace_report_client_version.sql)
-- The expected schema follows the console only (review of issue 13, item 3). Any component that
-- reports its version could state a schema version, and v_component_versions expected the schema
-- every fresh report named: the operations app's account, stating 99999999999999, turned the
-- database's `schema` component to DRIFT (VERSION_DRIFT, CRITICAL) — the operations app chose what
-- the database must run. Now report_client_version refuses schema_version from any component but
-- the console (22023 schema_version_console_only, nothing recorded), and the view reads only the
-- console's reports for the schema's expectation.

create or replace function public.report_client_version(
  component text,
  version text,
  instance text default 'default',
  schema_version text default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  caller_role text := auth.role();
  caller uuid := auth.uid();
  clean_component text := lower(btrim(component));
  clean_version text := btrim(version);
  clean_instance text := btrim(coalesce(instance, 'default'));
  clean_schema_version text := btrim(schema_version);
  policy public.version_policies;
  report public.client_version_reports;
begin
  select * into policy from public.version_policies p where p.component = clean_component;
  if policy.component is null then
    raise exception 'unknown component' using errcode = '22023', hint = 'unknown_component';
  end if;
  if policy.source <> 'client' then
    raise exception 'the % version is read from the database, not reported', clean_component
      using errcode = '22023', hint = 'component_not_reportable';
  end if;
  if not (
    (policy.reports_as = 'service_role' and caller_role = 'service_role')
    or (policy.reports_as = 'account' and caller_role = 'authenticated' and caller is not null
        and caller = policy.reporter_user_id)) then
    raise exception 'only % itself reports its version', clean_component
      using errcode = '42501', hint = 'reporter_not_allowed';
  end if;
  if clean_version is null or clean_version !~ '^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$' then
    raise exception 'version must be 1 to 64 letters, digits, dots, dashes, underscores or plus signs'
      using errcode = '22023', hint = 'invalid_version';
  end if;
  if clean_instance !~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$' then
    raise exception 'instance must be 1 to 64 letters, digits, dots, dashes, underscores or colons'
      using errcode = '22023', hint = 'invalid_instance';
  end if;
  -- The schema the database is expected to run is the one the console was built for: no other
  -- component chooses it (an operations app stating one would set the schema's expectation).
  if clean_schema_version is not null and clean_component <> 'console' then
    raise exception 'only the console states the schema version it expects'
      using errcode = '22023', hint = 'schema_version_console_only';
  end if;
  if clean_schema_version is not null and clean_schema_version !~ '^[0-9]{14}$' then
    raise exception 'schema_version must be a migration version (14 digits)'
      using errcode = '22023', hint = 'invalid_schema_version';
  end if;

  insert into public.client_version_reports as r
    (component, instance, version, schema_version, reported_by, reporter_role, first_reported_at, reported_at)
  values (clean_component, clean_instance, clean_version, clean_schema_version, caller, policy.reports_as, now(), now())
  on conflict (component, instance) do update
    set version = excluded.version,
        schema_version = excluded.schema_version,
        reported_by = excluded.reported_by,
        reporter_role = excluded.reporter_role,
        first_reported_at = case when r.version = excluded.version then r.first_reported_at else now() end,
        reported_at = now()
  returning * into report;

  -- At most 20 instances per component: the longest silent ones go.
  delete from public.client_version_reports r
  where r.component = clean_component
    and r.id in (
      select o.id from public.client_version_reports o
      where o.component = clean_component
      order by o.reported_at desc, o.id desc
      offset 20);

  return jsonb_build_object('component', report.component, 'instance', report.instance,
    'version', report.version, 'schema_version', report.schema_version, 'reported_at', report.reported_at);
end;
$$;

comment on function public.report_client_version(text, text, text, text) is
  'A client component reports the version one of its instances runs (and the console, the schema version it was built for); only the component''s own identity may (version_policies.reports_as).';

revoke all on function public.report_client_version(text, text, text, text) from public, anon;
grant execute on function public.report_client_version(text, text, text, text) to authenticated, service_role;

create or replace view public.v_component_versions
with (security_invoker = true)
as
with settings as (
  select version_report_stale_hours from public.governance_settings where id
),
applied as (
  select private.applied_schema_version() as version
),
reports as (
  select r.*, p.match_rule, p.expected_version,
    r.reported_at >= now() - make_interval(secs => s.version_report_stale_hours * 3600) as fresh,
    private.version_satisfies(r.version, p.expected_version, p.match_rule) as satisfies
  from public.client_version_reports r
  join public.version_policies p on p.component = r.component
  cross join settings s
),
-- Per component, the report shown: the lowest drifting version among fresh instances, else the
-- newest fresh report, else the newest report of all (then STALE).
shown as (
  select distinct on (r.component) r.component, r.version, r.reported_by, r.reporter_role, r.reported_at, r.fresh,
    r.satisfies
  from reports r
  order by r.component, (r.fresh and not r.satisfies) desc, r.fresh desc,
    case when r.fresh and not r.satisfies then private.version_parts(r.version) end asc,
    case when r.fresh and not r.satisfies then r.version end asc,
    r.reported_at desc, r.id desc
),
instances as (
  select r.component,
    jsonb_agg(jsonb_build_object('instance', r.instance, 'version', r.version, 'reported_at', r.reported_at,
      'satisfies', r.satisfies) order by r.instance) as instances,
    max(r.reported_at) as last_reported_at
  from reports r
  where r.fresh
  group by r.component
),
-- What the fresh console instances expect of the schema: the schema they were built for. Only the
-- console's: a report another component recorded before it was refused one sets nothing.
schema_expectations as (
  select r.component, r.instance, r.schema_version, r.reported_at, r.schema_version = a.version as satisfies
  from reports r
  cross join applied a
  where r.fresh and r.schema_version is not null and r.component = 'console'
),
-- The expectation shown: a drifting one first (the newest version), else the applied one.
schema_expected as (
  select e.schema_version
  from schema_expectations e
  order by e.satisfies asc, e.schema_version desc, e.reported_at desc
  limit 1
),
schema_instances as (
  select jsonb_agg(jsonb_build_object('instance', e.component || '/' || e.instance, 'version', e.schema_version,
      'reported_at', e.reported_at, 'satisfies', e.satisfies) order by e.component, e.instance) as instances,
    max(e.reported_at) as last_reported_at
  from schema_expectations e
),
components as (
  select p.component, p.source,
    case when p.source = 'database' and x.schema_version is not null then 'exact' else p.match_rule end as match_rule,
    case when p.source = 'database' then coalesce(x.schema_version, p.expected_version) else p.expected_version end
      as expected_version,
    p.description,
    case when p.source = 'database' then a.version else l.version end as running_version,
    case when p.source = 'database' then xi.last_reported_at else coalesce(i.last_reported_at, l.reported_at) end
      as last_reported_at,
    case when p.source = 'database' then null else l.reported_by end as reported_by,
    case when p.source = 'database' then null else l.reporter_role end as reporter_role,
    s.version_report_stale_hours,
    l.fresh, l.satisfies,
    case when p.source = 'database' then coalesce(xi.instances, '[]'::jsonb) else coalesce(i.instances, '[]'::jsonb) end
      as instances
  from public.version_policies p
  left join shown l on l.component = p.component
  left join instances i on i.component = p.component
  left join schema_expected x on p.source = 'database'
  cross join schema_instances xi
  cross join settings s
  cross join applied a
)
select c.component, c.source, c.match_rule, c.expected_version, c.running_version, c.last_reported_at,
  c.reported_by, pr.nom_complet as reported_by_name, c.reporter_role, c.version_report_stale_hours,
  case
    when c.running_version is null then 'UNKNOWN'
    when c.source = 'database' then
      case when private.version_satisfies(c.running_version, c.expected_version, c.match_rule) then 'OK' else 'DRIFT' end
    when not c.fresh then 'STALE'
    when not c.satisfies then 'DRIFT'
    else 'OK'
  end as status,
  c.description,
  c.instances
from components c
left join public.profils pr on pr.user_id = c.reported_by
where current_user not in ('anon', 'authenticated')
  or (select private.is_governance_reader());

comment on view public.v_component_versions is
  'Per component: expected vs. running version (every instance heard from recently is judged), last report, status OK / DRIFT / STALE / UNKNOWN, the fresh instances. The schema is expected to be exactly what the fresh console instances were built for (client_version_reports.schema_version), else the policy''s floor.';
