-- public.system_alerts: each detected anomaly becomes an alert that people drive through
-- OPEN → ACK → RESOLVED (or OPEN → RESOLVED). The database, not the app, enforces the workflow:
--   * the grants let users change only the workflow columns; detection columns belong to the sync;
--   * the trigger system_alerts_set_actor allows only legal transitions, stamps *_at from the
--     clock and *_by from auth.uid() whatever the client sent, requires a resolution note, lets
--     only a directeur resolve, and records a "resolve anyway" (resolved_while_active);
--   * RLS: governance roles read; admin and directeur update; nobody inserts or deletes.

-- A note without its surrounding whitespace (spaces, tabs, line breaks, no-break spaces), or null
-- when nothing else is left: a note of blanks is no note.
create function private.trim_note(note text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select nullif(regexp_replace(note, '^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$', '', 'g'), '')
$$;
revoke all on function private.trim_note(text) from public, anon;
grant execute on function private.trim_note(text) to authenticated, service_role;

create table public.system_alerts (
  id uuid primary key default gen_random_uuid(),
  fingerprint text not null,
  check_code text not null,
  severity text not null check (severity in ('CRITICAL', 'WARN', 'INFO')),
  entity_type text not null,
  entity_id text not null,
  message text not null,
  details jsonb not null default '{}'::jsonb,
  status text not null default 'OPEN' check (status in ('OPEN', 'ACK', 'RESOLVED')),
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  cleared_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references auth.users (id),
  ack_note text check (char_length(ack_note) <= 2000),
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id),
  resolution_note text check (char_length(resolution_note) <= 2000),
  resolved_while_active boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (fingerprint = check_code || ':' || entity_type || ':' || entity_id),
  check (status = 'OPEN' or (acknowledged_at is not null and acknowledged_by is not null)),
  check (status <> 'RESOLVED' or (resolved_at is not null and resolved_by is not null
    and private.trim_note(resolution_note) is not null))
);
alter table public.system_alerts enable row level security;

comment on table public.system_alerts is 'Alerts raised from v_integrity_checks and their OPEN → ACK → RESOLVED workflow.';
comment on column public.system_alerts.fingerprint is 'check_code:entity_type:entity_id — at most one active (OPEN or ACK) alert per fingerprint.';
comment on column public.system_alerts.cleared_at is 'When the condition stopped being detected; null while it is detected.';
comment on column public.system_alerts.resolved_while_active is 'Resolved while the condition was still detected (an explicit "resolve anyway").';

-- At most one active alert per fingerprint; the sync relies on it.
create unique index system_alerts_active_fingerprint_key on public.system_alerts (fingerprint)
  where status in ('OPEN', 'ACK');
-- A resolved alert whose condition is still detected keeps a recurrence from opening a new alert.
create index system_alerts_uncleared_idx on public.system_alerts (fingerprint) where cleared_at is null;
create index system_alerts_status_last_seen_idx on public.system_alerts (status, last_seen_at desc, id);
create index system_alerts_last_seen_idx on public.system_alerts (last_seen_at desc, id);
create index system_alerts_check_code_idx on public.system_alerts (check_code, last_seen_at desc);
create index system_alerts_acknowledged_by_idx on public.system_alerts (acknowledged_by);
create index system_alerts_resolved_by_idx on public.system_alerts (resolved_by);

-- True when the statement runs as an API role (a user through PostgREST, or the service role),
-- false for the detection process (the sync runs as the table owner).
create function private.is_api_role()
returns boolean
language sql
stable
set search_path = ''
as $$
  select current_user in ('anon', 'authenticated', 'service_role')
$$;
revoke all on function private.is_api_role() from public, anon;
grant execute on function private.is_api_role() to authenticated, service_role;

create function public.system_alerts_set_actor()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  actor uuid := auth.uid();
  actor_role text := private.current_profile_role();
  transition text := old.status || '→' || new.status;
begin
  new.updated_at := now();

  if not private.is_api_role() then
    return new; -- the detection process maintains detection columns; it never changes status
  end if;

  -- Identity and detection columns belong to the sync.
  if new.id is distinct from old.id
    or new.fingerprint is distinct from old.fingerprint
    or new.check_code is distinct from old.check_code
    or new.severity is distinct from old.severity
    or new.entity_type is distinct from old.entity_type
    or new.entity_id is distinct from old.entity_id
    or new.message is distinct from old.message
    or new.details is distinct from old.details
    or new.first_seen_at is distinct from old.first_seen_at
    or new.last_seen_at is distinct from old.last_seen_at
    or new.cleared_at is distinct from old.cleared_at
    or new.created_at is distinct from old.created_at
    or new.resolved_while_active is distinct from old.resolved_while_active then
    raise exception 'detection columns of an alert cannot be changed'
      using errcode = '42501', hint = 'detection_columns_readonly';
  end if;

  if actor is null or actor_role is null then
    raise exception 'a workflow transition needs a signed-in user with a profile'
      using errcode = '42501', hint = 'actor_required';
  end if;

  if new.status = old.status then
    raise exception 'alert is already % (since %)', old.status,
      to_char(coalesce(old.resolved_at, old.acknowledged_at, old.updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      using errcode = 'P0001', hint = 'already_' || lower(old.status),
        detail = json_build_object('status', old.status,
          'acknowledged_by', old.acknowledged_by, 'acknowledged_at', old.acknowledged_at,
          'resolved_by', old.resolved_by, 'resolved_at', old.resolved_at)::text;
  end if;

  -- Whatever the client sent for the workflow columns, only the transition decides them.
  new.acknowledged_at := old.acknowledged_at;
  new.acknowledged_by := old.acknowledged_by;
  new.resolved_at := old.resolved_at;
  new.resolved_by := old.resolved_by;

  if transition = 'OPEN→ACK' then
    new.acknowledged_at := now();
    new.acknowledged_by := actor;
    new.ack_note := private.trim_note(new.ack_note);
    new.resolution_note := old.resolution_note;
  elsif transition in ('ACK→RESOLVED', 'OPEN→RESOLVED') then
    if actor_role <> 'directeur' then
      raise exception 'only a directeur can resolve an alert'
        using errcode = '42501', hint = 'resolve_requires_directeur';
    end if;
    new.resolution_note := private.trim_note(new.resolution_note);
    if new.resolution_note is null then
      raise exception 'a resolution note is required to resolve an alert'
        using errcode = '23514', hint = 'resolution_note_required';
    end if;
    if old.status = 'OPEN' then
      -- Resolving fills the acknowledgement too.
      new.acknowledged_at := now();
      new.acknowledged_by := actor;
      new.ack_note := private.trim_note(new.ack_note);
    else
      new.ack_note := old.ack_note;
    end if;
    new.resolved_at := now();
    new.resolved_by := actor;
    new.resolved_while_active := old.cleared_at is null;
  else
    raise exception 'transition % is not allowed', transition
      using errcode = 'P0001', hint = 'invalid_transition';
  end if;

  return new;
end;
$$;

create trigger system_alerts_set_actor
  before update on public.system_alerts
  for each row execute function public.system_alerts_set_actor();

-- Alerts are opened by the sync only: no API role inserts one, not even the service role, so no
-- alert can be forged already acknowledged or resolved.
create function public.system_alerts_refuse_api_insert()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_api_role() then
    raise exception 'alerts are opened by the sync only' using errcode = '42501', hint = 'alerts_opened_by_sync';
  end if;
  return new;
end;
$$;

create trigger system_alerts_refuse_api_insert
  before insert on public.system_alerts
  for each row execute function public.system_alerts_refuse_api_insert();

-- The detection process never deletes alerts either: the history stays.
create function public.system_alerts_refuse_delete()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'alerts are never deleted' using errcode = '42501', hint = 'alerts_are_permanent';
end;
$$;

create trigger system_alerts_refuse_delete
  before delete on public.system_alerts
  for each row execute function public.system_alerts_refuse_delete();

-- Grants: users read, and change only the workflow columns (the trigger decides their values).
revoke all on public.system_alerts from anon, authenticated;
grant select on public.system_alerts to authenticated;
grant update (status, ack_note, resolution_note, acknowledged_at, acknowledged_by, resolved_at, resolved_by)
  on public.system_alerts to authenticated;

-- Governance roles review alerts.
create policy system_alerts_select_governance on public.system_alerts
  for select to authenticated using ((select private.is_governance_reader()));
-- Admins acknowledge and directeurs resolve; the trigger tells the two apart.
create policy system_alerts_update_actors on public.system_alerts
  for update to authenticated
  using ((select private.can_act_on_alerts()))
  with check ((select private.can_act_on_alerts()));
