-- Replaces: public.system_alerts_set_actor (20261125100400_create_system_alerts.sql), public.system_alerts_record_event, public.v_system_alerts (20261202190000_add_alert_comments_and_assignment.sql)
-- Working an alert (issue 14): resolution reasons.
--
-- Resolving now says why, from a fixed list, besides the note:
--   fixed_at_source     corrigé à la source
--   expected_behaviour  comportement attendu
--   false_positive      faux positif
--   accepted_risk       risque accepté
--   duplicate           doublon
-- The codes are stable (the console translates them); the column's constraint holds the list, and
-- the workflow trigger requires one on every resolution by a user (hint resolution_reason_required),
-- so a reason cannot be skipped through the raw API either. An acknowledgement cannot set one.
-- The `resolved` ledger event carries it in details (`reason`), inside the hash chain.
-- Alerts resolved before this migration have no reason (null): nobody gave one, and the console
-- says « non précisée » rather than inventing it.
--
-- alert_resolution_reasons(days) gives the overview's breakdown: alerts resolved in the last N
-- days by reason, and how many of them were resolved while still detected.

alter table public.system_alerts
  add column resolution_reason text
    constraint system_alerts_resolution_reason_check
    check (resolution_reason in ('fixed_at_source', 'expected_behaviour', 'false_positive', 'accepted_risk', 'duplicate')),
  add constraint system_alerts_resolution_reason_resolved_check check (resolution_reason is null or status = 'RESOLVED');
comment on column public.system_alerts.resolution_reason is 'Why the alert was resolved: fixed_at_source, expected_behaviour, false_positive, accepted_risk or duplicate (null: resolved before reasons existed, or not resolved).';

grant update (resolution_reason) on public.system_alerts to authenticated;

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
      jsonb_strip_nulls(jsonb_build_object('reason', new.resolution_reason,
        'ack_note', case when old.status = 'OPEN' then new.ack_note end)));
  end if;

  if new.assigned_to is distinct from old.assigned_to then
    perform private.record_alert_event(new.id, new.check_code, 'assigned', new.assigned_by, new.status, new.status,
      null, null, new.assigned_at, jsonb_build_object(
        'from', old.assigned_to,
        'from_name', (select p.nom_complet from public.profils p where p.user_id = old.assigned_to),
        'to', new.assigned_to,
        'to_name', (select p.nom_complet from public.profils p where p.user_id = new.assigned_to)));
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

-- Appended column (create or replace keeps the others, their order, grants and dependants).
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
  a.resolution_reason
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by
left join public.profils asg on asg.user_id = a.assigned_to
left join public.profils asgby on asgby.user_id = a.assigned_by;

create function public.alert_resolution_reasons(p_days integer)
returns table(reason text, resolved bigint, resolved_while_active bigint)
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_days is null or p_days < 1 or p_days > 366 then
    raise exception 'the period must be 1 to 366 days' using errcode = '22023', hint = 'period_invalid';
  end if;
  return query
  select coalesce(a.resolution_reason, 'unspecified'), count(*), count(*) filter (where a.resolved_while_active)
  from public.system_alerts a
  -- The overview's period: from the start of the day p_days − 1 days ago (governance_overview).
  where a.status = 'RESOLVED' and a.resolved_at >= date_trunc('day', now()) - make_interval(days => p_days - 1)
  group by 1
  order by 2 desc, 1;
end;
$$;
comment on function public.alert_resolution_reasons(integer) is 'Alerts resolved in the last N days (1–366, today included, as governance_overview counts them) by resolution reason (`unspecified`: resolved before reasons existed), and how many of them while still detected (RLS applies).';
revoke all on function public.alert_resolution_reasons(integer) from public, anon;
grant execute on function public.alert_resolution_reasons(integer) to authenticated, service_role;
