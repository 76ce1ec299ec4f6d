-- Replaces: private.system_alerts_record_opened (20261125160000_sync_writes_only_changes.sql), public.v_system_alerts (20261203090000_add_alert_snooze.sql)
-- Working an alert (issue 14): recurrence.
--
-- When a fingerprint (check × entity) that was resolved comes back, the new alert is linked to the
-- one before it: system_alerts.occurrence counts the alerts of its fingerprint up to and including
-- it (1: the first time), previous_alert_id names the latest earlier one. Set by a BEFORE INSERT
-- trigger from the rows already there — the sync opens alerts under its advisory lock, and at most
-- one alert per fingerprint is active, so two openings of one fingerprint never race. Nobody
-- changes them afterwards (no column grant; the sync does not write them).
-- The `opened` ledger event carries both (details.occurrence, details.previous_alert_id) from the
-- second occurrence on. The console shows « récidive n° N » (N = occurrence − 1) and lists the
-- earlier occurrences on the alert's page (system_alerts_fingerprint_seen_idx reads them).

alter table public.system_alerts
  add column occurrence integer not null default 1 check (occurrence >= 1),
  add column previous_alert_id uuid references public.system_alerts (id);
comment on column public.system_alerts.occurrence is 'How many alerts its fingerprint has had, this one included (1: the first time; 2: récidive n° 1).';
comment on column public.system_alerts.previous_alert_id is 'The latest earlier alert of the same fingerprint (null the first time).';

create index system_alerts_fingerprint_seen_idx on public.system_alerts (fingerprint, first_seen_at desc, id desc);
create index system_alerts_previous_alert_idx on public.system_alerts (previous_alert_id) where previous_alert_id is not null;

-- The alerts already there, in the order they were first seen.
with numbered as (
  select a.id,
    row_number() over (partition by a.fingerprint order by a.first_seen_at, a.id) as occurrence,
    lag(a.id) over (partition by a.fingerprint order by a.first_seen_at, a.id) as previous_alert_id
  from public.system_alerts a
)
update public.system_alerts a
set occurrence = n.occurrence, previous_alert_id = n.previous_alert_id
from numbered n
where n.id = a.id and n.occurrence > 1;

create function private.system_alerts_link_recurrence()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  previous record;
begin
  select a.id, a.occurrence into previous
  from public.system_alerts a
  where a.fingerprint = new.fingerprint
    and (a.first_seen_at, a.id) < (new.first_seen_at, new.id)
  order by a.first_seen_at desc, a.id desc
  limit 1;
  if found then
    new.previous_alert_id := previous.id;
    new.occurrence := previous.occurrence + 1;
  else
    new.previous_alert_id := null;
    new.occurrence := 1;
  end if;
  return new;
end;
$$;
comment on function private.system_alerts_link_recurrence() is 'Before insert: links a new alert to the latest earlier alert of its fingerprint and counts its occurrence.';
revoke all on function private.system_alerts_link_recurrence() from public, anon, authenticated;

create trigger system_alerts_link_recurrence
before insert on public.system_alerts
for each row
execute function private.system_alerts_link_recurrence();

create or replace function private.system_alerts_record_opened()
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
      'message', o.message)
      || case when o.occurrence > 1
        then jsonb_build_object('occurrence', o.occurrence, 'previous_alert_id', o.previous_alert_id)
        else '{}'::jsonb end,
    repeat('0', 64), repeat('0', 64)
  from opened_alerts o
  order by o.first_seen_at, o.fingerprint;
  return null;
end;
$$;

-- Appended columns (create or replace keeps the others, their order, grants and dependants).
create or replace view public.v_system_alerts with (security_invoker = true) as
select
  a.id,
  a.fingerprint,
  a.check_code,
  a.severity,
  a.severity_rank,
  a.entity_type,
  a.entity_id,
  a.message,
  a.details,
  a.status,
  a.first_seen_at,
  case when a.cleared_at is null
    then greatest(a.last_seen_at, (select s.last_run_at from public.alert_sync_state s where s.id))
    else a.last_seen_at end as last_seen_at,
  a.cleared_at,
  a.acknowledged_at,
  a.acknowledged_by,
  ack.nom_complet as acknowledged_by_name,
  a.ack_note,
  a.resolved_at,
  a.resolved_by,
  res.nom_complet as resolved_by_name,
  a.resolution_note,
  a.resolved_while_active,
  a.created_at,
  a.updated_at,
  a.search_text,
  a.assigned_to,
  asg.nom_complet as assigned_to_name,
  a.assigned_by,
  asgby.nom_complet as assigned_by_name,
  a.assigned_at,
  a.resolution_reason,
  a.snoozed_until,
  a.snoozed_by,
  snz.nom_complet as snoozed_by_name,
  a.snoozed_at,
  a.snooze_reason,
  coalesce(a.snoozed_until > now(), false) as snoozed,
  a.occurrence,
  a.previous_alert_id
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by
left join public.profils asg on asg.user_id = a.assigned_to
left join public.profils asgby on asgby.user_id = a.assigned_by
left join public.profils snz on snz.user_id = a.snoozed_by;
