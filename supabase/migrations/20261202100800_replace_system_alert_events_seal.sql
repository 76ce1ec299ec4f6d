-- Replaces: private.system_alert_events_seal() (20261125120000_create_alert_ledger.sql); drops public.system_alert_events_id_seq
--
-- Ledger ids without gaps. The seal drew ids from a sequence, and a transaction that rolled back
-- after sealing an event (a failed sync; the benchmark's rolled-back runs) burnt its ids for good:
-- a whole-ledger export then showed gaps, which the verifier can only accept with a warning when
-- the chain links across them. The seal already holds the chain lock when it numbers an event, so
-- it takes the last id + 1 with the last hash, in the same index lookup: a rolled-back event leaves
-- no trace, and the next one takes its number. The sequence goes.

create or replace function private.system_alert_events_seal()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  last_id bigint;
  last_hash text;
begin
  if private.is_api_role() then
    raise exception 'alert events are written by the alert triggers only'
      using errcode = '42501', hint = 'ledger_written_by_triggers';
  end if;
  -- IMPORTANT: the lock first — numbered before it, two writers could take the same id.
  perform pg_advisory_xact_lock(hashtext('public.system_alert_events chain'));
  select e.id, e.hash into last_id, last_hash from public.system_alert_events e order by e.id desc limit 1;
  new.id := coalesce(last_id, 0) + 1;
  new.prev_hash := coalesce(last_hash, repeat('0', 64));
  new.hash := private.alert_event_hash(new.id, new.alert_id, new.event_type, new.check_code, new.actor_id,
    new.actor_role, new.from_status, new.to_status, new.note, new.resolved_while_active, new.occurred_at,
    new.details, new.prev_hash);
  return new;
end;
$$;
revoke all on function private.system_alert_events_seal() from public, anon, authenticated, service_role;

drop sequence public.system_alert_events_id_seq;
