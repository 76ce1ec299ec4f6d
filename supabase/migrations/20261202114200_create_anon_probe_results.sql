-- The anon probe on the sync's schedule (DESIGN §2.6), recorded so a leak becomes SEC_ANON_PROBE_ROWS.
--
-- The probe must read as the real `anon` role, through the real API: a security-definer function
-- cannot SET ROLE, and a superuser "as if anon" misses what PostgREST adds (the exposed schemas,
-- the pre-request hook, the JWT claims RLS policies read). So a runner outside the database — the
-- local stack's sync timer (supabase/local/stack/sync.mjs), in production the scheduled
-- `npm run security:probe` next to pg_cron's sync (README) — asks PostgREST for every exposed
-- relation with the anon key alone (lib/security/anon-probe.ts), then hands the answers to
-- public.record_anon_probe() with the service-role key. The probe's reads hold anon's rights and
-- nothing more; the recording path does one thing.
--
-- What a report may say is checked against the catalogue, so no caller can invent or bury a leak
-- by naming things: every relation must be one PostgREST exposes now; a relation said to return
-- rows must be one anon holds SELECT on (otherwise the report is refused as inconsistent); counts,
-- statuses and sizes are bounded. A refused report writes nothing. The table holds one row per
-- exposed relation (rows of relations no longer exposed are deleted): it cannot grow at will.

create table private.anon_probe_results (
  relation_schema text not null,
  relation_name text not null,
  relation_kind text not null,
  outcome text check (outcome in ('empty', 'refused', 'rows')),
  row_count bigint not null default 0 check (row_count >= 0),
  http_status integer check (http_status between 0 and 599),
  concluded_at timestamptz,
  probed_at timestamptz not null,
  last_error_status integer check (last_error_status between 0 and 599),
  primary key (relation_schema, relation_name),
  check ((outcome = 'rows') = (row_count > 0)),
  check ((outcome is null) = (concluded_at is null))
);
alter table private.anon_probe_results enable row level security;
revoke all on private.anon_probe_results from public, anon, authenticated, service_role;

comment on table private.anon_probe_results is
  'The scheduled anon probe''s last answer per exposed relation; `rows` is a leak (SEC_ANON_PROBE_ROWS).';
comment on column private.anon_probe_results.outcome is
  'The last conclusive answer: empty ([]), refused (401/403/42501) or rows; null until one. A failed probe keeps the previous one.';
comment on column private.anon_probe_results.last_error_status is
  'The HTTP status of the last probe of this relation when it failed (0: no answer); null when it concluded.';

create function public.record_anon_probe(results jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  max_results constant integer := 2000;
  report_count integer;
  exposed_count integer;
  unknown text;
  inconsistent text;
  recorded integer;
  removed integer;
begin
  perform private.require_service_role();
  if results is null or jsonb_typeof(results) <> 'array' or octet_length(results::text) > 512 * 1024 then
    raise exception 'a probe report is a JSON array of at most 512 kB' using errcode = '22023', hint = 'invalid_probe_report';
  end if;
  report_count := jsonb_array_length(results);
  if report_count > max_results then
    raise exception 'a probe report lists at most % relations', max_results using errcode = '22023', hint = 'invalid_probe_report';
  end if;

  drop table if exists pg_temp.probe_report, pg_temp.probe_exposed;
  create temporary table probe_report on commit drop as
  select r.value ->> 'schema' as relation_schema, r.value ->> 'name' as relation_name, r.value ->> 'outcome' as outcome,
    case when jsonb_typeof(r.value -> 'row_count') = 'number' then (r.value ->> 'row_count')::numeric end as row_count,
    case when jsonb_typeof(r.value -> 'status') = 'number' then (r.value ->> 'status')::numeric end as http_status,
    jsonb_typeof(r.value) as shape
  from jsonb_array_elements(results) r;

  if exists (
    select from pg_temp.probe_report p
    where p.shape <> 'object'
      or p.outcome is null or p.outcome not in ('empty', 'refused', 'rows', 'error')
      or p.row_count is null or p.row_count <> trunc(p.row_count) or p.row_count not between 0 and 9223372036854775807
      or (p.outcome = 'rows') <> (p.row_count > 0)
      or p.http_status is null or p.http_status <> trunc(p.http_status) or p.http_status not between 0 and 599) then
    raise exception 'each result is {schema, name, outcome (empty|refused|rows|error), row_count (a whole number, above 0 exactly for rows), status (0–599)}'
      using errcode = '22023', hint = 'invalid_probe_report';
  end if;
  if exists (select from pg_temp.probe_report p group by p.relation_schema, p.relation_name having count(*) > 1) then
    raise exception 'a relation appears twice in the probe report' using errcode = '22023', hint = 'invalid_probe_report';
  end if;

  create temporary table probe_exposed on commit drop as
  select e.schema_name, e.name, e.kind, c.oid as relation_oid
  from public.exposed_relations() e
  join pg_catalog.pg_namespace n on n.nspname = e.schema_name
  join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = e.name;

  select format('%s.%s', p.relation_schema, p.relation_name) into unknown
  from pg_temp.probe_report p
  where not exists (select from pg_temp.probe_exposed e where e.schema_name = p.relation_schema and e.name = p.relation_name)
  limit 1;
  if found then
    raise exception 'not a relation the API exposes: %', left(unknown, 200) using errcode = '22023', hint = 'unknown_relation';
  end if;

  -- Rows cannot come back from a relation anon may not read at all.
  select format('%s.%s', p.relation_schema, p.relation_name) into inconsistent
  from pg_temp.probe_report p
  join pg_temp.probe_exposed e on e.schema_name = p.relation_schema and e.name = p.relation_name
  where p.outcome = 'rows' and not pg_catalog.has_any_column_privilege('anon', e.relation_oid, 'SELECT')
  limit 1;
  if found then
    raise exception 'anon holds no SELECT on %: it cannot have read rows from it', inconsistent
      using errcode = '22023', hint = 'inconsistent_probe_report';
  end if;

  insert into private.anon_probe_results as a
    (relation_schema, relation_name, relation_kind, outcome, row_count, http_status, concluded_at, probed_at, last_error_status)
  select p.relation_schema, p.relation_name, e.kind,
    nullif(p.outcome, 'error'),
    case when p.outcome = 'error' then 0 else p.row_count::bigint end,
    case when p.outcome = 'error' then null else p.http_status::integer end,
    case when p.outcome = 'error' then null else now() end,
    now(),
    case when p.outcome = 'error' then p.http_status::integer end
  from pg_temp.probe_report p
  join pg_temp.probe_exposed e on e.schema_name = p.relation_schema and e.name = p.relation_name
  on conflict (relation_schema, relation_name) do update
    set relation_kind = excluded.relation_kind,
        probed_at = excluded.probed_at,
        last_error_status = excluded.last_error_status,
        -- A failed probe says nothing: the last conclusive answer stays.
        outcome = coalesce(excluded.outcome, a.outcome),
        row_count = case when excluded.outcome is null then a.row_count else excluded.row_count end,
        http_status = coalesce(excluded.http_status, a.http_status),
        concluded_at = coalesce(excluded.concluded_at, a.concluded_at);
  get diagnostics recorded = row_count;

  delete from private.anon_probe_results a
  where not exists (select from pg_temp.probe_exposed e where e.schema_name = a.relation_schema and e.name = a.relation_name);
  get diagnostics removed = row_count;

  select count(*) into exposed_count from pg_temp.probe_exposed;
  return jsonb_build_object('recorded', recorded, 'removed', removed, 'exposed', exposed_count,
    'leaks', (select count(*) from private.anon_probe_results a where a.outcome = 'rows'));
end;
$$;

comment on function public.record_anon_probe(jsonb) is
  'Records the scheduled anon probe''s answers ([{schema, name, outcome, row_count, status}]), checked against the exposed relations and anon''s grants; the probe runner (service role) only.';
revoke all on function public.record_anon_probe(jsonb) from public, anon, authenticated;
grant execute on function public.record_anon_probe(jsonb) to service_role;
