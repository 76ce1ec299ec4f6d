-- Replaces: public.system_alerts_record_event, public.v_system_alerts (20261125160000_sync_writes_only_changes.sql)
-- Working an alert, part one (issue 14: comments and assignment).
--
-- * Comments: an admin or a directeur adds a comment to an alert at any status through
--   public.add_alert_comment(). A comment IS a ledger event (`commented`, its text in `note`):
--   the hash-chained ledger is append-only for every role, so a comment can never be edited or
--   deleted, and it shows in the alert's history and the audit page like any other step. The text
--   is trimmed of blank and invisible characters (private.trim_note), 1 to 2000 characters; an
--   alert takes at most 500 comments (nothing a user writes grows without bound). PCA reads them
--   (the ledger's select policy) and cannot add any.
-- * Assignment: system_alerts.assigned_to names the governance user (admin or directeur) who
--   carries the alert; assigned_by and assigned_at say who set it, and when (set by a trigger,
--   never by the client). Only public.assign_alert() changes it (no column grant), and each change
--   is an `assigned` ledger event (details: from, to and their names at the time), written by the
--   record_event trigger in the same transaction.
--   Two people assigning at once: the caller names the assignee they saw (`p_expected_assignee`,
--   null for "nobody"); the row is locked and compared, so of two concurrent changes the second is
--   refused (hint `assignment_conflict`) and told who is now assigned and by whom. Last-write-wins
--   would let one silently undo the other; the workflow's rule is "one wins, the other is told".
-- * Writes through PostgREST count against the per-user write limit (api_guard.check_request)
--   like every other write: both functions are volatile, so their requests are read-write.

alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed', 'commented', 'assigned']));

-- Assignment ---------------------------------------------------------------------------------------

alter table public.system_alerts
  add column assigned_to uuid references public.profils (user_id),
  add column assigned_by uuid references public.profils (user_id),
  add column assigned_at timestamptz,
  add constraint system_alerts_assignment_check check (assigned_to is null or assigned_at is not null);
comment on column public.system_alerts.assigned_to is 'The admin or directeur who carries the alert (null: nobody). Changed only through assign_alert().';
comment on column public.system_alerts.assigned_by is 'Who last changed the assignment (null: nobody yet, or not a signed-in user).';
comment on column public.system_alerts.assigned_at is 'When the assignment last changed.';

-- « Mes alertes »: the list filtered on the viewer, in its default order.
create index system_alerts_assigned_to_idx on public.system_alerts (assigned_to, first_seen_at desc, id desc)
  where assigned_to is not null;
create index system_alerts_assigned_by_idx on public.system_alerts (assigned_by) where assigned_by is not null;

create function private.system_alerts_set_assignee()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.assigned_to is not distinct from old.assigned_to then
    -- Whatever a writer sent, only a change of assignee moves who assigned and when.
    new.assigned_by := old.assigned_by;
    new.assigned_at := old.assigned_at;
    return new;
  end if;
  if new.assigned_to is not null and not exists (
      select 1 from public.profils p where p.user_id = new.assigned_to and p.role in ('admin', 'directeur')) then
    raise exception 'an alert can only be assigned to an admin or a directeur'
      using errcode = '22023', hint = 'assignee_not_allowed';
  end if;
  if old.status = 'RESOLVED' then
    raise exception 'a resolved alert keeps its assignment' using errcode = 'P0001', hint = 'alert_resolved';
  end if;
  new.assigned_by := auth.uid();
  new.assigned_at := now();
  return new;
end;
$$;
comment on function private.system_alerts_set_assignee() is 'Before update: an assignee must be an admin or a directeur, a resolved alert keeps its assignment; sets assigned_by and assigned_at from the caller and the clock.';
revoke all on function private.system_alerts_set_assignee() from public, anon, authenticated;

create trigger system_alerts_set_assignee
before update on public.system_alerts
for each row
execute function private.system_alerts_set_assignee();

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

create function public.assign_alert(p_alert_id uuid, p_assignee uuid, p_expected_assignee uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  current_row public.system_alerts;
  saved public.system_alerts;
begin
  if not private.can_act_on_alerts() then
    raise exception 'only an admin or a directeur can assign an alert' using errcode = '42501', hint = 'assign_requires_actor';
  end if;
  select * into current_row from public.system_alerts a where a.id = p_alert_id for update;
  if not found then
    raise exception 'alert not found' using errcode = 'P0002', hint = 'alert_not_found';
  end if;
  if current_row.status = 'RESOLVED' then
    raise exception 'a resolved alert keeps its assignment' using errcode = 'P0001', hint = 'alert_resolved';
  end if;
  -- IMPORTANT: the caller says whom they saw assigned; anything else means someone changed it
  -- since: refuse, and say who (the row is locked, so this is the latest word).
  if current_row.assigned_to is distinct from p_expected_assignee then
    raise exception 'the assignment changed in the meantime' using errcode = 'P0001', hint = 'assignment_conflict',
      detail = json_build_object(
        'assigned_to', current_row.assigned_to,
        'assigned_to_name', (select p.nom_complet from public.profils p where p.user_id = current_row.assigned_to),
        'assigned_by', current_row.assigned_by,
        'assigned_by_name', (select p.nom_complet from public.profils p where p.user_id = current_row.assigned_by),
        'assigned_at', current_row.assigned_at)::text;
  end if;
  if p_assignee is not distinct from current_row.assigned_to then
    saved := current_row; -- nothing to change, nothing to record
  else
    -- The trigger checks the assignee's role, sets assigned_by and assigned_at; the ledger
    -- event is written by the record_event trigger.
    update public.system_alerts a set assigned_to = p_assignee where a.id = p_alert_id returning * into saved;
  end if;
  return jsonb_build_object('id', saved.id, 'assigned_to', saved.assigned_to, 'assigned_by', saved.assigned_by,
    'assigned_at', saved.assigned_at);
end;
$$;
comment on function public.assign_alert(uuid, uuid, uuid) is 'Assigns an alert to an admin or a directeur (null: nobody); admin and directeur only. p_expected_assignee is the assignee the caller saw: a different current one is refused (assignment_conflict) and named.';
revoke all on function public.assign_alert(uuid, uuid, uuid) from public, anon;
grant execute on function public.assign_alert(uuid, uuid, uuid) to authenticated;

-- Comments -----------------------------------------------------------------------------------------

create function public.add_alert_comment(p_alert_id uuid, p_body text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  body text := private.trim_note(p_body);
  alert_status text;
  alert_check text;
  saved public.system_alert_events;
begin
  if not private.can_act_on_alerts() then
    raise exception 'only an admin or a directeur can comment on an alert' using errcode = '42501', hint = 'comment_requires_actor';
  end if;
  if body is null then
    raise exception 'a comment needs text' using errcode = '23514', hint = 'comment_required';
  end if;
  if char_length(body) > 2000 then
    raise exception 'a comment has at most 2000 characters' using errcode = '22001', hint = 'comment_too_long';
  end if;
  -- Locked, so that two comments at once count each other against the cap.
  select a.status, a.check_code into alert_status, alert_check from public.system_alerts a where a.id = p_alert_id for update;
  if not found then
    raise exception 'alert not found' using errcode = 'P0002', hint = 'alert_not_found';
  end if;
  if (select count(*) from public.system_alert_events e where e.alert_id = p_alert_id and e.event_type = 'commented') >= 500 then
    raise exception 'an alert takes at most 500 comments' using errcode = '54000', hint = 'too_many_comments';
  end if;
  perform private.record_alert_event(p_alert_id, alert_check, 'commented', auth.uid(), alert_status, alert_status,
    body, null, now(), null);
  select * into saved from public.system_alert_events e
  where e.alert_id = p_alert_id and e.event_type = 'commented' order by e.id desc limit 1;
  return jsonb_build_object('id', saved.id, 'occurred_at', saved.occurred_at, 'note', saved.note);
end;
$$;
comment on function public.add_alert_comment(uuid, text) is 'Adds a comment (1 to 2000 characters once trimmed) to an alert at any status, as a `commented` ledger event; admin and directeur only; append-only like the whole ledger.';
revoke all on function public.add_alert_comment(uuid, text) from public, anon;
grant execute on function public.add_alert_comment(uuid, text) to authenticated;

-- The list and the detail read the assignee's name. Columns are appended (create or replace keeps
-- the existing ones, their order, the grants and the dependent objects); the body is unchanged above.
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
  a.assigned_at
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by
left join public.profils asg on asg.user_id = a.assigned_to
left join public.profils asgby on asgby.user_id = a.assigned_by;
comment on view public.v_system_alerts is 'Alerts with the names of who acknowledged, resolved, carries (assigned_to) and assigned them; last_seen_at is the last sync''s time while the condition is detected.';
