-- Deadlines as the console shows them (issue 15: "lists and the detail show time left or « en retard
-- depuis … »; the overview shows the share of alerts handled on time").
--
-- * public.v_alert_deadlines: the deadlines in whole minutes (PostgREST would hand the browser
--   interval text such as '1 day 02:00:00', which every client would have to parse) with the name
--   of the directeur who last changed them.
-- * public.alert_deadline_compliance(days): for the alerts first detected in the last `days` days,
--   per severity, how many acknowledgement and resolution steps were due (done, or past their
--   deadline) and how many of those were done in time. Security invoker: a reader counts only the
--   alerts RLS shows them. The deadlines are today's: a deadline changed mid-period is applied to the
--   whole period (the ledger keeps the history of the change).

create view public.v_alert_deadlines
with (security_invoker = true)
as
select d.severity,
  (extract(epoch from d.ack_within) / 60)::integer as ack_minutes,
  (extract(epoch from d.resolve_within) / 60)::integer as resolve_minutes,
  d.updated_at,
  p.nom_complet as updated_by_name
from public.alert_deadlines d
left join public.profils p on p.user_id = d.updated_by;
comment on view public.v_alert_deadlines is 'The deadline per severity in minutes (null: none) and who changed it last; governance readers (RLS of alert_deadlines).';
revoke all on table public.v_alert_deadlines from public, anon, authenticated, service_role;
grant select on table public.v_alert_deadlines to authenticated, service_role;

create function public.alert_deadline_compliance(p_days integer)
returns table (severity text, ack_due bigint, ack_on_time bigint, resolve_due bigint, resolve_on_time bigint)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if p_days is null or p_days < 1 or p_days > 366 then
    raise exception 'the period must be 1 to 366 days' using errcode = '22023', hint = 'period_invalid';
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
  from public.system_alerts a
  join public.alert_deadlines d on d.severity = a.severity
  where a.first_seen_at >= now() - make_interval(days => p_days)
    and (d.ack_within is not null or d.resolve_within is not null)
  group by a.severity
  order by a.severity;
end;
$$;
comment on function public.alert_deadline_compliance(integer) is 'Per severity, for alerts first detected in the last N days (1–366): acknowledgement and resolution steps due, and those done in time (today''s deadlines; RLS applies).';
revoke all on function public.alert_deadline_compliance(integer) from public, anon;
grant execute on function public.alert_deadline_compliance(integer) to authenticated, service_role;
