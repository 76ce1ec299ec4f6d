-- Replaces: public.alert_groups (20261203130000_add_alert_groups.sql), public.governance_overview (20261203120000_add_alert_silences.sql), public.system_alerts_set_actor (20261203080000_add_resolution_reasons.sql), public.system_alerts_record_event (20261203090000_add_alert_snooze.sql), public.v_system_alerts (20261203120000_add_alert_silences.sql), private.system_alert_events_notify (20261203120000_add_alert_silences.sql)
-- Working an alert (issue 14): four-eyes on risky closures.
--
-- Resolving a CRITICAL alert whose condition is still detected (« résoudre quand même ») is a
-- risky closure: one directeur alone no longer does it. The workflow trigger turns such a
-- resolution — from the console, a bulk resolve or the raw API alike — into a request: the alert
-- stays (or becomes, from OPEN) ACK, so it still counts as open everywhere (lists, overview,
-- deadlines, escalation); the request keeps who asked, when, the reason and the note they gave;
-- a `resolution_requested` ledger event is written and the other directeurs are told (e-mail,
-- webhook, per their preferences). The caller's answer says so: status ACK, resolution_requested_at
-- set.
--
-- Then public.countersign_resolution(alert, approve, note, expected_requested_at), a directeur other
-- than the requester, naming the request they read (its resolution_requested_at):
--   approve  the alert is RESOLVED with the requester's reason and note, resolved_by the
--            requester; countersigned_by/at name the second directeur. Ledger: `countersigned`
--            (the second directeur, their optional note) then `resolved` (the requester).
--   reject   a note is required; the request is withdrawn and the alert stays ACK. Ledger:
--            `resolution_rejected` (the second directeur, their note, the request in details).
-- Nobody countersigns their own request (hint countersign_same_person); admins and the PCA cannot
-- (countersign_requires_directeur). Two directeurs at once: the row is locked, the second is told
-- the request is no longer pending (no_countersign_pending); a request replaced since the page was
-- read (rejected, then asked again) is refused (countersign_conflict) rather than approved unseen.
-- A request whose author is no longer a directeur cannot be approved (requester_not_directeur; it
-- can still be rejected): the ledger would otherwise name a resolver the workflow does not allow.
-- A request leaves a pause as it was (only an actual resolution ends one). While a request is pending, a second
-- resolution is refused (countersign_pending) — unless the condition has cleared meanwhile: the
-- closure is no longer risky, a plain resolution is allowed and the request is dropped (named in
-- the `resolved` event).
-- A request that waits is still an open CRITICAL alert: its deadlines run and it escalates. The
-- list finds the waiting ones with « À contre-signer » (`?countersign=1`, alert_groups(…,
-- p_countersign) for its groups), through a partial index of the pending requests.
-- With a single directeur, a still-detected CRITICAL alert cannot be closed until the condition
-- clears or a second directeur exists: that is the rule, not a defect.

alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed', 'commented', 'assigned', 'delivery_retried', 'snoozed', 'unsnoozed', 'silence_created',
    'silence_ended', 'unsilenced', 'resolution_requested', 'countersigned', 'resolution_rejected']));

alter table public.system_alerts
  add column resolution_requested_by uuid references public.profils (user_id),
  add column resolution_requested_at timestamptz,
  add column requested_resolution_reason text
    constraint system_alerts_requested_resolution_reason_check
    check (requested_resolution_reason in ('fixed_at_source', 'expected_behaviour', 'false_positive', 'accepted_risk', 'duplicate')),
  add column requested_resolution_note text check (char_length(requested_resolution_note) <= 2000),
  add column countersigned_by uuid references public.profils (user_id),
  add column countersigned_at timestamptz,
  add constraint system_alerts_resolution_request_check check (
    (resolution_requested_by is null and resolution_requested_at is null
      and requested_resolution_reason is null and requested_resolution_note is null)
    or (resolution_requested_by is not null and resolution_requested_at is not null
      and requested_resolution_reason is not null and requested_resolution_note is not null)),
  add constraint system_alerts_countersign_check check (
    (countersigned_by is null and countersigned_at is null)
    or (countersigned_by is not null and countersigned_at is not null and status = 'RESOLVED'
      and resolution_requested_by is not null and countersigned_by <> resolution_requested_by));
comment on column public.system_alerts.resolution_requested_by is 'The directeur who asked to resolve this CRITICAL alert while its condition was still detected (four-eyes); pending while the alert is not RESOLVED.';
comment on column public.system_alerts.resolution_requested_at is 'When the resolution was requested.';
comment on column public.system_alerts.requested_resolution_reason is 'The reason the requester gave; it becomes resolution_reason when countersigned.';
comment on column public.system_alerts.requested_resolution_note is 'The note the requester gave; it becomes resolution_note when countersigned.';
comment on column public.system_alerts.countersigned_by is 'The second directeur who countersigned the resolution (never the requester).';
comment on column public.system_alerts.countersigned_at is 'When the resolution was countersigned.';

-- The pending requests (few): what a directeur will look for first.
create index system_alerts_resolution_requested_idx on public.system_alerts (resolution_requested_at)
  where resolution_requested_at is not null and status <> 'RESOLVED';
create index system_alerts_resolution_requested_by_idx on public.system_alerts (resolution_requested_by)
  where resolution_requested_by is not null;
create index system_alerts_countersigned_by_idx on public.system_alerts (countersigned_by)
  where countersigned_by is not null;
-- No column grant: only the workflow trigger and countersign_resolution() write these columns.

create or replace function public.system_alerts_set_actor()
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
  new.resolution_requested_by := old.resolution_requested_by;
  new.resolution_requested_at := old.resolution_requested_at;
  new.requested_resolution_reason := old.requested_resolution_reason;
  new.requested_resolution_note := old.requested_resolution_note;
  new.countersigned_by := old.countersigned_by;
  new.countersigned_at := old.countersigned_at;

  if transition = 'OPEN→ACK' then
    new.acknowledged_at := now();
    new.acknowledged_by := actor;
    new.ack_note := private.trim_note(new.ack_note);
    new.resolution_note := old.resolution_note;
    new.resolution_reason := old.resolution_reason;
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
    -- The value itself is checked by the column's constraint (one of the fixed list).
    if new.resolution_reason is null then
      raise exception 'a resolution reason is required to resolve an alert'
        using errcode = '23514', hint = 'resolution_reason_required';
    end if;
    if old.resolution_requested_at is not null and old.cleared_at is null then
      raise exception 'a resolution of this alert already awaits a countersignature'
        using errcode = 'P0001', hint = 'countersign_pending',
          detail = json_build_object('resolution_requested_at', old.resolution_requested_at,
            'resolution_requested_by_name',
            (select p.nom_complet from public.profils p where p.user_id = old.resolution_requested_by))::text;
    end if;
    if old.status = 'OPEN' then
      -- Resolving fills the acknowledgement too.
      new.acknowledged_at := now();
      new.acknowledged_by := actor;
      new.ack_note := private.trim_note(new.ack_note);
    else
      new.ack_note := old.ack_note;
    end if;
    if new.severity = 'CRITICAL' and old.cleared_at is null then
      -- IMPORTANT: four-eyes. A CRITICAL alert still detected is not closed by one person: the
      -- resolution becomes a request, and the alert stays active (ACK) until another directeur
      -- countersigns it (public.countersign_resolution).
      new.status := 'ACK';
      new.resolution_requested_by := actor;
      new.resolution_requested_at := now();
      new.requested_resolution_reason := new.resolution_reason;
      new.requested_resolution_note := new.resolution_note;
      new.resolution_reason := null;
      new.resolution_note := old.resolution_note;
      -- private.system_alerts_end_snooze (an earlier trigger) saw a resolution and ended the
      -- pause; a request is not one: the pause stays as it was.
      new.snoozed_until := old.snoozed_until;
      new.snoozed_by := old.snoozed_by;
      new.snoozed_at := old.snoozed_at;
      new.snooze_reason := old.snooze_reason;
      return new;
    end if;
    -- A plain resolution (the condition cleared meanwhile) drops a pending request.
    new.resolution_requested_by := null;
    new.resolution_requested_at := null;
    new.requested_resolution_reason := null;
    new.requested_resolution_note := null;
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

create or replace function public.system_alerts_record_event()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  snooze_end text;
begin
  if new.status is distinct from old.status and new.status = 'ACK' then
    perform private.record_alert_event(new.id, new.check_code, 'acknowledged', new.acknowledged_by, old.status,
      new.status, new.ack_note, null, new.acknowledged_at, null);
  elsif new.status is distinct from old.status and new.status = 'RESOLVED' then
    perform private.record_alert_event(new.id, new.check_code, 'resolved', new.resolved_by, old.status,
      new.status, new.resolution_note, new.resolved_while_active, new.resolved_at,
      jsonb_strip_nulls(jsonb_build_object('reason', new.resolution_reason,
        'ack_note', case when old.status = 'OPEN' then new.ack_note end,
        -- A resolution ends a pause: the event says which.
        'snoozed_until', case when old.snoozed_until > now() then old.snoozed_until end,
        'countersigned_by', new.countersigned_by,
        -- A plain resolution after the condition cleared drops a pending request: named here.
        'dropped_request_by', case when new.countersigned_by is null then old.resolution_requested_by end)));
  end if;

  if new.resolution_requested_at is not null and old.resolution_requested_at is null then
    perform private.record_alert_event(new.id, new.check_code, 'resolution_requested', new.resolution_requested_by,
      new.status, new.status, new.requested_resolution_note, null, new.resolution_requested_at,
      jsonb_build_object('reason', new.requested_resolution_reason, 'severity', new.severity,
        'requested_by_name', (select p.nom_complet from public.profils p where p.user_id = new.resolution_requested_by)));
  end if;

  if new.assigned_to is distinct from old.assigned_to then
    perform private.record_alert_event(new.id, new.check_code, 'assigned', new.assigned_by, new.status, new.status,
      null, null, new.assigned_at, jsonb_build_object(
        'from', old.assigned_to,
        'from_name', (select p.nom_complet from public.profils p where p.user_id = old.assigned_to),
        'to', new.assigned_to,
        'to_name', (select p.nom_complet from public.profils p where p.user_id = new.assigned_to)));
  end if;

  if new.snoozed_until is distinct from old.snoozed_until then
    if new.snoozed_until is not null and old.snoozed_until <= now() then
      -- A new pause over one that ran out before the sync recorded it: its end first.
      perform private.record_alert_event(new.id, new.check_code, 'unsnoozed', null, new.status, new.status, null, null,
        now(), jsonb_build_object('cause', 'expired', 'until', old.snoozed_until));
    end if;
    if new.snoozed_until is not null then
      perform private.record_alert_event(new.id, new.check_code, 'snoozed', new.snoozed_by, new.status, new.status,
        new.snooze_reason, null, new.snoozed_at, jsonb_build_object('until', new.snoozed_until, 'previous_until', old.snoozed_until));
    elsif new.status <> 'RESOLVED' then
      -- A resolution ends a pause without an event of its own: the `resolved` event names it.
      snooze_end := case
        when private.severity_rank(new.severity) > private.severity_rank(old.severity) then 'severity_worsened'
        when old.snoozed_until <= now() then 'expired'
        else 'ended' end;
      perform private.record_alert_event(new.id, new.check_code, 'unsnoozed',
        case when snooze_end = 'ended' then auth.uid() end, new.status, new.status, null, null, now(),
        jsonb_build_object('cause', snooze_end, 'until', old.snoozed_until));
    end if;
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

create function public.countersign_resolution(p_alert_id uuid, p_approve boolean, p_note text, p_expected_requested_at timestamptz)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := auth.uid();
  note text;
  current_row public.system_alerts;
  saved public.system_alerts;
begin
  -- The role first: nothing the caller sent is read before it is allowed to act.
  if actor is null or private.current_profile_role() is distinct from 'directeur' then
    raise exception 'only a directeur can countersign a resolution'
      using errcode = '42501', hint = 'countersign_requires_directeur';
  end if;
  if p_approve is null then
    raise exception 'say whether the resolution is countersigned or rejected'
      using errcode = '22023', hint = 'countersign_decision_required';
  end if;
  note := private.trim_note(p_note);
  if char_length(note) > 2000 then
    raise exception 'a note has at most 2000 characters' using errcode = '22001', hint = 'note_too_long';
  end if;
  if not p_approve and note is null then
    raise exception 'rejecting a resolution needs a note' using errcode = '23514', hint = 'countersign_note_required';
  end if;
  select * into current_row from public.system_alerts a where a.id = p_alert_id for update;
  if not found then
    raise exception 'alert not found' using errcode = 'P0002', hint = 'alert_not_found';
  end if;
  if current_row.resolution_requested_at is null or current_row.status = 'RESOLVED' then
    raise exception 'no resolution of this alert awaits a countersignature'
      using errcode = 'P0001', hint = 'no_countersign_pending',
        detail = json_build_object('status', current_row.status,
          'resolved_by_name', (select p.nom_complet from public.profils p where p.user_id = current_row.resolved_by),
          'resolved_at', current_row.resolved_at,
          'countersigned_by_name', (select p.nom_complet from public.profils p where p.user_id = current_row.countersigned_by))::text;
  end if;
  if current_row.resolution_requested_by = actor then
    raise exception 'a resolution is countersigned by another directeur than the one who asked'
      using errcode = '42501', hint = 'countersign_same_person';
  end if;
  -- IMPORTANT: the caller decides the request they read. Rejected and asked again since, it is
  -- another request (another reason, another note): refused, never approved unseen. Compared to
  -- the millisecond: the time the caller saw went through JSON and JavaScript dates.
  if date_trunc('milliseconds', current_row.resolution_requested_at)
    is distinct from date_trunc('milliseconds', p_expected_requested_at) then
    raise exception 'the request changed in the meantime' using errcode = 'P0001', hint = 'countersign_conflict',
      detail = json_build_object('resolution_requested_at', current_row.resolution_requested_at,
        'resolution_requested_by_name',
        (select p.nom_complet from public.profils p where p.user_id = current_row.resolution_requested_by))::text;
  end if;
  if p_approve and not exists (
    select 1 from public.profils p where p.user_id = current_row.resolution_requested_by and p.role = 'directeur'
  ) then
    raise exception 'the request''s author is no longer a directeur: it can only be rejected'
      using errcode = 'P0001', hint = 'requester_not_directeur';
  end if;

  if p_approve then
    perform private.record_alert_event(current_row.id, current_row.check_code, 'countersigned', actor,
      current_row.status, 'RESOLVED', note, current_row.cleared_at is null, now(),
      jsonb_build_object('requested_by', current_row.resolution_requested_by,
        'requested_at', current_row.resolution_requested_at, 'reason', current_row.requested_resolution_reason));
    -- Runs as the function's owner: the workflow trigger lets it through (not an API role), and the
    -- `resolved` event is written by the record trigger, under the requester's name.
    update public.system_alerts a
    set status = 'RESOLVED',
      resolution_reason = current_row.requested_resolution_reason,
      resolution_note = current_row.requested_resolution_note,
      resolved_by = current_row.resolution_requested_by,
      resolved_at = now(),
      resolved_while_active = current_row.cleared_at is null,
      countersigned_by = actor,
      countersigned_at = now()
    where a.id = p_alert_id
    returning * into saved;
  else
    update public.system_alerts a
    set resolution_requested_by = null, resolution_requested_at = null,
      requested_resolution_reason = null, requested_resolution_note = null
    where a.id = p_alert_id
    returning * into saved;
    perform private.record_alert_event(current_row.id, current_row.check_code, 'resolution_rejected', actor,
      current_row.status, current_row.status, note, null, now(),
      jsonb_build_object('requested_by', current_row.resolution_requested_by,
        'requested_by_name', (select p.nom_complet from public.profils p where p.user_id = current_row.resolution_requested_by),
        'requested_at', current_row.resolution_requested_at, 'reason', current_row.requested_resolution_reason,
        'request_note', current_row.requested_resolution_note));
  end if;
  return jsonb_build_object('id', saved.id, 'status', saved.status, 'resolved_at', saved.resolved_at,
    'countersigned_at', saved.countersigned_at, 'approved', p_approve);
end;
$$;
comment on function public.countersign_resolution(uuid, boolean, text, timestamptz) is 'Four-eyes: a directeur other than the requester countersigns (p_approve true: the alert is RESOLVED with the request''s reason and note; optional note) or rejects (false: note required, the alert stays ACK) the pending resolution of a CRITICAL alert still detected that they read (p_expected_requested_at: another one is refused, countersign_conflict). Ledger: countersigned + resolved, or resolution_rejected.';
revoke all on function public.countersign_resolution(uuid, boolean, text, timestamptz) from public, anon;
grant execute on function public.countersign_resolution(uuid, boolean, text, timestamptz) to authenticated;

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
  a.previous_alert_id,
  a.silence_id,
  sil.id is not null and sil.ended_at is null and sil.ends_at > now() as silenced,
  sil.ends_at as silenced_until,
  a.resolution_requested_by,
  req.nom_complet as resolution_requested_by_name,
  a.resolution_requested_at,
  a.requested_resolution_reason,
  a.requested_resolution_note,
  a.resolution_requested_at is not null and a.status <> 'RESOLVED' as awaiting_countersign,
  a.countersigned_by,
  csg.nom_complet as countersigned_by_name,
  a.countersigned_at
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by
left join public.profils asg on asg.user_id = a.assigned_to
left join public.profils asgby on asgby.user_id = a.assigned_by
left join public.profils snz on snz.user_id = a.snoozed_by
left join public.alert_silences sil on sil.id = a.silence_id
left join public.profils req on req.user_id = a.resolution_requested_by
left join public.profils csg on csg.user_id = a.countersigned_by;
comment on view public.v_system_alerts is 'Alerts with the names of who acknowledged, resolved, carries (assigned_to) and assigned them, and of a four-eyes resolution''s requester and countersigner; last_seen_at is the last sync''s time while the condition is detected.';

-- The other directeurs are asked to countersign.
create or replace function private.system_alert_events_notify()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $$
begin
  -- IMPORTANT: first, and before any insert: a statement trigger fires even for zero rows, and the
  -- `notified` insert below fires this trigger again.
  if not exists (select 1 from new_events e where e.event_type in ('opened', 'escalated', 'unsilenced', 'resolution_requested')) then
    return null;
  end if;
  -- Per statement, set-based: the sync's first run can open thousands of alerts in one insert, and
  -- most of them concern nobody's immediate notifications.
  -- An alert that opens silenced is announced when its silence ends (`unsilenced`), not before.
  with causes as (
    select e.id, e.alert_id, e.check_code, e.to_status, a.severity, e.event_type, e.actor_id,
      case when e.event_type in ('opened', 'unsilenced') then array['admin']
        -- A four-eyes request asks the other directeurs to countersign.
        when e.event_type = 'resolution_requested' then array['directeur']
        else array(select jsonb_array_elements_text(e.details -> 'audience')) end as audience,
      case when e.event_type = 'escalated' then 'escalation' else 'alert' end as kind
    from new_events e
    join public.system_alerts a on a.id = e.alert_id
    where e.event_type in ('escalated', 'unsilenced', 'resolution_requested')
      or (e.event_type = 'opened' and a.silence_id is null)
  ),
  recipients as materialized (
    select r.* from private.notification_recipients() r where r.min_severity is not null
  ),
  inserted as (
    insert into public.notification_deliveries (event_id, alert_id, recipient_id, channel, kind)
    select c.id, c.alert_id, r.user_id, ch.channel, c.kind
    from causes c
    join recipients r on r.role = any (c.audience)
      and private.severity_rank(c.severity) >= private.severity_rank(r.min_severity)
      -- The requester is not asked to countersign their own request.
      and (c.event_type <> 'resolution_requested' or r.user_id is distinct from c.actor_id)
    cross join lateral (
      select 'email' as channel where r.email_enabled and r.email is not null
      union all
      select 'webhook' where r.webhook_url is not null
    ) ch
    order by c.id, r.user_id, ch.channel
    on conflict do nothing
    returning id, event_id, recipient_id, channel
  ),
  queued as materialized (
    -- Every delivery is handed to the queue in one call (the condition is an InitPlan: evaluated
    -- once, before any row is read), then passed on for the ledger's `notified` events.
    select i.event_id, i.recipient_id, i.channel
    from inserted i
    where (select private.enqueue_deliveries(array_agg(x.id)) from inserted x) >= 0
  ),
  notified as (
    select q.event_id,
      jsonb_agg(jsonb_build_object('recipient_id', q.recipient_id, 'channel', q.channel, 'role', r.role)
        order by q.recipient_id, q.channel) as recipients
    from queued q
    join recipients r on r.user_id = q.recipient_id
    group by q.event_id
  )
  -- The ledger says who was told, on which channel (never the address); this insert fires this
  -- trigger again, with `notified` rows only, which it ignores.
  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  select 0, c.alert_id, 'notified', c.check_code, null, 'system', c.to_status, c.to_status, null, null, now(),
    jsonb_build_object('cause_event_id', c.id, 'cause', c.event_type,
      'recipients', n.recipients),
    repeat('0', 64), repeat('0', 64)
  from notified n
  join causes c on c.id = n.event_id
  order by c.id;
  return null;
end;
$$;
comment on function private.system_alert_events_notify() is 'Writes the deliveries the `opened`, `unsilenced`, `escalated` and `resolution_requested` ledger events of one statement call for (the rules: opened and unsilenced → admins, escalated → its audience, resolution_requested → the other directeurs; each recipient''s minimum severity and channels), hands them to the queue, and records them as `notified` events.';

-- « À contre-signer » in the list and its groups: alert_groups() takes the filter too (a new
-- argument, so the function is recreated; its body is otherwise the same).
drop function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text);
create function public.alert_groups(p_by text, p_status text DEFAULT 'active'::text, p_severity text DEFAULT NULL::text, p_check text DEFAULT NULL::text, p_entity_type text DEFAULT NULL::text, p_entity_id text DEFAULT NULL::text, p_mine boolean DEFAULT false, p_snoozed boolean DEFAULT false, p_silenced boolean DEFAULT false, p_term text DEFAULT NULL::text, p_countersign boolean DEFAULT false)
 RETURNS TABLE(check_code text, entity_type text, entity_id text, entity_label text, alert_count bigint, critical_count bigint, warn_count bigint, info_count bigint, open_count bigint, ack_count bigint, resolved_count bigint, latest_first_seen_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $$
declare
  pattern text;
begin
  if not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if p_by is null or p_by not in ('check', 'entity') then
    raise exception 'alerts group by check or by entity' using errcode = '22023', hint = 'invalid_group';
  end if;
  if p_status is null or p_status not in ('active', 'all', 'OPEN', 'ACK', 'RESOLVED') then
    raise exception 'unknown status filter' using errcode = '22023', hint = 'invalid_status';
  end if;
  if p_term is not null and (length(p_term) < 1 or length(p_term) > 200) then
    raise exception 'the search term must be 1 to 200 characters' using errcode = '22023', hint = 'invalid_term';
  end if;
  if (p_entity_type is null) <> (p_entity_id is null) then
    raise exception 'an entity is a type and an id' using errcode = '22023', hint = 'invalid_entity';
  end if;
  -- The term matches itself: \, % and _ are escaped (as the list's search does).
  pattern := '%' || replace(replace(replace(p_term, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  return query
  with grouped as (
    select
      case when p_by = 'check' then a.check_code end as g_check,
      case when p_by = 'entity' then a.entity_type end as g_type,
      case when p_by = 'entity' then a.entity_id end as g_id,
      count(*) as n,
      count(*) filter (where a.severity = 'CRITICAL') as critical,
      count(*) filter (where a.severity = 'WARN') as warn,
      count(*) filter (where a.severity = 'INFO') as info,
      count(*) filter (where a.status = 'OPEN') as opened,
      count(*) filter (where a.status = 'ACK') as acked,
      count(*) filter (where a.status = 'RESOLVED') as resolved,
      max(a.first_seen_at) as latest,
      max(a.severity_rank) as top_rank
    from public.v_system_alerts a
    where (p_status = 'all' or (p_status = 'active' and a.status in ('OPEN', 'ACK')) or a.status = p_status)
      and (p_severity is null or a.severity = p_severity)
      and (p_check is null or a.check_code = p_check)
      and (p_entity_id is null or (a.entity_id = p_entity_id and a.entity_type = p_entity_type))
      and (not coalesce(p_mine, false) or a.assigned_to = auth.uid())
      -- As the list: paused and silenced alerts under their own views only (either, for both).
      and (not coalesce(p_snoozed, false) or a.snoozed)
      and (not coalesce(p_silenced, false) or a.silenced)
      and (coalesce(p_snoozed, false) or coalesce(p_silenced, false) or not (a.snoozed or a.silenced))
      and (p_term is null or a.search_text ilike pattern)
      -- « À contre-signer »: the resolutions waiting for a second directeur.
      and (not coalesce(p_countersign, false) or a.awaiting_countersign)
    group by 1, 2, 3
    order by max(a.severity_rank) desc, count(*) desc, 1, 2, 3
    limit 201
  )
  select g.g_check, g.g_type, g.g_id,
    case when p_by = 'entity' then private.entity_label(g.g_type, g.g_id) end,
    g.n, g.critical, g.warn, g.info, g.opened, g.acked, g.resolved, g.latest
  from grouped g
  order by g.top_rank desc, g.n desc, g.g_check, g.g_type, g.g_id;
end;
$$;
comment on function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text, p_countersign boolean) is 'The alert list grouped by check code (p_by = check) or by object (entity), under the list''s filters (p_countersign: only the resolutions awaiting a countersignature): one row per group with its counts by severity and status and its latest detection, most severe first, at most 201 rows; governance roles only, read as the caller (RLS).';
revoke all on function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text, p_countersign boolean) from public, anon;
grant execute on function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text, p_countersign boolean) to authenticated;

-- The overview counts the resolutions waiting for a second directeur (they stay in its active counts).
create or replace function public.governance_overview(days integer DEFAULT 30)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $$
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
    'last_sync_at', (select s.last_run_at from public.alert_sync_state s where s.id),
    'days', days,
    -- Silenced alerts are counted apart (a maintenance window's expected findings).
    'active_by_severity', (
      select jsonb_build_object(
        'CRITICAL', count(*) filter (where severity = 'CRITICAL'),
        'WARN', count(*) filter (where severity = 'WARN'),
        'INFO', count(*) filter (where severity = 'INFO'))
      from public.system_alerts a
      where a.status in ('OPEN', 'ACK') and (a.silence_id is null or not private.is_silenced(a.silence_id))),
    'silenced_active', (
      select count(*) from public.system_alerts a
      where a.silence_id is not null and a.status in ('OPEN', 'ACK') and private.is_silenced(a.silence_id)),
    -- Four-eyes: resolutions waiting for a second directeur (still active, counted above too).
    'awaiting_countersign', (
      select count(*) from public.system_alerts a
      where a.resolution_requested_at is not null and a.status <> 'RESOLVED'),
    'silences_running', (
      select count(*) from public.alert_silences s
      where s.ended_at is null and s.starts_at <= now() and s.ends_at > now()),
    'by_status', (
      -- Grouped first: counted from the (status, …) index, not by reading every row.
      select jsonb_build_object(
        'OPEN', coalesce(sum(n) filter (where status = 'OPEN'), 0),
        'ACK', coalesce(sum(n) filter (where status = 'ACK'), 0),
        'RESOLVED', coalesce(sum(n) filter (where status = 'RESOLVED'), 0))
      from (select status, count(*) as n from public.system_alerts group by status) s),
    'checks', coalesce((
      select jsonb_agg(jsonb_build_object('check_code', check_code, 'severity', severity, 'count', n)
        order by check_code, severity)
      from (
        select check_code, severity, count(*) as n
        from public.system_alerts where cleared_at is null group by check_code, severity
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
