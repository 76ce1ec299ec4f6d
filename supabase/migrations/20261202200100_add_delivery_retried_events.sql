-- Replaces: public.retry_delivery (20261202140000)
-- An admin's retry of a failed notification is a ledger event (`delivery_retried`), written by the
-- database in the retry's transaction: who asked, for which delivery (recipient, channel, kind),
-- after how many attempts and which last error. Before, the delivery row kept its status and
-- attempts but nobody could tell who had sent it again. A retried digest concerns no alert: like
-- `settings_changed`, its event has no alert and no check code.

alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed', 'commented', 'assigned', 'delivery_retried']));
alter table public.system_alert_events drop constraint system_alert_events_alert_check;
alter table public.system_alert_events add constraint system_alert_events_alert_check
  check ((alert_id is null) = (check_code is null)
    and (event_type <> 'settings_changed' or alert_id is null)
    and (alert_id is not null or event_type in ('settings_changed', 'delivery_retried')));

create or replace function public.retry_delivery(p_id uuid)
returns public.notification_deliveries
language plpgsql
security definer
set search_path = ''
as $$
declare
  failed_row public.notification_deliveries;
  retried public.notification_deliveries;
  alert public.system_alerts;
begin
  if private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can retry a delivery' using errcode = '42501', hint = 'retry_requires_admin';
  end if;
  select * into failed_row from public.notification_deliveries d where d.id = p_id and d.status = 'failed' for update;
  update public.notification_deliveries d
  set status = 'pending', updated_at = now()
  where d.id = failed_row.id and d.status = 'failed'
  returning * into retried;
  if retried.id is null then
    raise exception 'no failed delivery %', p_id using errcode = 'P0002', hint = 'delivery_not_failed';
  end if;
  select * into alert from public.system_alerts a where a.id = retried.alert_id;
  perform private.record_alert_event(retried.alert_id, alert.check_code, 'delivery_retried', auth.uid(), alert.status,
    alert.status, null, null, now(), jsonb_build_object(
      'delivery_id', retried.id,
      'recipient_id', retried.recipient_id,
      'recipient_name', (select p.nom_complet from public.profils p where p.user_id = retried.recipient_id),
      'channel', retried.channel,
      'kind', retried.kind,
      'digest_period', retried.digest_period,
      'attempts', failed_row.attempts,
      'last_error', failed_row.last_error));
  perform private.enqueue_delivery(retried.id);
  return retried;
end;
$$;
comment on function public.retry_delivery(uuid) is 'Sends a failed delivery again (admin only), recorded as a `delivery_retried` ledger event.';
revoke all on function public.retry_delivery(uuid) from public, anon;
grant execute on function public.retry_delivery(uuid) to authenticated;
