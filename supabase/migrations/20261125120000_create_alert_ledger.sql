-- public.system_alert_events: the tamper-evident ledger of every alert's life (DESIGN §2.4).
--
-- Written only by triggers on system_alerts, in the same transaction as the change it records:
--   opened        an alert is created by the sync
--   seen_again    the sync sees an active alert again and what it sees differs (severity, message,
--                 numbers) or the condition came back after clearing — at most one per alert per sync
--   cleared       the condition is no longer detected
--   acknowledged  OPEN → ACK
--   resolved      ACK/OPEN → RESOLVED (with resolved_while_active)
-- with the actor (auth.uid(), or none for the scheduler), the actor's role, from/to status, note
-- and time.
--
-- Hash chain. Each row stores prev_hash (the previous row's hash; 64 zeros for the first) and
--   hash = lower-case hex SHA-256 of the UTF-8 bytes of the row's canonical form,
-- where the canonical form is these 13 fields in this order, each written as
--   <byte length of the value in UTF-8>:<value>,     or   -,   when the value is null
--   1 id (decimal)          2 alert_id (UUID, lower case)   3 event_type   4 check_code
--   5 actor_id (UUID)       6 actor_role                    7 from_status  8 to_status
--   9 note                  10 resolved_while_active (true/false)
--   11 occurred_at as UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ (microseconds)
--   12 details (the jsonb's text as PostgreSQL prints it; null for most events)
--   13 prev_hash
-- e.g. `2:17,36:0f1e…,12:acknowledged,…`. Length prefixes make the form unambiguous whatever a note
-- contains; an export carries every field, so a reviewer recomputes the chain without the database
-- (`npm run audit:verify -- <file>`).
--
-- The chain cannot fork: writers serialise on a transaction-scoped advisory lock before reading the
-- last hash, and prev_hash is unique. UPDATE, DELETE and TRUNCATE are refused for every role, the
-- service role and the owner included; no API role may insert (only the triggers do).
-- public.verify_alert_event_chain() walks the chain and names the first broken row.

create sequence public.system_alert_events_id_seq;

create table public.system_alert_events (
  -- Assigned by the seal under the chain lock, so id order is chain order (see the seal).
  id bigint primary key,
  alert_id uuid not null references public.system_alerts (id),
  event_type text not null check (event_type in ('opened', 'seen_again', 'cleared', 'acknowledged', 'resolved')),
  check_code text not null,
  actor_id uuid,
  actor_role text,
  from_status text check (from_status in ('OPEN', 'ACK', 'RESOLVED')),
  to_status text check (to_status in ('OPEN', 'ACK', 'RESOLVED')),
  note text check (note <> ''),
  resolved_while_active boolean,
  occurred_at timestamptz not null,
  details jsonb,
  prev_hash text not null unique check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
);
alter table public.system_alert_events enable row level security;

comment on table public.system_alert_events is
  'Append-only, hash-chained ledger of alert events, written by triggers only. See the migration header for the canonical form.';
comment on column public.system_alert_events.hash is 'SHA-256 (hex) of the canonical form of this row, which includes prev_hash.';

create index system_alert_events_alert_idx on public.system_alert_events (alert_id, id);
create index system_alert_events_occurred_idx on public.system_alert_events (occurred_at, id);
create index system_alert_events_actor_idx on public.system_alert_events (actor_id, occurred_at);
create index system_alert_events_check_idx on public.system_alert_events (check_code, occurred_at);
create index system_alert_events_type_idx on public.system_alert_events (event_type, occurred_at);

-- The canonical form and the hash, shared by the writer and the verifier.
create function private.alert_event_field(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when value is null then '-,' else octet_length(value)::text || ':' || value || ',' end
$$;

create function private.alert_event_hash(
  id bigint, alert_id uuid, event_type text, check_code text, actor_id uuid, actor_role text,
  from_status text, to_status text, note text, resolved_while_active boolean, occurred_at timestamptz,
  details jsonb, prev_hash text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select encode(extensions.digest(convert_to(
    private.alert_event_field(id::text)
    || private.alert_event_field(alert_id::text)
    || private.alert_event_field(event_type)
    || private.alert_event_field(check_code)
    || private.alert_event_field(actor_id::text)
    || private.alert_event_field(actor_role)
    || private.alert_event_field(from_status)
    || private.alert_event_field(to_status)
    || private.alert_event_field(note)
    || private.alert_event_field(resolved_while_active::text)
    || private.alert_event_field(to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || private.alert_event_field(details::text)
    || private.alert_event_field(prev_hash),
    'UTF8'), 'sha256'), 'hex')
$$;

-- Seals each new row under the chain lock: its id, prev_hash and hash are computed here, never
-- taken from the caller. IMPORTANT: the id is drawn after the lock is taken — an id drawn before
-- it could commit in another order than the chain and break it. No API role may insert (the
-- service role included); the alert triggers write through a security-definer function.
create function private.system_alert_events_seal()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_api_role() then
    raise exception 'alert events are written by the alert triggers only'
      using errcode = '42501', hint = 'ledger_written_by_triggers';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.system_alert_events chain'));
  new.id := nextval('public.system_alert_events_id_seq');
  new.prev_hash := coalesce(
    (select e.hash from public.system_alert_events e order by e.id desc limit 1),
    repeat('0', 64));
  new.hash := private.alert_event_hash(new.id, new.alert_id, new.event_type, new.check_code, new.actor_id,
    new.actor_role, new.from_status, new.to_status, new.note, new.resolved_while_active, new.occurred_at,
    new.details, new.prev_hash);
  return new;
end;
$$;

create trigger system_alert_events_seal
  before insert on public.system_alert_events
  for each row execute function private.system_alert_events_seal();

create function private.system_alert_events_refuse_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'the alert ledger is append-only: % is refused', lower(tg_op)
    using errcode = '42501', hint = 'ledger_append_only';
end;
$$;

create trigger system_alert_events_refuse_update_delete
  before update or delete on public.system_alert_events
  for each row execute function private.system_alert_events_refuse_change();
create trigger system_alert_events_refuse_truncate
  before truncate on public.system_alert_events
  for each statement execute function private.system_alert_events_refuse_change();

-- Records one event. The actor's role is read from profils; no actor means the scheduler.
-- security definer: users may not insert into the ledger; the alert trigger (running as the user)
-- must.
create function private.record_alert_event(
  alert_id uuid, check_code text, event_type text, actor_id uuid, from_status text, to_status text,
  note text, resolved_while_active boolean, occurred_at timestamptz, details jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  values
    (0, alert_id, event_type, check_code, actor_id,
     case when actor_id is null then 'system'
       else coalesce((select p.role from public.profils p where p.user_id = actor_id), 'unknown') end,
     from_status, to_status, note, resolved_while_active, occurred_at, details, repeat('0', 64), repeat('0', 64))
$$;

-- What changed on an alert, as ledger events. Times and actors come from the alert's own columns,
-- which system_alerts_set_actor stamps from the clock and auth.uid() for every user transition.
create function public.system_alerts_record_event()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.record_alert_event(new.id, new.check_code, 'opened', auth.uid(), null, new.status, null, null,
      new.first_seen_at, jsonb_build_object('severity', new.severity, 'entity_type', new.entity_type,
        'entity_id', new.entity_id, 'message', new.message));
    return null;
  end if;

  if new.status is distinct from old.status and new.status = 'ACK' then
    perform private.record_alert_event(new.id, new.check_code, 'acknowledged', new.acknowledged_by, old.status,
      new.status, new.ack_note, null, new.acknowledged_at, null);
  elsif new.status is distinct from old.status and new.status = 'RESOLVED' then
    perform private.record_alert_event(new.id, new.check_code, 'resolved', new.resolved_by, old.status,
      new.status, new.resolution_note, new.resolved_while_active, new.resolved_at, null);
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

create trigger system_alerts_record_event
  after insert or update on public.system_alerts
  for each row execute function public.system_alerts_record_event();

-- Walks the chain from the first row: returns whether it holds and, if not, the first broken row
-- and why (a changed row, a wrong link, or a gap in the ids).
create function public.verify_alert_event_chain()
returns table (valid boolean, checked bigint, first_broken_id bigint, reason text)
language plpgsql
stable
set search_path = ''
as $$
declare
  event record;
  expected_prev text := repeat('0', 64);
  expected_id bigint := null;
  count bigint := 0;
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  for event in select * from public.system_alert_events order by id loop
    count := count + 1;
    if event.prev_hash <> expected_prev then
      return query select false, count, event.id, 'prev_hash does not match the previous row''s hash';
      return;
    end if;
    if event.hash <> private.alert_event_hash(event.id, event.alert_id, event.event_type, event.check_code,
        event.actor_id, event.actor_role, event.from_status, event.to_status, event.note,
        event.resolved_while_active, event.occurred_at, event.details, event.prev_hash) then
      return query select false, count, event.id, 'hash does not match the row''s content';
      return;
    end if;
    expected_prev := event.hash;
  end loop;
  return query select true, count, null::bigint, null::text;
end;
$$;

comment on function public.verify_alert_event_chain() is
  'Recomputes the alert ledger''s hash chain; returns valid, rows checked, and the first broken row with the reason.';

-- Grants: governance roles read the ledger (pca may export it); nobody writes it through the API.
revoke all on public.system_alert_events from anon, authenticated, service_role;
grant select on public.system_alert_events to authenticated, service_role;

create policy system_alert_events_select_governance on public.system_alert_events
  for select to authenticated using ((select private.is_governance_reader()));

revoke all on function private.alert_event_field(text) from public, anon;
revoke all on function private.alert_event_hash(bigint, uuid, text, text, uuid, text, text, text, text, boolean, timestamptz, jsonb, text) from public, anon;
revoke all on function private.record_alert_event(uuid, text, text, uuid, text, text, text, boolean, timestamptz, jsonb) from public, anon;
grant execute on function private.alert_event_field(text) to authenticated, service_role;
grant execute on function private.alert_event_hash(bigint, uuid, text, text, uuid, text, text, text, text, boolean, timestamptz, jsonb, text) to authenticated, service_role;
grant execute on function private.record_alert_event(uuid, text, text, uuid, text, text, text, boolean, timestamptz, jsonb) to authenticated, service_role;
revoke all on function public.verify_alert_event_chain() from public, anon;
grant execute on function public.verify_alert_event_chain() to authenticated, service_role;

revoke all on sequence public.system_alert_events_id_seq from anon, authenticated, service_role;

-- The history that existed before the ledger, as events in time order, so the chain starts whole.
insert into public.system_alert_events
  (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
   resolved_while_active, occurred_at, details, prev_hash, hash)
select 0, h.alert_id, h.event_type, h.check_code, h.actor_id,
  case when h.actor_id is null then 'system'
    else coalesce((select p.role from public.profils p where p.user_id = h.actor_id), 'unknown') end,
  h.from_status, h.to_status, h.note, h.resolved_while_active, h.at, h.details, repeat('0', 64), repeat('0', 64)
from (
  select a.id as alert_id, a.check_code, 'opened' as event_type, null::uuid as actor_id, null as from_status,
    'OPEN' as to_status, null as note, null::boolean as resolved_while_active, a.first_seen_at as at,
    jsonb_build_object('severity', a.severity, 'entity_type', a.entity_type, 'entity_id', a.entity_id,
      'message', a.message) as details
  from public.system_alerts a
  union all
  select a.id, a.check_code, 'acknowledged', a.acknowledged_by, 'OPEN', 'ACK', a.ack_note, null, a.acknowledged_at, null
  from public.system_alerts a
  where a.acknowledged_at is not null and (a.resolved_at is null or a.acknowledged_at < a.resolved_at)
  union all
  select a.id, a.check_code, 'resolved', a.resolved_by,
    case when a.acknowledged_at < a.resolved_at then 'ACK' else 'OPEN' end, 'RESOLVED',
    a.resolution_note, a.resolved_while_active, a.resolved_at, null
  from public.system_alerts a where a.resolved_at is not null
  union all
  select a.id, a.check_code, 'cleared', null, s.status, s.status, null, null, a.cleared_at, null
  from public.system_alerts a
  cross join lateral (select case when a.resolved_at <= a.cleared_at then 'RESOLVED'
    when a.acknowledged_at <= a.cleared_at then 'ACK' else 'OPEN' end as status) s
  where a.cleared_at is not null
) h
order by h.at, h.alert_id, h.event_type;
