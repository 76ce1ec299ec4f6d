-- Replaces: private.sync_alerts_from_checks() (20261125160000_sync_writes_only_changes.sql)
--
-- The sync proper no longer repeats what its only caller, public.sync_system_alerts(), does first:
-- the admin check and the sync's advisory lock. Only the table owner can run this function (no API
-- role may execute it), so the check in front of it is the one that counts. Same body otherwise.

CREATE OR REPLACE FUNCTION private.sync_alerts_from_checks()
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  started_at timestamptz := clock_timestamp();
  previous_run_at timestamptz;
  check_rows integer;
  opened integer;
  refreshed integer;
  cleared integer;
  result jsonb;
begin
  -- public.sync_system_alerts() has checked the caller and holds the sync's lock.
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
$function$;
