-- Replaces: private.sync_alerts_from_checks (20261202130000_replace_sync_alerts_from_checks.sql)
-- Issue 13, the steady-state sync at scale 100: the opening step's anti-join asked for "an alert of
-- this fingerprint that is active OR whose condition has not cleared". With the OR, PostgreSQL could
-- use neither partial index (system_alerts_active_fingerprint_key, system_alerts_uncleared_idx) and
-- read all 110,000 alerts (a sequential scan and a sort: 82 ms of a 545 ms run, 25,000 buffers, most
-- from disk on this machine). The same condition as two NOT EXISTS, one per index, reads only the
-- ~10,000 entries of each. Behaviour is unchanged (the sync's database tests hold).

create or replace function private.sync_alerts_from_checks()
returns jsonb
language plpgsql
security definer
set search_path = ''
set work_mem = '32MB'
as $$
declare
  started_at timestamptz := clock_timestamp();
  previous_run_at timestamptz;
  counts record;
  result jsonb;
begin
  -- public.sync_system_alerts() has checked the caller and holds the sync's lock.
  select s.last_run_at into previous_run_at from public.alert_sync_state s where s.id for update;

  with detected as materialized (
    select distinct on (fingerprint) *
    from (
      select c.check_code || ':' || c.entity_type || ':' || c.entity_id as fingerprint, c.*,
        private.severity_rank(c.severity) as rank
      from public.v_integrity_checks c
    ) checks
    order by fingerprint, rank desc
  ),
  -- Only what changed: the condition came back, or the severity worsened, or the message or the
  -- numbers differ. An unchanged alert is not written at all.
  refreshed_alerts as (
    update public.system_alerts a
    set last_seen_at = now(),
      cleared_at = null,
      severity = case when d.rank > a.severity_rank then d.severity else a.severity end,
      message = d.message,
      details = d.details
    from detected d
    where a.fingerprint = d.fingerprint
      and a.status in ('OPEN', 'ACK')
      and (a.cleared_at is not null
        or d.rank > a.severity_rank
        or a.message is distinct from d.message
        or a.details is distinct from d.details)
    returning 1
  ),
  -- Cleared: last seen by the previous run (or by its last change, if that is later).
  cleared_alerts as (
    update public.system_alerts a
    set cleared_at = now(),
      last_seen_at = greatest(a.last_seen_at, previous_run_at)
    where a.cleared_at is null
      and not exists (select 1 from detected d where d.fingerprint = a.fingerprint)
    returning 1
  ),
  opened_alerts as (
    insert into public.system_alerts
      (fingerprint, check_code, severity, entity_type, entity_id, message, details, first_seen_at, last_seen_at)
    select d.fingerprint, d.check_code, d.severity, d.entity_type, d.entity_id, d.message, d.details, now(), now()
    from detected d
    -- Two anti-joins, one per partial index (active alerts; alerts whose condition has not cleared):
    -- one condition with OR matched neither index, and read every alert there ever was.
    where not exists (
      select 1 from public.system_alerts a where a.fingerprint = d.fingerprint and a.status in ('OPEN', 'ACK')
    )
      and not exists (
        select 1 from public.system_alerts a where a.fingerprint = d.fingerprint and a.cleared_at is null
      )
    order by d.fingerprint
    on conflict (fingerprint) where status in ('OPEN', 'ACK') do nothing
    returning 1
  )
  select (select count(*) from detected) as checks,
    (select count(*) from opened_alerts) as opened,
    (select count(*) from refreshed_alerts) as refreshed,
    (select count(*) from cleared_alerts) as cleared
  into counts;

  result := jsonb_build_object(
    'checks', counts.checks,
    'opened', counts.opened,
    'refreshed', counts.refreshed,
    'cleared', counts.cleared,
    'ran_at', now(),
    'duration_ms', round(extract(epoch from clock_timestamp() - started_at) * 1000)
  );
  update public.alert_sync_state s set last_run_at = now(), last_result = result where s.id;
  return result;
end;
$$;
