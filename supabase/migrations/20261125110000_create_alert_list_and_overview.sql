-- What the console reads: the alert list with the actors' names in one query, and the integrity
-- overview's figures in one call.
--   * acknowledged_by / resolved_by also reference profils(user_id), so the names come from a join,
--     never from one lookup per row (and an actor always has a profile: the trigger requires it);
--   * severity_rank makes "most severe first" sortable and paginable by keyset;
--   * v_system_alerts: system_alerts + actor names (security_invoker: the caller's RLS applies);
--   * governance_overview(days): counts by severity and status, the check × severity table, mean
--     time to acknowledge / resolve, and alerts opened / resolved per day.

alter table public.system_alerts
  add constraint system_alerts_acknowledged_by_profil_fkey
    foreign key (acknowledged_by) references public.profils (user_id),
  add constraint system_alerts_resolved_by_profil_fkey
    foreign key (resolved_by) references public.profils (user_id);

alter table public.system_alerts
  add column severity_rank smallint not null
    generated always as (case severity when 'CRITICAL' then 3 when 'WARN' then 2 else 1 end) stored;
comment on column public.system_alerts.severity_rank is 'CRITICAL 3, WARN 2, INFO 1: sorts the list by severity.';

-- Keyset pagination: one index per sort order the list offers (id breaks ties).
create index system_alerts_first_seen_idx on public.system_alerts (first_seen_at, id);
create index system_alerts_severity_idx on public.system_alerts (severity_rank desc, last_seen_at desc, id desc);
create index system_alerts_resolved_at_idx on public.system_alerts (resolved_at) where resolved_at is not null;

create view public.v_system_alerts
with (security_invoker = true)
as
select a.id, a.fingerprint, a.check_code, a.severity, a.severity_rank, a.entity_type, a.entity_id,
  a.message, a.details, a.status, a.first_seen_at, a.last_seen_at, a.cleared_at,
  a.acknowledged_at, a.acknowledged_by, ack.nom_complet as acknowledged_by_name, a.ack_note,
  a.resolved_at, a.resolved_by, res.nom_complet as resolved_by_name, a.resolution_note,
  a.resolved_while_active, a.created_at, a.updated_at
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by;

comment on view public.v_system_alerts is 'Alerts with the names of who acknowledged and resolved them.';

revoke all on public.v_system_alerts from anon, authenticated;
grant select on public.v_system_alerts to authenticated;

create function public.governance_overview(days integer default 30)
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
    'days', days,
    'active_by_severity', (
      select jsonb_build_object(
        'CRITICAL', count(*) filter (where severity = 'CRITICAL'),
        'WARN', count(*) filter (where severity = 'WARN'),
        'INFO', count(*) filter (where severity = 'INFO'))
      from public.system_alerts where status in ('OPEN', 'ACK')),
    'by_status', (
      select jsonb_build_object(
        'OPEN', count(*) filter (where status = 'OPEN'),
        'ACK', count(*) filter (where status = 'ACK'),
        'RESOLVED', count(*) filter (where status = 'RESOLVED'))
      from public.system_alerts),
    'checks', coalesce((
      select jsonb_agg(jsonb_build_object('check_code', check_code, 'severity', severity, 'count', n)
        order by check_code, severity)
      from (
        select check_code, severity, count(*) as n
        from public.v_integrity_checks group by check_code, severity
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
  'Figures of the integrity overview over the last `days` days (1–366); governance roles only.';

revoke all on function public.governance_overview(integer) from public, anon;
grant execute on function public.governance_overview(integer) to authenticated, service_role;
