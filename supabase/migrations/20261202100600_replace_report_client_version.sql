-- Replaces: public.report_client_version(text, text) and public.v_component_versions
-- (20261125130000_create_version_tracking.sql); reshapes public.client_version_reports.
--
-- Only a component reports its own version, under its own identity. Any signed-in user with a
-- profile could report any component — the PCA (read-only) and even `lecture` opened a drift alert
-- for operations-app, and a second report of a good version hid a real drift. Now:
--   * version_policies.reports_as says who reports a component: `service_role` (the console, from
--     its own server with its server-only key) or `account` (a client app signing in as its own
--     dedicated account, version_policies.reporter_user_id — e.g. the operations app's service
--     account; the demo seed sets one). Anyone else is refused (42501 reporter_not_allowed);
--   * each running copy of a component is an instance (the console: its host name); a report
--     rewrites that instance's one row, so repeats never grow the table, and a component keeps at
--     most 20 instances (a new one replaces the longest silent);
--   * v_component_versions judges every instance heard from within version_report_stale_hours:
--     one drifting instance is DRIFT, whatever the others report — a report never hides drift that
--     another source shows. The drift's running_version is the lowest drifting version, so the
--     finding (and the ledger) moves only when the set of versions does.
-- Reports made before this change came from whoever was signed in and cannot be trusted: deleted.

alter table public.version_policies
  add column reports_as text not null default 'account' check (reports_as in ('service_role', 'account')),
  add column reporter_user_id uuid references auth.users (id) on delete set null;
update public.version_policies set reports_as = 'service_role' where component = 'console';

comment on column public.version_policies.reports_as is
  'Who reports a client component: service_role (the console''s own server) or account (reporter_user_id, the component''s own sign-in).';
comment on column public.version_policies.reporter_user_id is
  'For reports_as = account: the only user that may report this component (the app''s service account). Set per deployment.';

delete from public.client_version_reports;
alter table public.client_version_reports
  add column instance text not null default 'default' check (instance ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'),
  add column first_reported_at timestamptz not null default now(),
  alter column reported_by drop not null,
  add constraint client_version_reports_reporter_role_check check (reporter_role in ('service_role', 'account')),
  add constraint client_version_reports_instance_key unique (component, instance);

comment on table public.client_version_reports is
  'The version each running instance of a client component last reported (one row per instance, at most 20 per component).';
comment on column public.client_version_reports.reported_by is 'The reporting account; null when the console''s server reported.';
comment on column public.client_version_reports.first_reported_at is 'Since when this instance has reported this version.';

drop function public.report_client_version(text, text);

create function public.report_client_version(component text, version text, instance text default 'default')
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

  insert into public.client_version_reports as r
    (component, instance, version, reported_by, reporter_role, first_reported_at, reported_at)
  values (clean_component, clean_instance, clean_version, caller, policy.reports_as, now(), now())
  on conflict (component, instance) do update
    set version = excluded.version,
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
    'version', report.version, 'reported_at', report.reported_at);
end;
$$;

comment on function public.report_client_version(text, text, text) is
  'A client component reports the version one of its instances runs; only the component''s own identity may (version_policies.reports_as).';

revoke all on function public.report_client_version(text, text, text) from public, anon;
grant execute on function public.report_client_version(text, text, text) to authenticated, service_role;

create or replace view public.v_component_versions
with (security_invoker = true)
as
with settings as (
  select version_report_stale_hours from public.governance_settings where id
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
components as (
  select p.component, p.source, p.match_rule, p.expected_version, p.description,
    case when p.source = 'database' then private.applied_schema_version() else l.version end as running_version,
    case when p.source = 'database' then null else coalesce(i.last_reported_at, l.reported_at) end as last_reported_at,
    case when p.source = 'database' then null else l.reported_by end as reported_by,
    case when p.source = 'database' then null else l.reporter_role end as reporter_role,
    s.version_report_stale_hours,
    l.fresh, l.satisfies,
    coalesce(i.instances, '[]'::jsonb) as instances
  from public.version_policies p
  left join shown l on l.component = p.component
  left join instances i on i.component = p.component
  cross join settings s
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
  'Per component: expected vs. running version (every instance heard from recently is judged), last report, status OK / DRIFT / STALE / UNKNOWN, the fresh instances.';
