-- Replaces: public.system_alerts_record_event, public.v_system_alerts (20261203080000_add_resolution_reasons.sql), public.sync_system_alerts (20261202140100_replace_sync_system_alerts.sql), private.escalate_overdue_alerts (20261202140000_create_notifications.sql)
-- Working an alert (issue 14): snooze.
--
-- An admin or a directeur pauses an active alert until a date-time with a reason, through
-- public.snooze_alert(); public.end_alert_snooze() ends the pause early. A pause ends at most 30 days
-- ahead AND at most 30 days after the alert was first detected: pausing again and again cannot hide
-- an alert (nor hold back its escalations) for longer than that — past it, a known long-running
-- condition is resolved with a reason (« risque accepté ») or silenced by a directeur. An alert
-- takes at most 50 pauses (nothing a user does grows without bound). Only these
-- two functions change the snooze columns (no column grant). While paused:
--   * the alert leaves the default list (v_system_alerts.snoozed, judged on the database's clock)
--     and shows « en pause jusqu'au … »;
--   * detection and the ledger go on (the sync refreshes, clears and re-opens as usual);
--   * nothing escalates from it (escalate_overdue_alerts skips it); once back, an overdue step
--     escalates at the next run.
-- It comes back by itself: at expiry (the sync ends expired pauses, private.end_expired_snoozes, and
-- the view stops counting it as paused the moment the time passes), at once when the sync raises
-- its severity (a BEFORE UPDATE trigger), and a resolution ends it.
-- Each step is a ledger event: `snoozed` (who, until when, why — the reason in `note`, the end in
-- details) and `unsnoozed` (details.cause: ended — by whom —, expired or severity_worsened).
-- Two people pausing at once: the caller names the pause end they saw (`p_expected_until`, null for
-- "not paused"); the row is locked and compared, so of two concurrent changes the second is
-- refused (hint snooze_conflict) and told who paused it until when — the assignment's rule.

alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed', 'commented', 'assigned', 'delivery_retried', 'snoozed', 'unsnoozed']));

alter table public.system_alerts
  add column snoozed_until timestamptz,
  add column snoozed_by uuid references public.profils (user_id),
  add column snoozed_at timestamptz,
  add column snooze_reason text check (char_length(snooze_reason) <= 500),
  add constraint system_alerts_snooze_check check (
    (snoozed_until is null and snoozed_by is null and snoozed_at is null and snooze_reason is null)
    or (snoozed_until is not null and snoozed_by is not null and snoozed_at is not null and snooze_reason is not null
      and status <> 'RESOLVED'));
comment on column public.system_alerts.snoozed_until is 'Paused until then (null: not paused); changed only through snooze_alert() and end_alert_snooze(), ended by the sync at expiry or when the severity worsens.';
comment on column public.system_alerts.snoozed_by is 'Who paused the alert.';
comment on column public.system_alerts.snoozed_at is 'When the alert was paused.';
comment on column public.system_alerts.snooze_reason is 'Why the alert was paused (1 to 500 characters).';

-- The paused alerts, for the « En pause » filter and the sync's expiry.
create index system_alerts_snoozed_until_idx on public.system_alerts (snoozed_until) where snoozed_until is not null;
create index system_alerts_snoozed_by_idx on public.system_alerts (snoozed_by) where snoozed_by is not null;

create function private.system_alerts_end_snooze()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- A pause ends when the alert is resolved, or when its severity worsens (whoever writes it: the
  -- sync raises severities). Only when the writer did not set the pause itself.
  if old.snoozed_until is not null and new.snoozed_until is not distinct from old.snoozed_until
    and (new.status = 'RESOLVED' or private.severity_rank(new.severity) > private.severity_rank(old.severity)) then
    new.snoozed_until := null;
    new.snoozed_by := null;
    new.snoozed_at := null;
    new.snooze_reason := null;
  end if;
  return new;
end;
$$;
comment on function private.system_alerts_end_snooze() is 'Before update: a resolution or a worse severity ends the alert''s pause.';
revoke all on function private.system_alerts_end_snooze() from public, anon, authenticated;

create trigger system_alerts_end_snooze
before update on public.system_alerts
for each row
execute function private.system_alerts_end_snooze();

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
        'snoozed_until', case when old.snoozed_until > now() then old.snoozed_until end)));
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

create function public.snooze_alert(p_alert_id uuid, p_until timestamptz, p_reason text, p_expected_until timestamptz)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  reason text := private.trim_note(p_reason);
  current_row public.system_alerts;
  saved public.system_alerts;
begin
  if not private.can_act_on_alerts() then
    raise exception 'only an admin or a directeur can pause an alert' using errcode = '42501', hint = 'snooze_requires_actor';
  end if;
  if reason is null then
    raise exception 'a pause needs a reason' using errcode = '23514', hint = 'snooze_reason_required';
  end if;
  if char_length(reason) > 500 then
    raise exception 'a pause reason has at most 500 characters' using errcode = '22001', hint = 'snooze_reason_too_long';
  end if;
  if p_until is null or p_until <= now() then
    raise exception 'a pause ends in the future' using errcode = '22023', hint = 'snooze_until_past';
  end if;
  if p_until > now() + interval '30 days' then
    raise exception 'a pause lasts at most 30 days' using errcode = '22023', hint = 'snooze_too_long';
  end if;
  select * into current_row from public.system_alerts a where a.id = p_alert_id for update;
  if not found then
    raise exception 'alert not found' using errcode = 'P0002', hint = 'alert_not_found';
  end if;
  if p_until > current_row.first_seen_at + interval '30 days' then
    raise exception 'a pause ends at most 30 days after the alert was first detected (%)',
      current_row.first_seen_at + interval '30 days'
      using errcode = '22023', hint = 'snooze_too_long',
        detail = json_build_object('latest_until', current_row.first_seen_at + interval '30 days')::text;
  end if;
  if (select count(*) from public.system_alert_events e where e.alert_id = p_alert_id and e.event_type = 'snoozed') >= 50 then
    raise exception 'an alert takes at most 50 pauses' using errcode = '54000', hint = 'too_many_snoozes';
  end if;
  if current_row.status = 'RESOLVED' then
    raise exception 'a resolved alert cannot be paused' using errcode = 'P0001', hint = 'alert_resolved';
  end if;
  -- IMPORTANT: the caller says which pause they saw (null: none, or one already over); anything
  -- else means someone changed it since: refuse, and say who (the row is locked).
  -- Compared to the millisecond: the end the caller saw went through JSON and JavaScript dates.
  if date_trunc('milliseconds', case when current_row.snoozed_until > now() then current_row.snoozed_until end)
    is distinct from date_trunc('milliseconds', p_expected_until) then
    raise exception 'the pause changed in the meantime' using errcode = 'P0001', hint = 'snooze_conflict',
      detail = json_build_object(
        'snoozed_until', case when current_row.snoozed_until > now() then current_row.snoozed_until end,
        'snoozed_by_name', (select p.nom_complet from public.profils p where p.user_id = current_row.snoozed_by),
        'snoozed_at', current_row.snoozed_at)::text;
  end if;
  update public.system_alerts a
  set snoozed_until = p_until, snoozed_by = auth.uid(), snoozed_at = now(), snooze_reason = reason
  where a.id = p_alert_id
  returning * into saved;
  return jsonb_build_object('id', saved.id, 'snoozed_until', saved.snoozed_until, 'snoozed_by', saved.snoozed_by,
    'snoozed_at', saved.snoozed_at, 'snooze_reason', saved.snooze_reason);
end;
$$;
comment on function public.snooze_alert(uuid, timestamptz, text, timestamptz) is 'Pauses an active alert until p_until (in the future, at most 30 days ahead and 30 days after its first detection; 50 pauses per alert at most) with a reason (1 to 500 characters); admin and directeur only; p_expected_until is the pause end the caller saw (null: not paused): a different current one is refused (snooze_conflict). A `snoozed` ledger event.';
revoke all on function public.snooze_alert(uuid, timestamptz, text, timestamptz) from public, anon;
grant execute on function public.snooze_alert(uuid, timestamptz, text, timestamptz) to authenticated;

create function public.end_alert_snooze(p_alert_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  current_row public.system_alerts;
begin
  if not private.can_act_on_alerts() then
    raise exception 'only an admin or a directeur can end a pause' using errcode = '42501', hint = 'snooze_requires_actor';
  end if;
  select * into current_row from public.system_alerts a where a.id = p_alert_id for update;
  if not found then
    raise exception 'alert not found' using errcode = 'P0002', hint = 'alert_not_found';
  end if;
  if current_row.snoozed_until is null or current_row.snoozed_until <= now() then
    raise exception 'the alert is not paused' using errcode = 'P0001', hint = 'not_snoozed';
  end if;
  update public.system_alerts a
  set snoozed_until = null, snoozed_by = null, snoozed_at = null, snooze_reason = null
  where a.id = p_alert_id;
  return jsonb_build_object('id', p_alert_id, 'snoozed_until', null);
end;
$$;
comment on function public.end_alert_snooze(uuid) is 'Ends an alert''s pause now; admin and directeur only; an `unsnoozed` ledger event (cause: ended).';
revoke all on function public.end_alert_snooze(uuid) from public, anon;
grant execute on function public.end_alert_snooze(uuid) to authenticated;

create function private.end_expired_snoozes()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  ended integer;
begin
  update public.system_alerts a
  set snoozed_until = null, snoozed_by = null, snoozed_at = null, snooze_reason = null
  where a.snoozed_until <= now();
  get diagnostics ended = row_count;
  return ended;
end;
$$;
comment on function private.end_expired_snoozes() is 'Ends every pause whose time has passed (an `unsnoozed` ledger event each, cause: expired); returns how many. Run by the sync.';
revoke all on function private.end_expired_snoozes() from public, anon, authenticated;

create or replace function private.escalate_overdue_alerts()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  escalated integer;
begin
  with overdue as (
    select a.id, a.check_code, a.status, a.severity, 'ack' as level, a.first_seen_at + d.ack_within as due_at,
      d.ack_within as deadline
    from public.system_alerts a
    join public.alert_deadlines d on d.severity = a.severity
    where a.status = 'OPEN' and d.ack_within is not null and a.first_seen_at + d.ack_within <= now()
      and (a.snoozed_until is null or a.snoozed_until <= now())
      and not exists (select 1 from private.alert_escalations x where x.alert_id = a.id and x.level = 'ack')
    union all
    select a.id, a.check_code, a.status, a.severity, 'resolve', a.first_seen_at + d.resolve_within, d.resolve_within
    from public.system_alerts a
    join public.alert_deadlines d on d.severity = a.severity
    where a.status in ('OPEN', 'ACK') and d.resolve_within is not null and a.first_seen_at + d.resolve_within <= now()
      and (a.snoozed_until is null or a.snoozed_until <= now())
      and not exists (select 1 from private.alert_escalations x where x.alert_id = a.id and x.level = 'resolve')
  ),
  recorded as (
    insert into private.alert_escalations (alert_id, level, due_at)
    select o.id, o.level, o.due_at from overdue o
    order by o.due_at, o.id
    on conflict do nothing
    returning alert_id, level
  ),
  events as (
    select private.record_alert_event(o.id, o.check_code, 'escalated', null, o.status, o.status, null, null, now(),
      jsonb_build_object('level', o.level, 'severity', o.severity, 'due_at', o.due_at,
        'deadline_minutes', round(extract(epoch from o.deadline) / 60),
        'audience', case when o.level = 'ack' then '["directeur"]'::jsonb
          when o.severity = 'CRITICAL' then '["directeur", "pca"]'::jsonb else '["directeur"]'::jsonb end))
    from recorded r
    join overdue o on o.id = r.alert_id and o.level = r.level
    order by o.due_at, o.id, o.level
  )
  select count(*) into escalated from events;
  return escalated;
end;
$$;

create or replace function public.sync_system_alerts()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  run_started_at timestamptz := now();
  result jsonb;
  failed_code text;
  failed_message text;
  failed_context text;
begin
  -- A refused caller is not a run: nothing is recorded.
  if auth.uid() is not null and private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can run the alert sync'
      using errcode = '42501', hint = 'sync_requires_admin';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  begin
    perform private.take_policy_snapshot();
    result := private.sync_alerts_from_checks();
    -- After the checks, so an alert opened by this run is measured from its first detection; after
    -- the snoozes that ended, so an alert back from its pause escalates in the same run.
    result := result || jsonb_build_object('snoozes_ended', private.end_expired_snoozes());
    result := result || jsonb_build_object('escalated', private.escalate_overdue_alerts(),
      'deliveries_pruned', private.prune_notification_deliveries());
  exception when others then
    -- IMPORTANT: the block's work is rolled back; the failure row is written in the outer
    -- transaction, which commits. (A cancel or statement timeout is not caught: see the migration.)
    get stacked diagnostics failed_code = returned_sqlstate, failed_message = message_text,
      failed_context = pg_exception_context;
    return private.record_sync_run(run_started_at, null, failed_code, failed_message, failed_context);
  end;
  return private.record_sync_run(run_started_at, result, null, null, null);
end;
$$;
comment on function public.sync_system_alerts() is 'Snapshots the policy set, then opens, refreshes and clears alerts from v_integrity_checks, ends the pauses that expired, escalates the overdue alerts that are not paused, and records the run in alert_sync_runs; a run that fails is recorded and answered {ok: false, error_code, error} instead of raised; idempotent; admin or internal callers only.';

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
  coalesce(a.snoozed_until > now(), false) as snoozed
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by
left join public.profils asg on asg.user_id = a.assigned_to
left join public.profils asgby on asgby.user_id = a.assigned_by
left join public.profils snz on snz.user_id = a.snoozed_by;
