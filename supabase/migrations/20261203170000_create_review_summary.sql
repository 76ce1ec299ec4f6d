-- The board's review (issue 16), item 2: one period, one depot or all, in figures.
--
-- public.review_summary(since, until, depot) answers, for the alerts the caller sees (RLS: a
-- depot's people their depot, head office every depot and the platform), over [since, until):
--   counts     opened in the period, resolved in it, still open at its end (now, for a period not
--              over yet), resolved while still detected (« résolue quand même »), countersigned
--              (four-eyes);
--   times      median and 90th percentile of the time to acknowledge and to resolve, in seconds,
--              overall, by severity and by check × severity (grouping sets: one pass), for the
--              alerts opened in the period that were acknowledged / resolved by its end (so a month
--              that is over keeps its figures: what happens later belongs to later periods);
--   on time    per severity, the steps due by the period's end and those done within the deadline
--              (today's deadlines, as alert_deadline_compliance judges);
--   reasons    the period's resolutions by reason;
--   entities   the ten objects with the most recurrences (alerts opened again for the same
--              fingerprint), then the most alerts;
--   heat map   alerts opened by depot × check (no depot: the platform and the company's data).
-- One call, one statement (a consistent snapshot); governance roles only; a period is at most
-- 400 days; an unknown depot code — or another depot's, for a depot's user — is refused.
create function public.review_summary(p_since timestamptz, p_until timestamptz, p_depot text default null)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  depot uuid;
  period_end timestamptz;
  result jsonb;
begin
  if not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if p_since is null or p_until is null or p_until <= p_since or p_until - p_since > interval '400 days' then
    raise exception 'a period starts before it ends and lasts at most 400 days' using errcode = '22023', hint = 'period_invalid';
  end if;
  if p_depot is not null then
    -- Read as the caller: another depot's code is as unknown as a made-up one.
    select d.id into depot from public.depots d where d.code = p_depot;
    if depot is null then
      raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
    end if;
  end if;
  period_end := least(p_until, now());

  with scoped as materialized (
    -- Every alert the period concerns: opened in it, resolved in it, or open at its end.
    select a.id, a.check_code, a.severity, a.status, a.entity_type, a.entity_id, a.depot_id, a.occurrence,
      a.first_seen_at, a.acknowledged_at, a.resolved_at, a.resolution_reason, a.resolved_while_active,
      a.countersigned_at,
      a.first_seen_at >= p_since as opened_in_period,
      case when a.acknowledged_at < period_end then extract(epoch from a.acknowledged_at - a.first_seen_at) end as ack_seconds,
      case when a.resolved_at < period_end then extract(epoch from a.resolved_at - a.first_seen_at) end as resolve_seconds
    from public.system_alerts a
    where (depot is null or a.depot_id = depot)
      and a.first_seen_at < p_until
      and (a.first_seen_at >= p_since or a.resolved_at is null or a.resolved_at >= p_since)
  ),
  opened as materialized (
    select * from scoped s where s.opened_in_period
  ),
  times as (
    select o.check_code, o.severity, grouping(o.check_code, o.severity) as level,
      count(*) as alerts,
      count(o.ack_seconds) as acknowledged,
      count(o.resolve_seconds) as resolved,
      percentile_cont(0.5) within group (order by o.ack_seconds) as ack_p50,
      percentile_cont(0.9) within group (order by o.ack_seconds) as ack_p90,
      percentile_cont(0.5) within group (order by o.resolve_seconds) as resolve_p50,
      percentile_cont(0.9) within group (order by o.resolve_seconds) as resolve_p90
    from opened o
    group by grouping sets ((o.check_code, o.severity), (o.severity), ())
  )
  select jsonb_build_object(
    'since', p_since,
    'until', p_until,
    'period_end', period_end,
    'depot', p_depot,
    'opened', (select count(*) from opened),
    'resolved', (select count(*) from scoped s where s.resolved_at >= p_since and s.resolved_at < p_until),
    'still_open', (select count(*) from scoped s
      where s.first_seen_at < period_end and (s.resolved_at is null or s.resolved_at >= period_end)),
    'resolved_while_active', (select count(*) from scoped s
      where s.resolved_at >= p_since and s.resolved_at < p_until and s.resolved_while_active),
    'countersigned', (select count(*) from scoped s where s.countersigned_at >= p_since and s.countersigned_at < p_until),
    'times', coalesce((
      select jsonb_agg(jsonb_build_object(
          'check_code', t.check_code, 'severity', t.severity,
          'scope', case t.level when 0 then 'check' when 2 then 'severity' else 'all' end,
          'alerts', t.alerts, 'acknowledged', t.acknowledged, 'resolved', t.resolved,
          'ack_p50', round(t.ack_p50), 'ack_p90', round(t.ack_p90),
          'resolve_p50', round(t.resolve_p50), 'resolve_p90', round(t.resolve_p90))
        order by t.level desc, private.severity_rank(t.severity) desc, t.alerts desc, t.check_code)
      from times t), '[]'::jsonb),
    'on_time', coalesce((
      select jsonb_agg(jsonb_build_object('severity', x.severity, 'ack_due', x.ack_due, 'ack_on_time', x.ack_on_time,
          'resolve_due', x.resolve_due, 'resolve_on_time', x.resolve_on_time)
        order by private.severity_rank(x.severity) desc)
      from (
        select o.severity,
          count(*) filter (where d.ack_within is not null
            and (coalesce(o.acknowledged_at, o.resolved_at) < period_end or o.first_seen_at + d.ack_within <= period_end)) as ack_due,
          count(*) filter (where d.ack_within is not null
            and coalesce(o.acknowledged_at, o.resolved_at) <= o.first_seen_at + d.ack_within
            and coalesce(o.acknowledged_at, o.resolved_at) < period_end) as ack_on_time,
          count(*) filter (where d.resolve_within is not null
            and (o.resolved_at < period_end or o.first_seen_at + d.resolve_within <= period_end)) as resolve_due,
          count(*) filter (where d.resolve_within is not null
            and o.resolved_at <= o.first_seen_at + d.resolve_within and o.resolved_at < period_end) as resolve_on_time
        from opened o
        join public.alert_deadlines d on d.severity = o.severity
        where d.ack_within is not null or d.resolve_within is not null
        group by o.severity
      ) x), '[]'::jsonb),
    'reasons', coalesce((
      select jsonb_agg(jsonb_build_object('reason', r.reason, 'resolved', r.n, 'resolved_while_active', r.anyway)
        order by r.n desc, r.reason)
      from (
        select coalesce(s.resolution_reason, 'unspecified') as reason, count(*) as n,
          count(*) filter (where s.resolved_while_active) as anyway
        from scoped s
        where s.resolved_at >= p_since and s.resolved_at < p_until
        group by 1
      ) r), '[]'::jsonb),
    'entities', coalesce((
      select jsonb_agg(jsonb_build_object('entity_type', e.entity_type, 'entity_id', e.entity_id,
          'label', private.entity_label(e.entity_type, e.entity_id), 'depot_code', dp.code,
          'alerts', e.alerts, 'recurrences', e.recurrences, 'checks', e.checks)
        order by e.recurrences desc, e.alerts desc, e.entity_type, e.entity_id)
      from (
        select o.entity_type, o.entity_id, min(o.depot_id::text)::uuid as depot_id, count(*) as alerts,
          count(*) filter (where o.occurrence > 1) as recurrences,
          jsonb_agg(distinct o.check_code) as checks
        from opened o
        group by o.entity_type, o.entity_id
        order by 5 desc, 4 desc, 1, 2
        limit 10
      ) e
      left join public.depots dp on dp.id = e.depot_id), '[]'::jsonb),
    'heat_map', coalesce((
      select jsonb_agg(jsonb_build_object('depot_code', dp.code, 'check_code', h.check_code, 'alerts', h.n,
          'critical', h.critical)
        order by dp.code nulls last, h.check_code)
      from (
        select o.depot_id, o.check_code, count(*) as n, count(*) filter (where o.severity = 'CRITICAL') as critical
        from opened o
        group by 1, 2
      ) h
      left join public.depots dp on dp.id = h.depot_id), '[]'::jsonb)
  ) into result;
  return result;
end;
$$;
comment on function public.review_summary(timestamptz, timestamptz, text) is 'The board''s review of a period [p_since, p_until) (at most 400 days) for one depot (its code) or every depot the caller sees: alerts opened, resolved, still open at the end, resolved anyway, countersigned; median and p90 times to acknowledge and resolve overall, by severity and by check; deadlines met; resolutions by reason; the ten objects with the most recurrences; a depot × check heat map. Governance roles only; read as the caller (RLS).';
revoke all on function public.review_summary(timestamptz, timestamptz, text) from public, anon;
grant execute on function public.review_summary(timestamptz, timestamptz, text) to authenticated, service_role;
