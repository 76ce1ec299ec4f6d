-- Versions and drift (DESIGN §2.5). One of the deployment incidents behind this product was a
-- frontend running one version against infrastructure of another; the database now states what each
-- component is expected to run and what it last reported, so drift becomes a check and an alert.
--   * public.version_policies: the expected (exact) or minimum version per component — `console`,
--     `schema` (read from supabase_migrations.schema_migrations, never reported), `operations-app`;
--   * public.client_version_reports: what client apps report through report_client_version();
--   * public.v_component_versions: per component, expected vs. running, last report, and a status
--     OK / DRIFT / STALE (no report for longer than governance_settings.version_report_stale_hours)
--     / UNKNOWN (never reported);
--   * the current calculation version lives in governance_settings; v_calc_version_coverage and
--     v_calc_version_overrides show how much recent data carries it, and which rows do not.
-- Governance roles read all of it; nobody writes it through the API except report_client_version().

-- Settings ---------------------------------------------------------------------------------------
alter table public.governance_settings
  add column version_report_stale_hours numeric(6, 2) not null default 24
    check (version_report_stale_hours > 0),
  add column current_calc_version text not null default 'calc-2.3.0'
    check (current_calc_version ~ '^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$'),
  add column calc_coverage_days integer not null default 30
    check (calc_coverage_days between 1 and 366);

comment on column public.governance_settings.version_report_stale_hours is
  'A component whose last version report is older than this is STALE.';
comment on column public.governance_settings.current_calc_version is
  'The calculation version receipts and outflows are expected to carry; any other is an override (CALC_VERSION_OVERRIDE).';
comment on column public.governance_settings.calc_coverage_days is
  'The window of "recent" receipts and outflows for stamp coverage and CALC_VERSION_OVERRIDE.';

-- Version comparison -----------------------------------------------------------------------------
-- The numeric parts of a version ('calc-2.3.0' → {2,3,0}, '20261125130000' → {20261125130000});
-- a pre-release or build suffix is ignored. Arrays compare part by part, so {2,10} > {2,9}.
create function private.version_parts(version text)
returns numeric[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select array(
    select part::numeric
    from regexp_split_to_table(substring(version from '[0-9]+(?:\.[0-9]+)*'), '\.') with ordinality as t (part, n)
    order by n)
$$;

-- Whether `running` satisfies the policy: the same text for 'exact', at least `expected` for 'minimum'.
create function private.version_satisfies(running text, expected text, match_rule text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when running is null then null
    when match_rule = 'exact' then running = expected
    else cardinality(private.version_parts(running)) > 0
      and private.version_parts(running) >= private.version_parts(expected)
  end
$$;

revoke all on function private.version_parts(text), private.version_satisfies(text, text, text) from public, anon;
grant execute on function private.version_parts(text), private.version_satisfies(text, text, text) to authenticated, service_role;

-- The applied schema version ---------------------------------------------------------------------
-- security definer: supabase_migrations is not exposed and no API role may read it; this returns
-- only the newest version recorded there (null when the history is missing).
create function private.applied_schema_version()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select max(m.version) from supabase_migrations.schema_migrations m
$$;

revoke all on function private.applied_schema_version() from public, anon;
grant execute on function private.applied_schema_version() to authenticated, service_role;

-- The applied schema as the versions page shows it: the newest migration, its name, how many are
-- applied. security definer for the same reason; governance roles only (anon cannot execute it).
create function public.applied_schema_version()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if auth.uid() is not null and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  return (
    select jsonb_build_object('version', m.version, 'name', m.name,
      'applied_count', (select count(*) from supabase_migrations.schema_migrations))
    from supabase_migrations.schema_migrations m
    order by m.version desc
    limit 1);
end;
$$;

comment on function public.applied_schema_version() is
  'The newest migration recorded in supabase_migrations.schema_migrations (version, name, applied_count); governance roles only.';

revoke all on function public.applied_schema_version() from public, anon;
grant execute on function public.applied_schema_version() to authenticated, service_role;

-- Version policy ---------------------------------------------------------------------------------
create table public.version_policies (
  component text primary key check (component ~ '^[a-z][a-z0-9-]{1,62}$'),
  source text not null check (source in ('database', 'client')),
  match_rule text not null check (match_rule in ('exact', 'minimum')),
  expected_version text not null check (expected_version ~ '^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$'),
  description text not null check (char_length(description) between 1 and 500),
  updated_at timestamptz not null default now()
);
alter table public.version_policies enable row level security;

comment on table public.version_policies is
  'Expected (exact) or minimum version per component; changed by migration, read by governance roles.';
comment on column public.version_policies.source is
  'database: the running version is read from the database itself (the schema); client: it is reported through report_client_version().';

insert into public.version_policies (component, source, match_rule, expected_version, description) values
  ('console', 'client', 'minimum', '0.1.0', 'Console de gouvernance (cette application)'),
  ('schema', 'database', 'minimum', '20261125130000', 'Schéma de la base (dernière migration appliquée)'),
  ('operations-app', 'client', 'minimum', '2.3.0', 'Application des opérations du dépôt');

revoke all on public.version_policies from anon, authenticated;
grant select on public.version_policies to authenticated;

-- Governance roles review what each component is expected to run.
create policy version_policies_select_governance on public.version_policies
  for select to authenticated using ((select private.is_governance_reader()));

-- Client reports ---------------------------------------------------------------------------------
create table public.client_version_reports (
  id bigint generated always as identity primary key,
  component text not null references public.version_policies (component),
  version text not null check (version ~ '^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$'),
  reported_by uuid not null references auth.users (id),
  reporter_role text not null,
  reported_at timestamptz not null default now()
);
alter table public.client_version_reports enable row level security;

comment on table public.client_version_reports is
  'Versions reported by client apps through report_client_version(); reporter and time stamped by the database.';

create index client_version_reports_latest_idx on public.client_version_reports (component, reported_at desc, id desc);
create index client_version_reports_reported_by_idx on public.client_version_reports (reported_by);

revoke all on public.client_version_reports from anon, authenticated;
grant select on public.client_version_reports to authenticated;
revoke all on sequence public.client_version_reports_id_seq from anon, authenticated;

-- Governance roles review who reported which version.
create policy client_version_reports_select_governance on public.client_version_reports
  for select to authenticated using ((select private.is_governance_reader()));

-- A client app reports the version it runs. Any signed-in user with a profile may report (the
-- operations app runs as operateurs); the database stamps who and when, and validates the input.
-- security definer: users have no insert grant on client_version_reports; this is the only way in.
create function public.report_client_version(component text, version text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  actor uuid := auth.uid();
  actor_role text := private.current_profile_role();
  clean_component text := lower(btrim(component));
  clean_version text := btrim(version);
  policy_source text;
  report public.client_version_reports;
begin
  if actor is null or actor_role is null then
    raise exception 'a version report needs a signed-in user with a profile'
      using errcode = '42501', hint = 'actor_required';
  end if;
  select p.source into policy_source from public.version_policies p where p.component = clean_component;
  if policy_source is null then
    raise exception 'unknown component' using errcode = '22023', hint = 'unknown_component';
  end if;
  if policy_source <> 'client' then
    raise exception 'the % version is read from the database, not reported', clean_component
      using errcode = '22023', hint = 'component_not_reportable';
  end if;
  if clean_version is null or clean_version !~ '^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$' then
    raise exception 'version must be 1 to 64 letters, digits, dots, dashes, underscores or plus signs'
      using errcode = '22023', hint = 'invalid_version';
  end if;

  -- The same reporter repeating the same version within the hour refreshes its latest report
  -- instead of adding a row: a client may report on every start without growing the table.
  update public.client_version_reports r
  set reported_at = now()
  where r.id = (
      select l.id from public.client_version_reports l
      where l.component = clean_component and l.reported_by = actor
      order by l.reported_at desc, l.id desc limit 1)
    and r.version = clean_version
    and r.reported_at > now() - interval '1 hour'
  returning * into report;
  if report.id is null then
    insert into public.client_version_reports (component, version, reported_by, reporter_role)
    values (clean_component, clean_version, actor, actor_role)
    returning * into report;
  end if;

  return jsonb_build_object('component', report.component, 'version', report.version,
    'reported_at', report.reported_at);
end;
$$;

comment on function public.report_client_version(text, text) is
  'A client app reports the version it runs; the database validates it and stamps the reporter and time.';

revoke all on function public.report_client_version(text, text) from public, anon;
grant execute on function public.report_client_version(text, text) to authenticated, service_role;

-- Components: expected vs. running -----------------------------------------------------------------
create view public.v_component_versions
with (security_invoker = true)
as
with settings as (
  select version_report_stale_hours from public.governance_settings where id
),
latest as (
  select distinct on (r.component) r.component, r.version, r.reported_by, r.reporter_role, r.reported_at
  from public.client_version_reports r
  order by r.component, r.reported_at desc, r.id desc
),
components as (
  select p.component, p.source, p.match_rule, p.expected_version, p.description,
    case when p.source = 'database' then private.applied_schema_version() else l.version end as running_version,
    case when p.source = 'database' then null else l.reported_at end as last_reported_at,
    case when p.source = 'database' then null else l.reported_by end as reported_by,
    case when p.source = 'database' then null else l.reporter_role end as reporter_role,
    s.version_report_stale_hours
  from public.version_policies p
  left join latest l on l.component = p.component
  cross join settings s
)
select c.component, c.source, c.match_rule, c.expected_version, c.running_version, c.last_reported_at,
  c.reported_by, pr.nom_complet as reported_by_name, c.reporter_role, c.version_report_stale_hours,
  case
    when c.running_version is null then 'UNKNOWN'
    when c.source = 'client'
      and c.last_reported_at < now() - make_interval(secs => c.version_report_stale_hours * 3600) then 'STALE'
    when not private.version_satisfies(c.running_version, c.expected_version, c.match_rule) then 'DRIFT'
    else 'OK'
  end as status,
  c.description
from components c
left join public.profils pr on pr.user_id = c.reported_by
where current_user not in ('anon', 'authenticated')
  or (select private.is_governance_reader());

comment on view public.v_component_versions is
  'Per component: expected vs. running version, last report, status OK / DRIFT / STALE / UNKNOWN.';

revoke all on public.v_component_versions from anon, authenticated;
grant select on public.v_component_versions to authenticated;

-- Calculation version stamps -----------------------------------------------------------------------
-- Recent receipts and outflows (the last calc_coverage_days days) with their calc_version.
create view public.v_calc_version_overrides
with (security_invoker = true)
as
with settings as (
  select current_calc_version, calc_coverage_days from public.governance_settings where id
),
movements as (
  select 'reception'::text as entity_type, r.id, r.date_reception as moved_at, c.code as citerne, r.calc_version
  from public.receptions r join public.citernes c on c.id = r.citerne_id
  union all
  select 'sortie_produit', o.id, o.date_sortie, c.code, o.calc_version
  from public.sorties_produit o join public.citernes c on c.id = o.citerne_id
)
select m.entity_type, m.id, m.moved_at, m.citerne, m.calc_version, s.current_calc_version
from movements m
cross join settings s
where m.moved_at >= now() - make_interval(days => s.calc_coverage_days)
  and m.calc_version is distinct from s.current_calc_version
  and (current_user not in ('anon', 'authenticated') or (select private.is_governance_reader()));

comment on view public.v_calc_version_overrides is
  'Recent receipts and outflows whose calc_version is not the current one ("overrides").';

revoke all on public.v_calc_version_overrides from anon, authenticated;
grant select on public.v_calc_version_overrides to authenticated;

-- Per kind (reception, sortie_produit): how many recent rows carry the current calc_version.
create view public.v_calc_version_coverage
with (security_invoker = true)
as
with settings as (
  select current_calc_version, calc_coverage_days from public.governance_settings where id
),
movements as (
  select 'reception'::text as entity_type, r.date_reception as moved_at, r.calc_version from public.receptions r
  union all
  select 'sortie_produit', o.date_sortie, o.calc_version from public.sorties_produit o
),
kinds (entity_type) as (values ('reception'), ('sortie_produit'))
select k.entity_type, s.current_calc_version, s.calc_coverage_days,
  count(m.*)::integer as total,
  (count(m.*) filter (where m.calc_version = s.current_calc_version))::integer as current_count,
  (count(m.*) filter (where m.calc_version is distinct from s.current_calc_version))::integer as override_count,
  case when count(m.*) = 0 then null
    else round(100.0 * count(m.*) filter (where m.calc_version = s.current_calc_version) / count(m.*), 2)
  end as coverage_pct,
  coalesce((
    select jsonb_object_agg(v.calc_version, v.n)
    from (
      select m2.calc_version, count(*) as n from movements m2
      where m2.entity_type = k.entity_type and m2.moved_at >= now() - make_interval(days => s.calc_coverage_days)
      group by m2.calc_version
    ) v), '{}'::jsonb) as versions
from kinds k
cross join settings s
left join movements m on m.entity_type = k.entity_type
  and m.moved_at >= now() - make_interval(days => s.calc_coverage_days)
where current_user not in ('anon', 'authenticated') or (select private.is_governance_reader())
group by k.entity_type, s.current_calc_version, s.calc_coverage_days;

comment on view public.v_calc_version_coverage is
  'Stamp coverage: per kind, recent rows carrying the current calc_version, the others, and the count per version.';

revoke all on public.v_calc_version_coverage from anon, authenticated;
grant select on public.v_calc_version_coverage to authenticated;
