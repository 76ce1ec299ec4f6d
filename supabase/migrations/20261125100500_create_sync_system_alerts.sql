-- public.sync_system_alerts(): turns the rows of v_integrity_checks into alerts.
--   * a check row with no active alert for its fingerprint opens one;
--   * an active alert still detected gets last_seen_at, the current message and numbers, a worsened
--     severity (never a milder one), and loses cleared_at if the condition had cleared and came back;
--   * an active alert no longer detected gets cleared_at;
--   * a RESOLVED alert is never reopened. A recurrence opens a new alert — "recurrence" meaning the
--     condition came back after it had cleared: an alert resolved while still detected ("resolve
--     anyway") keeps cleared_at empty until the condition clears, and until then it does not spawn
--     a fresh alert every sync.
-- Idempotent: a second run with unchanged data opens and clears nothing. Concurrent runs are
-- serialised by an advisory lock. Returns the counts as JSON.
--
-- security definer: it writes alerts, which users cannot insert; it runs on the stack's timer (or
-- pg_cron) and on demand for an admin. Other signed-in users are refused; anon cannot execute it.

create function private.severity_rank(severity text)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case severity when 'CRITICAL' then 3 when 'WARN' then 2 when 'INFO' then 1 else 0 end
$$;
revoke all on function private.severity_rank(text) from public, anon;
grant execute on function private.severity_rank(text) to authenticated, service_role;

create function public.sync_system_alerts()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  started_at timestamptz := clock_timestamp();
  check_rows integer;
  opened integer;
  refreshed integer;
  cleared integer;
begin
  if auth.uid() is not null and private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can run the alert sync'
      using errcode = '42501', hint = 'sync_requires_admin';
  end if;

  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));

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
    returning 1
  )
  select count(*) into refreshed from refreshed_alerts;

  with cleared_alerts as (
    update public.system_alerts a
    set cleared_at = now()
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
    on conflict (fingerprint) where status in ('OPEN', 'ACK') do nothing
    returning 1
  )
  select count(*) into opened from opened_alerts;

  return jsonb_build_object(
    'checks', check_rows,
    'opened', opened,
    'refreshed', refreshed,
    'cleared', cleared,
    'ran_at', now(),
    'duration_ms', round(extract(epoch from clock_timestamp() - started_at) * 1000)
  );
end;
$$;

comment on function public.sync_system_alerts() is
  'Opens, refreshes and clears alerts from v_integrity_checks; idempotent; admin or internal callers only.';

revoke all on function public.sync_system_alerts() from public, anon;
grant execute on function public.sync_system_alerts() to authenticated, service_role;
