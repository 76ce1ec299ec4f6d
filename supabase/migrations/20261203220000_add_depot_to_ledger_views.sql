-- Replaces: public.v_alert_event_export (20261125120200_create_alert_event_export_view.sql), public.v_alert_silences (20261203120000_add_alert_silences.sql)
-- The board's review (issue 16), item 1: a depot filter on every governance page. The audit page
-- and its exports, and the silences page, filter by depot: both views gain the row's depot_id
-- (appended: the columns before it are unchanged). Nothing else changes — RLS on the tables under
-- them (security_invoker) still decides who reads which depot's rows.
create or replace view public.v_alert_event_export with (security_invoker = true) as
select e.id,
  e.alert_id,
  e.event_type,
  e.check_code,
  e.actor_id,
  e.actor_role,
  p.nom_complet as actor_name,
  e.from_status,
  e.to_status,
  e.note,
  e.resolved_while_active,
  e.occurred_at,
  to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at_utc,
  e.details::text as details_text,
  e.prev_hash,
  e.hash,
  e.depot_id
from public.system_alert_events e
left join public.profils p on p.user_id = e.actor_id;
comment on view public.v_alert_event_export is 'The alert ledger with the exact hashed text of each field, for exports; depot_id (not hashed) for the depot filter.';

create or replace view public.v_alert_silences with (security_invoker = true) as
select s.id,
  s.check_code,
  s.entity_type,
  s.entity_id,
  private.entity_label(s.entity_type, s.entity_id) as entity_label,
  s.starts_at,
  s.ends_at,
  s.reason,
  s.created_by,
  c.nom_complet as created_by_name,
  s.created_at,
  coalesce(s.ended_at, case when s.ends_at <= now() then s.ends_at end) as ended_at,
  s.ended_by,
  e.nom_complet as ended_by_name,
  case
    when s.ended_at is not null or s.ends_at <= now() then 'ended'
    when s.starts_at > now() then 'upcoming'
    else 'running'
  end as state,
  (select count(*) from public.system_alerts a where a.silence_id = s.id) as alert_count,
  (select count(*) from public.system_alerts a where a.silence_id = s.id and a.status in ('OPEN', 'ACK')) as active_alert_count,
  s.depot_id
from public.alert_silences s
left join public.profils c on c.user_id = s.created_by
left join public.profils e on e.user_id = s.ended_by;
comment on view public.v_alert_silences is 'Silences with their authors'' names, their state on the database''s clock (upcoming, running, ended), how many alerts each silenced, and their depot.';
