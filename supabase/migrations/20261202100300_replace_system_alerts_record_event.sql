-- Replaces: public.system_alerts_record_event() (20261125120000_create_alert_ledger.sql)
--
-- Every note a user writes reaches the ledger. Resolving straight from OPEN fills the
-- acknowledgement too, and an acknowledgement note given then was stored on the alert but written
-- to no event: the `resolved` event now carries it in its details (`{"ack_note": …}`, hashed with
-- the rest of the event). Also drops the INSERT branch, dead since opened alerts are recorded by
-- the statement-level trigger private.system_alerts_record_opened() (20261125160000).

create or replace function public.system_alerts_record_event()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and new.status = 'ACK' then
    perform private.record_alert_event(new.id, new.check_code, 'acknowledged', new.acknowledged_by, old.status,
      new.status, new.ack_note, null, new.acknowledged_at, null);
  elsif new.status is distinct from old.status and new.status = 'RESOLVED' then
    perform private.record_alert_event(new.id, new.check_code, 'resolved', new.resolved_by, old.status,
      new.status, new.resolution_note, new.resolved_while_active, new.resolved_at,
      case when old.status = 'OPEN' and new.ack_note is not null then jsonb_build_object('ack_note', new.ack_note) end);
  end if;

  if new.cleared_at is not null and old.cleared_at is null then
    perform private.record_alert_event(new.id, new.check_code, 'cleared', auth.uid(), new.status, new.status,
      null, null, new.cleared_at, null);
  elsif new.last_seen_at is distinct from old.last_seen_at
    and (old.cleared_at is not null
      or new.severity is distinct from old.severity
      or new.message is distinct from old.message
      or new.details is distinct from old.details) then
    perform private.record_alert_event(new.id, new.check_code, 'seen_again', auth.uid(), new.status, new.status,
      null, null, new.last_seen_at, jsonb_build_object('severity', new.severity, 'message', new.message,
        'details', new.details, 'was_cleared', old.cleared_at is not null));
  end if;
  return null;
end;
$$;
