-- Settings changes in the ledger (issue 15: "deadlines … editable by a directeur …, in the ledger").
--
-- A change to the deadlines (public.alert_deadlines) or to the governance settings
-- (public.governance_settings: thresholds, time zone, sync interval, limits) is written to the same
-- hash-chained ledger as the alerts' events, by a trigger, as a `settings_changed` event: no alert,
-- no check code, the actor and their role, and in its details the table, the row (the severity for
-- a deadline) and each changed column's value before and after. Verification, exports and the
-- audit page cover it like any other event; only these events have no alert.

alter table public.system_alert_events alter column alert_id drop not null;
alter table public.system_alert_events alter column check_code drop not null;
alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed']));
alter table public.system_alert_events add constraint system_alert_events_alert_check
  check ((event_type = 'settings_changed') = (alert_id is null) and (alert_id is null) = (check_code is null));

create function private.record_settings_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  before_row jsonb := to_jsonb(old) - 'updated_at' - 'updated_by';
  after_row jsonb := to_jsonb(new) - 'updated_at' - 'updated_by';
  changes jsonb;
  actor uuid := auth.uid();
begin
  select jsonb_object_agg(a.key, jsonb_build_object('before', before_row -> a.key, 'after', a.value) order by a.key)
  into changes
  from jsonb_each(after_row) a
  where a.value is distinct from before_row -> a.key;
  if changes is null then
    return null;
  end if;
  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  values (0, null, 'settings_changed', null, actor,
    case when actor is null then 'system'
      else coalesce((select p.role from public.profils p where p.user_id = actor), 'unknown') end,
    null, null, null, null, now(),
    jsonb_build_object('table', tg_table_name,
      'row', after_row ->> 'severity',
      'changes', changes),
    repeat('0', 64), repeat('0', 64));
  return null;
end;
$$;
comment on function private.record_settings_change() is 'Writes a `settings_changed` ledger event (table, row, each changed column before and after) for a change to the deadlines or the governance settings.';
revoke all on function private.record_settings_change() from public, anon, authenticated, service_role;

create trigger alert_deadlines_record_change
after update on public.alert_deadlines
for each row
execute function private.record_settings_change();

create trigger governance_settings_record_change
after update on public.governance_settings
for each row
execute function private.record_settings_change();
