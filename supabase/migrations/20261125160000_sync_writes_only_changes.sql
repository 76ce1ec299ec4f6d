-- Performance at depot scale (issue 7): the sync writes only what changed, the list sorts on what
-- does not move, the search reads one column, the integrity overview reads what the sync
-- materialised. Measured at scale 100 (100 k alerts, 10 k of them detected):
--   * the idempotent rerun took 1.1–1.4 s: it rewrote all 10 k active alerts every minute only to
--     move last_seen_at, and each rewrite re-indexed the row in 15 indexes, three of them trigram
--     GIN indexes (≈ 60 % of the time);
--   * opening 10 k alerts took 2.5 s: the same indexes, plus one ledger INSERT statement per alert;
--   * a search matching nothing walked the whole list index (≈ 200 ms): the planner does not combine
--     three trigram indexes under an `or` with an ORDER BY … LIMIT;
--   * the integrity page evaluated v_integrity_checks twice per view (≈ 200 ms each) and rendered
--     every one of the 10 k rows; governance_overview read every alert three times (≈ 90 ms).
--
-- 1. public.alert_sync_state (one row): when the sync last ran and what it did. An alert whose
--    condition is still detected (cleared_at is null) was seen by that run, so its last_seen_at no
--    longer needs rewriting every minute: the stored column now changes only when what is detected
--    changes (opened, came back, severity / message / numbers differ) or when it clears (then it
--    records the last run that still saw it). v_system_alerts shows the effective value:
--    the last run's time while the condition is detected, the stored one after it cleared.
-- 2. The "recent" and "severity" orders of the list use first_seen_at (newest first) instead of
--    last_seen_at: every detected alert shared the same last_seen_at (the last run), so that order
--    was in effect by random id. The list indexes follow; none of them holds last_seen_at any more.
-- 3. search_text (message, entity id, check code) with one trigram index, instead of three.
-- 4. Opened alerts are recorded in the ledger by one statement-level trigger (one INSERT for all
--    the alerts a sync opens) instead of one INSERT per alert; the seal is unchanged, so the chain,
--    the canonical form and every hash are the same. The unique index on `hash` goes: a hash covers
--    the row's own id, which is the primary key, and no reader looks events up by hash (prev_hash
--    stays unique: that is the guard against a fork).
-- 5. governance_overview's check × severity table counts the alerts the last sync left detected,
--    and gives that run's time; the overview no longer evaluates v_integrity_checks, and its other
--    figures read indexes (≈ 30 ms at scale 100).

-- 1. Sync state ------------------------------------------------------------------------------------
create table public.alert_sync_state (
  id boolean primary key default true check (id),
  last_run_at timestamptz,
  last_result jsonb
);
alter table public.alert_sync_state enable row level security;
comment on table public.alert_sync_state is
  'When public.sync_system_alerts() last ran and its counts (a single row, written by the sync only).';
insert into public.alert_sync_state (id) values (true);

revoke all on public.alert_sync_state from anon, authenticated, service_role;
grant select on public.alert_sync_state to authenticated, service_role;
create policy alert_sync_state_select_governance on public.alert_sync_state
  for select to authenticated using ((select private.is_governance_reader()));

comment on column public.system_alerts.last_seen_at is
  'The last sync that saw the condition, as of its last change: while cleared_at is null the condition is still detected and v_system_alerts shows the last run''s time; once cleared, the last run that still saw it.';

create or replace function private.sync_alerts_from_checks()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  started_at timestamptz := clock_timestamp();
  previous_run_at timestamptz;
  check_rows integer;
  opened integer;
  refreshed integer;
  cleared integer;
  result jsonb;
begin
  if auth.uid() is not null and private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can run the alert sync'
      using errcode = '42501', hint = 'sync_requires_admin';
  end if;

  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  select s.last_run_at into previous_run_at from public.alert_sync_state s where s.id for update;

  drop table if exists pg_temp.detected;
  create temporary table detected on commit drop as
  select distinct on (fingerprint) *
  from (
    select c.check_code || ':' || c.entity_type || ':' || c.entity_id as fingerprint, c.*
    from public.v_integrity_checks c
  ) checks
  order by fingerprint, private.severity_rank(severity) desc;
  create index on detected (fingerprint);
  analyze detected;
  select count(*) into check_rows from detected;

  -- Only what changed: the condition came back, or the severity worsened, or the message or the
  -- numbers differ. An unchanged alert is not written at all.
  with refreshed_alerts as (
    update public.system_alerts a
    set last_seen_at = now(),
      cleared_at = null,
      severity = case when private.severity_rank(d.severity) > private.severity_rank(a.severity)
        then d.severity else a.severity end,
      message = d.message,
      details = d.details
    from detected d
    where a.fingerprint = d.fingerprint
      and a.status in ('OPEN', 'ACK')
      and (a.cleared_at is not null
        or private.severity_rank(d.severity) > private.severity_rank(a.severity)
        or a.message is distinct from d.message
        or a.details is distinct from d.details)
    returning 1
  )
  select count(*) into refreshed from refreshed_alerts;

  -- Cleared: last seen by the previous run (or by its last change, if that is later).
  with cleared_alerts as (
    update public.system_alerts a
    set cleared_at = now(),
      last_seen_at = greatest(a.last_seen_at, previous_run_at)
    where a.cleared_at is null
      and not exists (select 1 from detected d where d.fingerprint = a.fingerprint)
    returning 1
  )
  select count(*) into cleared from cleared_alerts;

  with opened_alerts as (
    insert into public.system_alerts
      (fingerprint, check_code, severity, entity_type, entity_id, message, details, first_seen_at, last_seen_at)
    select d.fingerprint, d.check_code, d.severity, d.entity_type, d.entity_id, d.message, d.details, now(), now()
    from detected d
    where not exists (
      select 1 from public.system_alerts a
      where a.fingerprint = d.fingerprint
        and (a.status in ('OPEN', 'ACK') or a.cleared_at is null)
    )
    order by d.fingerprint
    on conflict (fingerprint) where status in ('OPEN', 'ACK') do nothing
    returning 1
  )
  select count(*) into opened from opened_alerts;

  result := jsonb_build_object(
    'checks', check_rows,
    'opened', opened,
    'refreshed', refreshed,
    'cleared', cleared,
    'ran_at', now(),
    'duration_ms', round(extract(epoch from clock_timestamp() - started_at) * 1000)
  );
  update public.alert_sync_state s set last_run_at = now(), last_result = result where s.id;
  return result;
end;
$$;

revoke all on function private.sync_alerts_from_checks() from public, anon, authenticated, service_role;
comment on function private.sync_alerts_from_checks() is
  'The alert sync proper (opens alerts, updates the ones whose detection changed, clears the others, records the run in alert_sync_state); called by public.sync_system_alerts().';

-- 2 and 3. The list's orders and search ------------------------------------------------------------
alter table public.system_alerts
  add column search_text text not null
    generated always as (message || E'\n' || entity_id || E'\n' || check_code) stored;
comment on column public.system_alerts.search_text is
  'What the list''s free-text search reads: message, entity id and check code, one per line (a search term never spans two).';

drop index public.system_alerts_message_trgm_idx;
drop index public.system_alerts_entity_id_trgm_idx;
drop index public.system_alerts_check_code_trgm_idx;
create index system_alerts_search_trgm_idx on public.system_alerts using gin (search_text extensions.gin_trgm_ops);

drop index public.system_alerts_status_last_seen_idx;
drop index public.system_alerts_last_seen_idx;
drop index public.system_alerts_check_code_idx;
drop index public.system_alerts_severity_idx;
drop index public.system_alerts_active_recent_idx;
-- Every order of the list, newest first or oldest first (a backward scan), id breaking ties:
-- system_alerts_first_seen_idx (first_seen_at, id) already serves "all".
create index system_alerts_active_first_seen_idx on public.system_alerts (first_seen_at desc, id desc)
  where status in ('OPEN', 'ACK');
create index system_alerts_status_first_seen_idx on public.system_alerts (status, first_seen_at desc, id desc);
create index system_alerts_check_code_idx on public.system_alerts (check_code, first_seen_at desc, id desc);
create index system_alerts_severity_idx on public.system_alerts (severity_rank desc, first_seen_at desc, id desc);
-- The integrity overview: what the last sync left detected, most severe first, and counted by
-- check and severity from the index alone; the mean time to acknowledge over its window.
create index system_alerts_detected_idx on public.system_alerts (severity_rank desc, first_seen_at desc, id desc)
  include (check_code, severity) where cleared_at is null;
create index system_alerts_acknowledged_at_idx on public.system_alerts (acknowledged_at)
  where acknowledged_at is not null;

create or replace view public.v_system_alerts
with (security_invoker = true)
as
select a.id, a.fingerprint, a.check_code, a.severity, a.severity_rank, a.entity_type, a.entity_id,
  a.message, a.details, a.status, a.first_seen_at,
  case when a.cleared_at is null
    then greatest(a.last_seen_at, (select s.last_run_at from public.alert_sync_state s where s.id))
    else a.last_seen_at end as last_seen_at,
  a.cleared_at,
  a.acknowledged_at, a.acknowledged_by, ack.nom_complet as acknowledged_by_name, a.ack_note,
  a.resolved_at, a.resolved_by, res.nom_complet as resolved_by_name, a.resolution_note,
  a.resolved_while_active, a.created_at, a.updated_at, a.search_text
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by;

comment on view public.v_system_alerts is
  'Alerts with the names of who acknowledged and resolved them; last_seen_at is the last sync''s time while the condition is detected.';

-- 4. Ledger: one statement records every opened alert ---------------------------------------------
drop trigger system_alerts_record_event on public.system_alerts;
create trigger system_alerts_record_event
  after update on public.system_alerts
  for each row execute function public.system_alerts_record_event();

-- security definer: users may not insert into the ledger (the seal refuses API roles); this
-- trigger, like record_alert_event, must. Same fields as the row trigger wrote for an INSERT, in
-- the order the alerts were inserted.
create function private.system_alerts_record_opened()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := auth.uid();
  actor_role text := case when actor is null then 'system'
    else coalesce((select p.role from public.profils p where p.user_id = actor), 'unknown') end;
begin
  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  select 0, o.id, 'opened', o.check_code, actor, actor_role, null, o.status, null, null, o.first_seen_at,
    jsonb_build_object('severity', o.severity, 'entity_type', o.entity_type, 'entity_id', o.entity_id,
      'message', o.message),
    repeat('0', 64), repeat('0', 64)
  from opened_alerts o
  order by o.first_seen_at, o.fingerprint;
  return null;
end;
$$;
revoke all on function private.system_alerts_record_opened() from public, anon, authenticated, service_role;

create trigger system_alerts_record_opened
  after insert on public.system_alerts
  referencing new table as opened_alerts
  for each statement execute function private.system_alerts_record_opened();

alter table public.system_alert_events drop constraint system_alert_events_hash_key;

-- 5. The overview reads the materialised detection -------------------------------------------------
create or replace function public.governance_overview(days integer default 30)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  since timestamptz;
  result jsonb;
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if days is null or days < 1 or days > 366 then
    raise exception 'days must be between 1 and 366' using errcode = '22023', hint = 'invalid_days';
  end if;
  since := date_trunc('day', now()) - make_interval(days => days - 1);

  select jsonb_build_object(
    'generated_at', now(),
    'last_sync_at', (select s.last_run_at from public.alert_sync_state s where s.id),
    'days', days,
    'active_by_severity', (
      select jsonb_build_object(
        'CRITICAL', count(*) filter (where severity = 'CRITICAL'),
        'WARN', count(*) filter (where severity = 'WARN'),
        'INFO', count(*) filter (where severity = 'INFO'))
      from public.system_alerts where status in ('OPEN', 'ACK')),
    'by_status', (
      -- Grouped first: counted from the (status, …) index, not by reading every row.
      select jsonb_build_object(
        'OPEN', coalesce(sum(n) filter (where status = 'OPEN'), 0),
        'ACK', coalesce(sum(n) filter (where status = 'ACK'), 0),
        'RESOLVED', coalesce(sum(n) filter (where status = 'RESOLVED'), 0))
      from (select status, count(*) as n from public.system_alerts group by status) s),
    'checks', coalesce((
      select jsonb_agg(jsonb_build_object('check_code', check_code, 'severity', severity, 'count', n)
        order by check_code, severity)
      from (
        select check_code, severity, count(*) as n
        from public.system_alerts where cleared_at is null group by check_code, severity
      ) c), '[]'::jsonb),
    'mean_seconds_to_ack', (
      select round(avg(extract(epoch from acknowledged_at - first_seen_at)))
      from public.system_alerts where acknowledged_at >= since),
    'mean_seconds_to_resolve', (
      select round(avg(extract(epoch from resolved_at - first_seen_at)))
      from public.system_alerts where resolved_at >= since),
    'trend', (
      select jsonb_agg(jsonb_build_object('day', d.day::date, 'opened', coalesce(o.n, 0), 'resolved', coalesce(r.n, 0))
        order by d.day)
      from generate_series(since, date_trunc('day', now()), interval '1 day') as d (day)
      left join (
        select date_trunc('day', first_seen_at) as day, count(*) as n
        from public.system_alerts where first_seen_at >= since group by 1
      ) o on o.day = d.day
      left join (
        select date_trunc('day', resolved_at) as day, count(*) as n
        from public.system_alerts where resolved_at >= since group by 1
      ) r on r.day = d.day)
  ) into result;
  return result;
end;
$$;

comment on function public.governance_overview(integer) is
  'Figures of the integrity overview over the last `days` days (1–366), and the anomalies the last sync left detected by check and severity; governance roles only.';

-- 6. The audit page's actor filter: the people who appear in the ledger, in one query (it made one
--    request per profile). security_invoker: the caller's RLS on profils and the ledger applies.
create view public.v_ledger_actors
with (security_invoker = true)
as
select p.user_id, p.nom_complet, p.role
from public.profils p
where exists (select 1 from public.system_alert_events e where e.actor_id = p.user_id);

comment on view public.v_ledger_actors is 'Profiles that appear as actors in the alert ledger (the audit page''s actor filter).';
revoke all on public.v_ledger_actors from anon, authenticated;
grant select on public.v_ledger_actors to authenticated;
