-- Replaces: public.sync_system_alerts() (20261125130200_extend_integrity_checks_and_sync.sql)
-- Silence is not health (issue 13, the watchdog): the sync records every run, and a run that fails
-- says so instead of vanishing with its rolled-back transaction.
--
-- 1. public.alert_sync_runs: one row per run (started, finished, ok or failed, the counts, the
--    duration, the SQLSTATE and the database's message when it failed, the admin who asked for
--    it). Pruned by the sync itself (governance_settings.sync_runs_retention_days and
--    sync_runs_kept_max), never the newest successful run. Governance readers read it; the error's
--    message and context are not granted to them (they can name internals and data): admins read
--    them through public.sync_health().
-- 2. public.sync_system_alerts() runs the work inside an exception block: an error in any check
--    (a family function raising, a bad cast…) rolls the work back to the block, the failure is
--    recorded in the outer transaction, which commits, and the function answers {ok: false, …}
--    instead of raising. What the block cannot catch (a statement timeout or cancel, a lost
--    connection) leaves no row: the runner records what it can (supabase/local/stack/sync.mjs), and
--    in every case the watchdog sees no new successful run — silence turns into SYNC_STALE.
-- 3. governance_settings.sync_interval_seconds: the schedule (the local stack's timer follows it;
--    pg_cron's schedule must match it). "Stale" = the last successful run is older than three
--    intervals (private.sync_status(), the one place that says so).
-- 4. public.sync_health(): what every governance page's banner and /api/ready need, in one small read.

alter table public.governance_settings
  add column sync_interval_seconds integer not null default 60
    constraint governance_settings_sync_interval_seconds_check check (sync_interval_seconds between 5 and 86400),
  add column sync_runs_retention_days integer not null default 30
    constraint governance_settings_sync_runs_retention_days_check check (sync_runs_retention_days between 1 and 366),
  add column sync_runs_kept_max integer not null default 50000
    constraint governance_settings_sync_runs_kept_max_check check (sync_runs_kept_max between 100 and 1000000);
comment on column public.governance_settings.sync_interval_seconds is 'How often the alert sync runs (the local stack''s timer follows it; a pg_cron schedule must match it). The checks are stale — banner, /api/ready 503, SYNC_STALE — when the last successful run is older than three intervals.';
comment on column public.governance_settings.sync_runs_retention_days is 'Runs of the sync older than this are deleted by the sync (alert_sync_runs); the newest successful run is always kept.';
comment on column public.governance_settings.sync_runs_kept_max is 'At most this many runs of the sync are kept (alert_sync_runs), whatever their age; the newest successful run is always kept.';

create table public.alert_sync_runs (
  id bigint generated always as identity primary key,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  ok boolean not null,
  checks integer,
  opened integer,
  refreshed integer,
  cleared integer,
  duration_ms integer not null check (duration_ms >= 0),
  error_code text,
  error_message text,
  error_context text,
  run_by uuid,
  constraint alert_sync_runs_outcome_check check (
    case when ok
      then error_code is null and error_message is null and checks is not null
      else error_code is not null and error_message is not null and checks is null
    end)
);
alter table public.alert_sync_runs enable row level security;
comment on table public.alert_sync_runs is 'Every run of public.sync_system_alerts(), ok or failed (written and pruned by the sync only).';
comment on column public.alert_sync_runs.started_at is 'The run''s transaction time: the time its alerts carry (alert_sync_state.last_run_at for a successful run).';
comment on column public.alert_sync_runs.duration_ms is 'From started_at to finished_at, waiting for a concurrent run included.';
comment on column public.alert_sync_runs.error_code is 'The SQLSTATE of the error that failed the run.';
comment on column public.alert_sync_runs.error_message is 'The database''s message for the error (internal: not granted to API users; admins read it through sync_health()).';
comment on column public.alert_sync_runs.error_context is 'Where the error was raised (the PL/pgSQL context; internal, like error_message).';
comment on column public.alert_sync_runs.run_by is 'The admin who ran the sync from the console; null for the scheduler.';
create index alert_sync_runs_started_at_idx on public.alert_sync_runs (started_at);
create index alert_sync_runs_last_ok_idx on public.alert_sync_runs (started_at desc) where ok;

revoke all on public.alert_sync_runs from anon, authenticated, service_role;
revoke all on sequence public.alert_sync_runs_id_seq from anon, authenticated, service_role;
-- IMPORTANT: column grants: error_message and error_context stay out of the API users' reach.
grant select (id, started_at, finished_at, ok, checks, opened, refreshed, cleared, duration_ms, error_code, run_by)
  on public.alert_sync_runs to authenticated;
grant select on public.alert_sync_runs to service_role;
-- Governance readers see the sync's history; nobody writes it but the sync.
create policy alert_sync_runs_select_governance on public.alert_sync_runs
  for select to authenticated using ((select private.is_governance_reader()));

comment on table public.alert_sync_state is 'When public.sync_system_alerts() last succeeded and its counts (a single row, written by the sync only); every run, failed ones included, is in alert_sync_runs.';

-- The last successful run known before this change counts as the first row, so an upgraded
-- database is not "never ran".
insert into public.alert_sync_runs (started_at, finished_at, ok, checks, opened, refreshed, cleared, duration_ms)
select s.last_run_at, s.last_run_at, true,
  coalesce((s.last_result ->> 'checks')::integer, 0), coalesce((s.last_result ->> 'opened')::integer, 0),
  coalesce((s.last_result ->> 'refreshed')::integer, 0), coalesce((s.last_result ->> 'cleared')::integer, 0),
  coalesce((s.last_result ->> 'duration_ms')::integer, 0)
from public.alert_sync_state s
where s.id and s.last_run_at is not null;

create function private.record_sync_run(
  started_at timestamptz, result jsonb, error_code text, error_message text, error_context text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  finished_at timestamptz := clock_timestamp();
  run_ok boolean := error_code is null;
  run_id bigint;
  retention_days integer;
  kept_max integer;
  last_ok_id bigint;
begin
  insert into public.alert_sync_runs as r
    (started_at, finished_at, ok, checks, opened, refreshed, cleared, duration_ms,
     error_code, error_message, error_context, run_by)
  values (
    started_at, finished_at, run_ok,
    case when run_ok then coalesce((result ->> 'checks')::integer, 0) end,
    case when run_ok then coalesce((result ->> 'opened')::integer, 0) end,
    case when run_ok then coalesce((result ->> 'refreshed')::integer, 0) end,
    case when run_ok then coalesce((result ->> 'cleared')::integer, 0) end,
    greatest(0, round(extract(epoch from finished_at - started_at) * 1000))::integer,
    error_code,
    case when not run_ok then left(coalesce(nullif(error_message, ''), '(no message)'), 2000) end,
    case when not run_ok then left(error_context, 4000) end,
    auth.uid())
  returning r.id into run_id;

  -- Bounded by the sync itself: by age, and by count (ids only grow, so the count bound needs no
  -- scan). The newest successful run stays: the watchdog measures silence from it.
  select g.sync_runs_retention_days, g.sync_runs_kept_max into retention_days, kept_max
  from public.governance_settings g where g.id;
  select r.id into last_ok_id from public.alert_sync_runs r where r.ok order by r.started_at desc limit 1;
  delete from public.alert_sync_runs r
  where (r.started_at < now() - make_interval(days => coalesce(retention_days, 30))
      or r.id <= run_id - coalesce(kept_max, 50000))
    and r.id is distinct from last_ok_id;

  if run_ok then
    return result || jsonb_build_object('ok', true, 'run_id', run_id);
  end if;
  return jsonb_build_object(
    'ok', false,
    'run_id', run_id,
    'ran_at', started_at,
    'duration_ms', greatest(0, round(extract(epoch from finished_at - started_at) * 1000)),
    'error_code', error_code,
    'error', left(error_message, 2000));
end;
$$;
comment on function private.record_sync_run(timestamptz, jsonb, text, text, text) is 'Records one run of the sync in alert_sync_runs (a failure when error_code is given) and prunes the old ones; returns the sync''s answer. Called by public.sync_system_alerts(), and by the local runner for a failure the sync could not record (a cancel, a timeout).';
revoke all on function private.record_sync_run(timestamptz, jsonb, text, text, text) from public, anon, authenticated, service_role;

create or replace function public.sync_system_alerts()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  run_started_at timestamptz := now();
  result jsonb;
  failed_code text;
  failed_message text;
  failed_context text;
begin
  -- A refused caller is not a run: nothing is recorded.
  if auth.uid() is not null and private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can run the alert sync'
      using errcode = '42501', hint = 'sync_requires_admin';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  begin
    perform private.take_policy_snapshot();
    result := private.sync_alerts_from_checks();
  exception when others then
    -- IMPORTANT: the block's work is rolled back; the failure row is written in the outer
    -- transaction, which commits. (A cancel or statement timeout is not caught: see the migration.)
    get stacked diagnostics failed_code = returned_sqlstate, failed_message = message_text,
      failed_context = pg_exception_context;
    return private.record_sync_run(run_started_at, null, failed_code, failed_message, failed_context);
  end;
  return private.record_sync_run(run_started_at, result, null, null, null);
end;
$$;
comment on function public.sync_system_alerts() is 'Snapshots the policy set, then opens, refreshes and clears alerts from v_integrity_checks, and records the run in alert_sync_runs; a run that fails is recorded and answered {ok: false, error_code, error} instead of raised; idempotent; admin or internal callers only.';

create function private.sync_status()
returns table (interval_seconds integer, stale_after_seconds integer, last_success_at timestamptz, is_stale boolean)
language sql
stable
rows 1
security definer
set search_path = ''
as $$
  -- The rule, in one place: stale = no successful run within three intervals (or none ever).
  select g.sync_interval_seconds, 3 * g.sync_interval_seconds, l.started_at,
    l.started_at is null or l.started_at < now() - make_interval(secs => 3 * g.sync_interval_seconds)
  from public.governance_settings g
  left join lateral (
    select r.started_at from public.alert_sync_runs r where r.ok order by r.started_at desc limit 1
  ) l on true
  where g.id;
$$;
comment on function private.sync_status() is 'The sync''s schedule and staleness: its interval, the age past which it is stale (three intervals), the last successful run, and whether it is stale now.';
-- Called only from security definer functions (the watchdog's family, sync_health()): no grant.
revoke all on function private.sync_status() from public, anon, authenticated, service_role;

create function public.sync_health()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  -- The database's own words for a failure are for admins (and the console's server, which only
  -- logs them): they can name tables, functions and data.
  sees_errors boolean;
  status record;
  last_run public.alert_sync_runs;
begin
  if auth.uid() is not null and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  sees_errors := auth.uid() is null or private.current_profile_role() = 'admin';
  select * into status from private.sync_status();
  select * into last_run from public.alert_sync_runs r order by r.started_at desc, r.id desc limit 1;
  return jsonb_build_object(
    'checked_at', now(),
    'interval_seconds', status.interval_seconds,
    'stale_after_seconds', status.stale_after_seconds,
    'last_success_at', status.last_success_at,
    'stale', coalesce(status.is_stale, true),
    'last_run', case when last_run.id is not null then jsonb_build_object(
      'started_at', last_run.started_at,
      'finished_at', last_run.finished_at,
      'ok', last_run.ok,
      'error_code', last_run.error_code,
      'error_message', case when sees_errors then last_run.error_message end) end);
end;
$$;
comment on function public.sync_health() is 'Whether the checks are running: the interval, the last successful run, whether it is stale (older than three intervals), and the last run (the error''s message for admins only); governance roles and the console''s server.';
revoke all on function public.sync_health() from public, anon;
grant execute on function public.sync_health() to authenticated, service_role;
