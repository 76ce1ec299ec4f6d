-- Replaces: public.governance_overview (20261203140000_add_resolution_countersign.sql), public.alert_deadline_compliance (20261202170000_create_deadline_views.sql), public.alert_resolution_reasons (20261203080000_add_resolution_reasons.sql)
-- Depot scope (issue 16): the integrity overview filters by depot, as the list and the review do.
-- governance_overview, alert_deadline_compliance and alert_resolution_reasons gain p_depot (a
-- depot's code; null: every depot the caller sees). The code is read as the caller (these are
-- invoker functions): another depot's code is as unknown as a made-up one (depot_not_found).
-- Every read of the alerts goes through the same scoped subquery, which the planner pulls up: the
-- plans are the old ones with one more condition.

drop function public.governance_overview(days integer);
CREATE FUNCTION public.governance_overview(days integer DEFAULT 30, p_depot text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  depot uuid;
  since timestamptz;
  result jsonb;
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if p_depot is not null then
    select d.id into depot from public.depots d where d.code = p_depot;
    if depot is null then
      raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
    end if;
  end if;
  if days is null or days < 1 or days > 366 then
    raise exception 'days must be between 1 and 366' using errcode = '22023', hint = 'invalid_days';
  end if;
  since := date_trunc('day', now()) - make_interval(days => days - 1);

  select jsonb_build_object(
    'generated_at', now(),
    'last_sync_at', (select s.last_run_at from public.alert_sync_state s where s.id),
    'days', days,
    -- Silenced alerts are counted apart (a maintenance window's expected findings).
    'active_by_severity', (
      select jsonb_build_object(
        'CRITICAL', count(*) filter (where severity = 'CRITICAL'),
        'WARN', count(*) filter (where severity = 'WARN'),
        'INFO', count(*) filter (where severity = 'INFO'))
      from (select * from public.system_alerts x where depot is null or x.depot_id = depot) a
      where a.status in ('OPEN', 'ACK') and (a.silence_id is null or not private.is_silenced(a.silence_id))),
    'silenced_active', (
      select count(*) from (select * from public.system_alerts x where depot is null or x.depot_id = depot) a
      where a.silence_id is not null and a.status in ('OPEN', 'ACK') and private.is_silenced(a.silence_id)),
    -- Four-eyes: resolutions waiting for a second directeur (still active, counted above too).
    'awaiting_countersign', (
      select count(*) from (select * from public.system_alerts x where depot is null or x.depot_id = depot) a
      where a.resolution_requested_at is not null and a.status <> 'RESOLVED'),
    'silences_running', (
      select count(*) from public.alert_silences s
      where s.ended_at is null and s.starts_at <= now() and s.ends_at > now() and (depot is null or s.depot_id = depot)),
    'by_status', (
      -- Grouped first: counted from the (status, …) index, not by reading every row.
      select jsonb_build_object(
        'OPEN', coalesce(sum(n) filter (where status = 'OPEN'), 0),
        'ACK', coalesce(sum(n) filter (where status = 'ACK'), 0),
        'RESOLVED', coalesce(sum(n) filter (where status = 'RESOLVED'), 0))
      from (select status, count(*) as n from (select * from public.system_alerts x where depot is null or x.depot_id = depot) group by status) s),
    'checks', coalesce((
      select jsonb_agg(jsonb_build_object('check_code', check_code, 'severity', severity, 'count', n)
        order by check_code, severity)
      from (
        select check_code, severity, count(*) as n
        from (select * from public.system_alerts x where depot is null or x.depot_id = depot) where cleared_at is null group by check_code, severity
      ) c), '[]'::jsonb),
    'mean_seconds_to_ack', (
      select round(avg(extract(epoch from acknowledged_at - first_seen_at)))
      from (select * from public.system_alerts x where depot is null or x.depot_id = depot) where acknowledged_at >= since),
    'mean_seconds_to_resolve', (
      select round(avg(extract(epoch from resolved_at - first_seen_at)))
      from (select * from public.system_alerts x where depot is null or x.depot_id = depot) where resolved_at >= since),
    'trend', (
      select jsonb_agg(jsonb_build_object('day', d.day::date, 'opened', coalesce(o.n, 0), 'resolved', coalesce(r.n, 0))
        order by d.day)
      from generate_series(since, date_trunc('day', now()), interval '1 day') as d (day)
      left join (
        select date_trunc('day', first_seen_at) as day, count(*) as n
        from (select * from public.system_alerts x where depot is null or x.depot_id = depot) where first_seen_at >= since group by 1
      ) o on o.day = d.day
      left join (
        select date_trunc('day', resolved_at) as day, count(*) as n
        from (select * from public.system_alerts x where depot is null or x.depot_id = depot) where resolved_at >= since group by 1
      ) r on r.day = d.day)
  ) into result;
  return result;
end;
$function$;
comment on function public.governance_overview(days integer, p_depot text) is 'Figures of the integrity overview over the last `days` days (1–366), and the anomalies the last sync left detected by check and severity, for one depot (p_depot, its code) or every depot the caller sees; governance roles only.';
revoke all on function public.governance_overview(days integer, p_depot text) from public, anon;
grant execute on function public.governance_overview(days integer, p_depot text) to authenticated, service_role;

drop function public.alert_deadline_compliance(p_days integer);
CREATE FUNCTION public.alert_deadline_compliance(p_days integer, p_depot text DEFAULT NULL::text)
 RETURNS TABLE(severity text, ack_due bigint, ack_on_time bigint, resolve_due bigint, resolve_on_time bigint)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  depot uuid;
begin
  if p_days is null or p_days < 1 or p_days > 366 then
    raise exception 'the period must be 1 to 366 days' using errcode = '22023', hint = 'period_invalid';
  end if;
  if p_depot is not null then
    select d.id into depot from public.depots d where d.code = p_depot;
    if depot is null then
      raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
    end if;
  end if;
  return query
  select a.severity,
    count(*) filter (where d.ack_within is not null
      and (coalesce(a.acknowledged_at, a.resolved_at) is not null or a.first_seen_at + d.ack_within <= now())),
    count(*) filter (where d.ack_within is not null
      and coalesce(a.acknowledged_at, a.resolved_at) <= a.first_seen_at + d.ack_within),
    count(*) filter (where d.resolve_within is not null
      and (a.resolved_at is not null or a.first_seen_at + d.resolve_within <= now())),
    count(*) filter (where d.resolve_within is not null and a.resolved_at <= a.first_seen_at + d.resolve_within)
  from (select * from public.system_alerts x where depot is null or x.depot_id = depot) a
  join public.alert_deadlines d on d.severity = a.severity
  where a.first_seen_at >= now() - make_interval(days => p_days)
    and (d.ack_within is not null or d.resolve_within is not null)
  group by a.severity
  order by a.severity;
end;
$function$;
comment on function public.alert_deadline_compliance(p_days integer, p_depot text) is 'Per severity, for alerts first detected in the last N days (1–366), in one depot (p_depot, its code) or every depot the caller sees: acknowledgement and resolution steps due, and those done in time (today''s deadlines; RLS applies).';
revoke all on function public.alert_deadline_compliance(p_days integer, p_depot text) from public, anon;
grant execute on function public.alert_deadline_compliance(p_days integer, p_depot text) to authenticated, service_role;

drop function public.alert_resolution_reasons(p_days integer);
CREATE FUNCTION public.alert_resolution_reasons(p_days integer, p_depot text DEFAULT NULL::text)
 RETURNS TABLE(reason text, resolved bigint, resolved_while_active bigint)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  depot uuid;
begin
  if p_days is null or p_days < 1 or p_days > 366 then
    raise exception 'the period must be 1 to 366 days' using errcode = '22023', hint = 'period_invalid';
  end if;
  if p_depot is not null then
    select d.id into depot from public.depots d where d.code = p_depot;
    if depot is null then
      raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
    end if;
  end if;
  return query
  select coalesce(a.resolution_reason, 'unspecified'), count(*), count(*) filter (where a.resolved_while_active)
  from (select * from public.system_alerts x where depot is null or x.depot_id = depot) a
  -- The overview's period: from the start of the day p_days − 1 days ago (governance_overview).
  where a.status = 'RESOLVED' and a.resolved_at >= date_trunc('day', now()) - make_interval(days => p_days - 1)
  group by 1
  order by 2 desc, 1;
end;
$function$;
comment on function public.alert_resolution_reasons(p_days integer, p_depot text) is 'Alerts resolved in the last N days (1–366, today included, as governance_overview counts them), in one depot (p_depot, its code) or every depot the caller sees, by resolution reason (`unspecified`: resolved before reasons existed), and how many of them while still detected (RLS applies).';
revoke all on function public.alert_resolution_reasons(p_days integer, p_depot text) from public, anon;
grant execute on function public.alert_resolution_reasons(p_days integer, p_depot text) to authenticated, service_role;
