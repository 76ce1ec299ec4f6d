-- Replaces: public.assign_alert (20261202190000_add_alert_comments_and_assignment.sql), public.end_alert_snooze (20261203090000_add_alert_snooze.sql), public.snooze_alert (20261203090000_add_alert_snooze.sql), public.countersign_resolution (20261203140000_add_resolution_countersign.sql), public.add_alert_comment (20261202190000_add_alert_comments_and_assignment.sql), public.create_alert_silence (20261203120000_add_alert_silences.sql), public.end_alert_silence (20261203120000_add_alert_silences.sql), public.retry_delivery (20261202200100_add_delivery_retried_events.sql), public.set_alert_deadline (20261202140000_create_notifications.sql), public.security_posture_findings (20261125130100_create_security_posture.sql), public.exposed_relations (20261125130100_create_security_posture.sql), public.applied_migrations (20261202112200_create_applied_migrations.sql), public.alert_search_ids (20261202100700_replace_alert_search_ids.sql), private.system_alerts_set_assignee (20261202190000_add_alert_comments_and_assignment.sql), private.system_alert_events_notify (20261203140000_add_resolution_countersign.sql), private.claim_delivery (20261203120000_add_alert_silences.sql), public.v_integrity_checks (20261202121000_create_guarded_checks.sql), public.v_system_alerts (20261203140000_add_resolution_countersign.sql), private.notification_recipients (20261202140000_create_notifications.sql), public.alert_groups (20261203140000_add_resolution_countersign.sql), public.verify_alert_event_chain (20261125160200_verify_chain_in_parallel.sql), public.sync_system_alerts (20261203120000_add_alert_silences.sql), public.sync_health (20261202113000_add_alert_sync_runs.sql), public.applied_schema_version (20261125130000_create_version_tracking.sql)
-- The board's review (issue 16), item 1: depot scope.
--
-- The company runs several depots; each depot's people see and act on their depot only, in the
-- database (RLS and the SECURITY DEFINER functions), not only in the console:
--   * an alert, a ledger event and a silence carry their depot (depot_id), set by triggers from
--     the entity they concern (private.entity_depot): a tank, a truck, a receipt, an outflow or a
--     depot. The platform's findings (security posture, versions, schema drift, the sync
--     watchdog, sign-in bursts) and the company's reference data (a product) belong to no depot
--     (null). A ledger event takes its alert's depot, or its silence's; a settings change, none.
--   * a profile with a depot_id sees its depot only; a profile without one (head office) sees
--     every depot and the platform. Policies read both once per statement (InitPlans).
--   * the operational tables (depots, tanks, trucks, receipts, outflows, the stock book) follow the
--     same rule; products are the company's reference and stay readable by every governance role.
--   * the platform's tables (security audit log, policy snapshots, version policies, client
--     version reports) are head office's; so are the functions that list the platform's
--     findings (security_posture_findings, exposed_relations, applied_migrations). sync_health
--     stays open to every governance role: everyone must know when the checks stop running.
--   * every function that acts on an alert or a silence answers « not found » for another depot's,
--     as the API does (no oracle); an assignee must see the alert's depot; the deadlines and the sync
--     are the company's, set and run by head office; a search returns (and estimates) the caller's
--     depot's ids only; the silences' cap counts per depot; the ledger's verification tells a
--     depot's people whether it holds, not its size; a depot's admin sees and retries the deliveries
--     to their depot's people.
--   * an alert and a silence keep their depot (private.keep_depot), whoever writes.
--   * notifications follow the same rule: a depot's people are told of their depot's alerts only,
--     their digests list their depot's alerts and escalations only, and a delivery whose recipient
--     no longer sees the alert's depot fails at sending instead of going out.
-- depot_id is not part of an event's hash (the chain is unchanged); it is derived from the alert,
-- which never changes depot (no API role can write the column), and the ledger refuses updates.

-- Who the caller is, read once per statement in the policies -----------------------------------------
create function private.current_profile_depot()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select p.depot_id from public.profils p where p.user_id = auth.uid()
$$;
comment on function private.current_profile_depot() is 'The caller''s depot (null: head office, or no profile).';

create function private.is_head_office()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.profils p where p.user_id = auth.uid() and p.depot_id is null)
$$;
comment on function private.is_head_office() is 'Has the caller a profile without a depot (head office: every depot and the platform)?';

create function private.in_depot_scope(p_depot_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profils p
    where p.user_id = auth.uid() and (p.depot_id is null or p.depot_id = p_depot_id)
  )
$$;
comment on function private.in_depot_scope(uuid) is 'May the caller see what belongs to this depot (null: the platform or the company, head office only)?';

create function private.entity_depot(p_entity_type text, p_entity_id text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  entity uuid;
  depot uuid;
begin
  -- Only the depot's objects have UUIDs; the platform's (tables, policies, accounts) are named otherwise.
  if p_entity_id is null or p_entity_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return null;
  end if;
  entity := p_entity_id::uuid;
  case p_entity_type
    when 'depot' then
      select d.id into depot from public.depots d where d.id = entity;
    when 'citerne' then
      select c.depot_id into depot from public.citernes c where c.id = entity;
    when 'cours_de_route' then
      select t.depot_id into depot from public.cours_de_route t where t.id = entity;
    when 'reception' then
      select c.depot_id into depot from public.receptions r join public.citernes c on c.id = r.citerne_id where r.id = entity;
    when 'sortie_produit' then
      select c.depot_id into depot from public.sorties_produit s join public.citernes c on c.id = s.citerne_id where s.id = entity;
    else
      depot := null; -- a product is the company's reference data: head office
  end case;
  return depot;
end;
$$;
comment on function private.entity_depot(text, text) is 'The depot a checked entity belongs to (tank, truck, receipt, outflow, depot); null for the company''s reference data and the platform.';

revoke all on function private.current_profile_depot() from public, anon;
revoke all on function private.is_head_office() from public, anon;
revoke all on function private.in_depot_scope(uuid) from public, anon;
revoke all on function private.entity_depot(text, text) from public, anon;
grant execute on function private.current_profile_depot() to authenticated, service_role;
grant execute on function private.is_head_office() to authenticated, service_role;
grant execute on function private.in_depot_scope(uuid) to authenticated, service_role;
grant execute on function private.entity_depot(text, text) to authenticated, service_role;

-- Alerts, ledger events and silences carry their depot ------------------------------------------------
alter table public.system_alerts add column depot_id uuid references public.depots (id);
comment on column public.system_alerts.depot_id is 'The depot of the entity the alert concerns (null: the platform or the company''s reference data, seen by head office only). Set when the alert opens, never changed.';
alter table public.system_alert_events add column depot_id uuid references public.depots (id);
comment on column public.system_alert_events.depot_id is 'The event''s alert''s depot, or its silence''s (null: the platform, settings, company-wide digests: head office only). Not hashed: derived from the alert, which never changes depot.';
alter table public.alert_silences add column depot_id uuid references public.depots (id);
comment on column public.alert_silences.depot_id is 'The depot of the tank, truck or depot the silence covers.';

-- Backfill without the workflow's and the ledger's triggers (they refuse or record any update).
alter table public.system_alerts disable trigger user;
update public.system_alerts set depot_id = private.entity_depot(entity_type, entity_id);
alter table public.system_alerts enable trigger user;
alter table public.alert_silences disable trigger user;
update public.alert_silences set depot_id = private.entity_depot(entity_type, entity_id);
alter table public.alert_silences enable trigger user;
alter table public.system_alert_events disable trigger user;
update public.system_alert_events e set depot_id = a.depot_id from public.system_alerts a where a.id = e.alert_id;
update public.system_alert_events e set depot_id = s.depot_id
from public.alert_silences s
where e.alert_id is null and e.details ? 'silence_id' and s.id = (e.details ->> 'silence_id')::uuid;
alter table public.system_alert_events enable trigger user;

create index system_alerts_depot_idx on public.system_alerts (depot_id, first_seen_at desc, id desc);
create index system_alert_events_depot_idx on public.system_alert_events (depot_id, id);
create index alert_silences_depot_idx on public.alert_silences (depot_id);

create function private.set_entity_depot()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.depot_id := private.entity_depot(new.entity_type, new.entity_id);
  return new;
end;
$$;
comment on function private.set_entity_depot() is 'Before insert (alerts, silences): the depot of the entity the row concerns.';
revoke all on function private.set_entity_depot() from public, anon;

create trigger system_alerts_set_depot before insert on public.system_alerts
  for each row execute function private.set_entity_depot();
create trigger alert_silences_set_depot before insert on public.alert_silences
  for each row execute function private.set_entity_depot();

create function private.system_alert_events_set_depot()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.depot_id := case
    when new.alert_id is not null then (select a.depot_id from public.system_alerts a where a.id = new.alert_id)
    when new.details ? 'silence_id' then
      (select s.depot_id from public.alert_silences s where s.id = (new.details ->> 'silence_id')::uuid)
  end;
  return new;
end;
$$;
comment on function private.system_alert_events_set_depot() is 'Before insert: an event''s depot is its alert''s, or its silence''s; none otherwise (head office only).';
revoke all on function private.system_alert_events_set_depot() from public, anon;
create trigger system_alert_events_set_depot before insert on public.system_alert_events
  for each row execute function private.system_alert_events_set_depot();

-- The policies ----------------------------------------------------------------------------------------
drop policy system_alerts_select_governance on public.system_alerts;
create policy system_alerts_select_governance on public.system_alerts for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));
drop policy system_alerts_update_actors on public.system_alerts;
create policy system_alerts_update_actors on public.system_alerts for update to authenticated
  using ((select private.can_act_on_alerts())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())))
  with check ((select private.can_act_on_alerts())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));

drop policy system_alert_events_select_governance on public.system_alert_events;
create policy system_alert_events_select_governance on public.system_alert_events for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));

drop policy alert_silences_select_governance on public.alert_silences;
create policy alert_silences_select_governance on public.alert_silences for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));

drop policy depots_select_governance on public.depots;
create policy depots_select_governance on public.depots for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or id = (select private.current_profile_depot())));

drop policy citernes_select_governance on public.citernes;
create policy citernes_select_governance on public.citernes for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));

drop policy cours_de_route_select_governance on public.cours_de_route;
create policy cours_de_route_select_governance on public.cours_de_route for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));

drop policy receptions_select_governance on public.receptions;
create policy receptions_select_governance on public.receptions for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office())
      or citerne_id in (select c.id from public.citernes c where c.depot_id = (select private.current_profile_depot()))));

drop policy sorties_produit_select_governance on public.sorties_produit;
create policy sorties_produit_select_governance on public.sorties_produit for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office())
      or citerne_id in (select c.id from public.citernes c where c.depot_id = (select private.current_profile_depot()))));

drop policy stocks_journaliers_select_governance on public.stocks_journaliers;
create policy stocks_journaliers_select_governance on public.stocks_journaliers for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office())
      or citerne_id in (select c.id from public.citernes c where c.depot_id = (select private.current_profile_depot()))));

-- A depot's people see their colleagues and head office (who act on their alerts), not another depot's.
drop policy profils_select_governance on public.profils;
create policy profils_select_governance on public.profils for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id is null or depot_id = (select private.current_profile_depot())));

-- The platform's records: head office only.
drop policy security_audit_logs_select_admin on public.security_audit_logs;
create policy security_audit_logs_select_admin on public.security_audit_logs for select to authenticated
  using ((select private.current_profile_role()) = 'admin' and (select private.is_head_office()));
drop policy policy_snapshots_select_governance on public.policy_snapshots;
create policy policy_snapshots_select_governance on public.policy_snapshots for select to authenticated
  using ((select private.is_governance_reader()) and (select private.is_head_office()));
drop policy policy_snapshot_items_select_governance on public.policy_snapshot_items;
create policy policy_snapshot_items_select_governance on public.policy_snapshot_items for select to authenticated
  using ((select private.is_governance_reader()) and (select private.is_head_office()));
drop policy version_policies_select_governance on public.version_policies;
create policy version_policies_select_governance on public.version_policies for select to authenticated
  using ((select private.is_governance_reader()) and (select private.is_head_office()));
drop policy client_version_reports_select_governance on public.client_version_reports;
create policy client_version_reports_select_governance on public.client_version_reports for select to authenticated
  using ((select private.is_governance_reader()) and (select private.is_head_office()));

-- A depot's admin sees (and retries) what went to their depot's people: a head-office recipient's
-- delivery errors name addresses and hosts that are not theirs to read.
drop policy notification_deliveries_select_admin on public.notification_deliveries;
create policy notification_deliveries_select_admin on public.notification_deliveries for select to authenticated
  using ((select private.current_profile_role()) = 'admin'
    and ((select private.is_head_office())
      or recipient_id in (select p.user_id from public.profils p where p.depot_id = (select private.current_profile_depot()))));

-- The sync's state: every governance role reads when it last ran (the lists' « dernière détection »,
-- the overview); its counts span every depot, and only the sync's own functions read them.
revoke select on public.alert_sync_state from authenticated;
grant select (id, last_run_at) on public.alert_sync_state to authenticated;

-- An alert, and a silence, keep the depot they were written with: whoever writes, the service role
-- included (a moved depot would hand an alert and its history to another depot's people).
create function private.keep_depot()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.depot_id is distinct from old.depot_id then
    raise exception '% keeps its depot', tg_table_name using errcode = '55000', hint = 'depot_immutable';
  end if;
  return new;
end;
$$;
comment on function private.keep_depot() is 'Before update of depot_id (alerts, silences): refused; a row keeps the depot it was written with.';
revoke all on function private.keep_depot() from public, anon;
create trigger system_alerts_keep_depot before update of depot_id on public.system_alerts
  for each row execute function private.keep_depot();
create trigger alert_silences_keep_depot before update of depot_id on public.alert_silences
  for each row execute function private.keep_depot();

-- Notification recipients gain their depot ----------------------------------------------------------
drop function private.notification_recipients();
create function private.notification_recipients()
returns table (user_id uuid, role text, name text, email text, email_enabled boolean, webhook_url text,
  min_severity text, digest text, depot_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  -- The defaults, in one place: the PCA reviews (weekly digest); the acting roles are told of
  -- CRITICAL alerts at once and get a daily digest of the rest.
  select p.user_id, p.role, p.nom_complet, u.email::text,
    coalesce(n.email_enabled, true),
    n.webhook_url,
    case when n.user_id is not null then n.min_severity when p.role = 'pca' then null else 'CRITICAL' end,
    coalesce(n.digest, case when p.role = 'pca' then 'weekly' else 'daily' end),
    p.depot_id
  from public.profils p
  join auth.users u on u.id = p.user_id
  left join public.notification_preferences n on n.user_id = p.user_id
  where p.role in ('admin', 'directeur', 'pca');
$$;
comment on function private.notification_recipients() is 'Every governance user with their effective notification preferences (their choices, else the role''s defaults) and their depot (null: head office).';
revoke all on function private.notification_recipients() from public, anon, authenticated;

-- The functions, each with its depot rule -------------------------------------------------------------
CREATE OR REPLACE FUNCTION public.assign_alert(p_alert_id uuid, p_assignee uuid, p_expected_assignee uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  current_row public.system_alerts;
  saved public.system_alerts;
begin
  if not private.can_act_on_alerts() then
    raise exception 'only an admin or a directeur can assign an alert' using errcode = '42501', hint = 'assign_requires_actor';
  end if;
  select * into current_row from public.system_alerts a where a.id = p_alert_id for update;
  if not found or not private.in_depot_scope(current_row.depot_id) then
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
$function$;

CREATE OR REPLACE FUNCTION public.end_alert_snooze(p_alert_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  current_row public.system_alerts;
begin
  if not private.can_act_on_alerts() then
    raise exception 'only an admin or a directeur can end a pause' using errcode = '42501', hint = 'snooze_requires_actor';
  end if;
  select * into current_row from public.system_alerts a where a.id = p_alert_id for update;
  if not found or not private.in_depot_scope(current_row.depot_id) then
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
$function$;

CREATE OR REPLACE FUNCTION public.snooze_alert(p_alert_id uuid, p_until timestamp with time zone, p_reason text, p_expected_until timestamp with time zone)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
  if not found or not private.in_depot_scope(current_row.depot_id) then
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
$function$;

CREATE OR REPLACE FUNCTION public.countersign_resolution(p_alert_id uuid, p_approve boolean, p_note text, p_expected_requested_at timestamp with time zone)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
  if not found or not private.in_depot_scope(current_row.depot_id) then
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
$function$;

CREATE OR REPLACE FUNCTION public.add_alert_comment(p_alert_id uuid, p_body text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  body text := private.trim_note(p_body);
  alert_status text;
  alert_check text;
  alert_depot uuid;
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
  select a.status, a.check_code, a.depot_id into alert_status, alert_check, alert_depot from public.system_alerts a where a.id = p_alert_id for update;
  if not found or not private.in_depot_scope(alert_depot) then
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
$function$;

CREATE OR REPLACE FUNCTION public.create_alert_silence(p_check_code text, p_entity_type text, p_entity_id text, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_reason text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  reason text;
  starts timestamptz := greatest(coalesce(p_starts_at, now()), now());
  entity_found boolean := false;
  saved public.alert_silences;
begin
  if private.current_profile_role() is distinct from 'directeur' then
    raise exception 'only a directeur can create a silence' using errcode = '42501', hint = 'silence_requires_directeur';
  end if;
  -- After the role check: a refused caller's text is never even read.
  reason := private.trim_note(p_reason);
  if p_check_code is null or not p_check_code = any (private.silenceable_check_codes()) then
    raise exception 'unknown check code' using errcode = '22023', hint = 'silence_check_invalid';
  end if;
  if p_entity_type is null or p_entity_type not in ('citerne', 'cours_de_route', 'depot') then
    raise exception 'a silence covers a tank, a truck or a depot' using errcode = '22023', hint = 'silence_entity_type_invalid';
  end if;
  if p_entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    entity_found := case p_entity_type
      when 'citerne' then exists (select 1 from public.citernes c where c.id = p_entity_id::uuid)
      when 'cours_de_route' then exists (select 1 from public.cours_de_route t where t.id = p_entity_id::uuid)
      else exists (select 1 from public.depots d where d.id = p_entity_id::uuid) end;
  end if;
  -- Another depot's tank, truck or depot is « not found », as if it did not exist.
  if not entity_found or not private.in_depot_scope(private.entity_depot(p_entity_type, p_entity_id)) then
    raise exception 'no such % ', p_entity_type using errcode = '22023', hint = 'silence_entity_not_found';
  end if;
  if reason is null then
    raise exception 'a silence needs a reason' using errcode = '23514', hint = 'silence_reason_required';
  end if;
  if char_length(reason) > 500 then
    raise exception 'a silence reason has at most 500 characters' using errcode = '22001', hint = 'silence_reason_too_long';
  end if;
  -- A minute's grace for a start of « now » typed into a form; never further back: a silence does
  -- not rewrite what already opened.
  if p_starts_at < now() - interval '1 minute' then
    raise exception 'a silence cannot start in the past' using errcode = '22023', hint = 'silence_starts_in_past';
  end if;
  if starts > now() + interval '90 days' then
    raise exception 'a silence starts within 90 days' using errcode = '22023', hint = 'silence_starts_too_late';
  end if;
  if p_ends_at is null or p_ends_at <= starts then
    raise exception 'a silence ends after it starts' using errcode = '22023', hint = 'silence_ends_before_start';
  end if;
  if p_ends_at > starts + interval '30 days' then
    raise exception 'a silence lasts at most 30 days' using errcode = '22023', hint = 'silence_too_long';
  end if;
  -- Bounded: the running and coming silences (each also costs every opening of its check a lookup),
  -- and what one directeur creates in a day. Counted under a lock: two at once cannot both pass.
  perform pg_advisory_xact_lock(hashtext('public.alert_silences'));
  -- Per depot: one depot filling the cap must not stop another (nor tell it how many others have).
  if (select count(*) from public.alert_silences s
      where s.ended_at is null and s.depot_id is not distinct from private.entity_depot(p_entity_type, p_entity_id)) >= 100 then
    raise exception 'at most 100 silences run or wait at once in a depot' using errcode = '54000', hint = 'too_many_silences';
  end if;
  if (select count(*) from public.alert_silences s
      where s.created_by = auth.uid() and s.created_at > now() - interval '1 day') >= 50 then
    raise exception 'at most 50 silences a day' using errcode = '54000', hint = 'too_many_silences_today';
  end if;
  insert into public.alert_silences (check_code, entity_type, entity_id, starts_at, ends_at, reason, created_by)
  values (p_check_code, p_entity_type, p_entity_id, starts, p_ends_at, reason, auth.uid())
  returning * into saved;
  return to_jsonb(saved);
end;
$function$;

CREATE OR REPLACE FUNCTION public.end_alert_silence(p_silence_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  current_row public.alert_silences;
  saved public.alert_silences;
begin
  if private.current_profile_role() is distinct from 'directeur' then
    raise exception 'only a directeur can end a silence' using errcode = '42501', hint = 'silence_requires_directeur';
  end if;
  -- IMPORTANT: after any sync under way. An alert that sync opens under this silence is committed
  -- by then, so it is announced here; otherwise it would carry an ended silence and be announced
  -- by nobody (its opening was not notified).
  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  select * into current_row from public.alert_silences s where s.id = p_silence_id for update;
  if not found or not private.in_depot_scope(current_row.depot_id) then
    raise exception 'silence not found' using errcode = 'P0002', hint = 'silence_not_found';
  end if;
  if current_row.ended_at is not null or current_row.ends_at <= now() then
    raise exception 'the silence is already over' using errcode = 'P0001', hint = 'silence_over',
      detail = json_build_object('ended_at', coalesce(current_row.ended_at, current_row.ends_at),
        'ended_by_name', (select p.nom_complet from public.profils p where p.user_id = current_row.ended_by))::text;
  end if;
  update public.alert_silences s set ended_at = now(), ended_by = auth.uid()
  where s.id = p_silence_id
  returning * into saved;
  return to_jsonb(saved);
end;
$function$;

CREATE OR REPLACE FUNCTION public.retry_delivery(p_id uuid)
 RETURNS public.notification_deliveries
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  failed_row public.notification_deliveries;
  retried public.notification_deliveries;
  alert public.system_alerts;
begin
  if private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can retry a delivery' using errcode = '42501', hint = 'retry_requires_admin';
  end if;
  select * into failed_row from public.notification_deliveries d where d.id = p_id and d.status = 'failed' for update;
  -- A depot's admin retries what went to their depot's people (as the outbox shows them); anything
  -- else is « no failed delivery », as if it did not exist.
  if failed_row.id is not null and not private.is_head_office() and not exists (
      select 1 from public.profils p
      where p.user_id = failed_row.recipient_id and p.depot_id = private.current_profile_depot()) then
    failed_row := null;
  end if;
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
$function$;

CREATE OR REPLACE FUNCTION public.set_alert_deadline(p_severity text, p_ack_minutes integer, p_resolve_minutes integer)
 RETURNS public.alert_deadlines
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  saved public.alert_deadlines;
begin
  if private.current_profile_role() is distinct from 'directeur' then
    raise exception 'only a directeur can change the deadlines' using errcode = '42501', hint = 'deadlines_require_directeur';
  end if;
  -- The deadlines are the company's: a depot's directeur reads them, head office sets them.
  if not private.is_head_office() then
    raise exception 'only head office changes the deadlines' using errcode = '42501', hint = 'head_office_only';
  end if;
  if p_severity is null or p_severity not in ('CRITICAL', 'WARN', 'INFO') then
    raise exception 'unknown severity %', p_severity using errcode = '22023', hint = 'deadline_invalid';
  end if;
  if (p_ack_minutes is not null and (p_ack_minutes < 1 or p_ack_minutes > 90 * 24 * 60))
    or (p_resolve_minutes is not null and (p_resolve_minutes < 1 or p_resolve_minutes > 365 * 24 * 60))
    or (p_ack_minutes is not null and p_resolve_minutes is not null and p_resolve_minutes < p_ack_minutes) then
    raise exception 'deadlines out of range (1 min to 90 days to acknowledge, to 365 days to resolve, resolve >= acknowledge)'
      using errcode = '22023', hint = 'deadline_invalid';
  end if;
  update public.alert_deadlines d
  set ack_within = make_interval(mins => p_ack_minutes),
    resolve_within = make_interval(mins => p_resolve_minutes),
    updated_at = now(),
    updated_by = auth.uid()
  where d.severity = p_severity
  returning * into saved;
  return saved;
end;
$function$;

CREATE OR REPLACE FUNCTION public.security_posture_findings()
 RETURNS TABLE(lint text, check_code text, level text, object_type text, object_name text, detail text, remediation text, metadata jsonb)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  -- The platform's findings belong to no depot: head office only.
  if current_user in ('anon', 'authenticated') and not private.is_head_office() then
    raise exception 'head office only' using errcode = '42501', hint = 'head_office_only';
  end if;
  return query
    select f.lint, f.check_code, f.level, f.object_type, f.object_name, f.detail, f.remediation, f.metadata
    from private.security_findings() f
    order by case f.level when 'ERROR' then 1 when 'WARN' then 2 else 3 end, f.lint, f.object_name;
end;
$function$;

CREATE OR REPLACE FUNCTION public.exposed_relations()
 RETURNS TABLE(schema_name text, name text, kind text)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  -- The platform's findings belong to no depot: head office only.
  if current_user in ('anon', 'authenticated') and not private.is_head_office() then
    raise exception 'head office only' using errcode = '42501', hint = 'head_office_only';
  end if;
  return query
    select n.nspname::text, c.relname::text,
      case c.relkind when 'v' then 'view' when 'm' then 'materialized_view' when 'f' then 'foreign_table' else 'table' end
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any (coalesce(
        nullif(array_remove(string_to_array(replace(coalesce(current_setting('pgrst.db_schemas', true), ''), ' ', ''), ','), ''), '{}'),
        array['public']))
      and c.relkind in ('r', 'p', 'v', 'm', 'f')
    order by 1, 2;
end;
$function$;

CREATE OR REPLACE FUNCTION public.applied_migrations()
 RETURNS TABLE(version text, name text, first_seen_at timestamp with time zone, seen_before_tracking boolean)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if auth.uid() is not null and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  -- The platform's findings belong to no depot: head office only.
  if auth.uid() is not null and not private.is_head_office() then
    raise exception 'head office only' using errcode = '42501', hint = 'head_office_only';
  end if;
  return query
  select m.version, m.name, s.first_seen_at, s.seen_before_tracking
  from supabase_migrations.schema_migrations m
  left join private.migrations_seen s on s.version = m.version
  order by m.version desc;
end;
$function$;

CREATE OR REPLACE FUNCTION public.alert_search_ids(term text)
 RETURNS uuid[]
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET enable_seqscan TO 'off'
AS $function$
declare
  max_ids constant integer := 200;
  pattern text;
  estimate jsonb;
  ids uuid[];
  scope_filter text := '';
begin
  -- security definer: current_user is the owner here, so the caller is read from the JWT.
  if coalesce(auth.role(), 'anon') in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if term is null or length(term) < 1 or length(term) > 200 then
    raise exception 'the search term must be 1 to 200 characters' using errcode = '22023', hint = 'invalid_term';
  end if;
  -- A depot's user searches their depot's alerts only (the ids would tell what another depot has).
  if coalesce(auth.role(), 'anon') in ('anon', 'authenticated') and not private.is_head_office() then
    scope_filter := format(' and depot_id = %L', private.current_profile_depot());
  end if;
  if length(term) < 3 then
    return null; -- no trigram to look up
  end if;

  -- The term matches itself: \, % and _ are escaped. EXECUTE plans for this very pattern (a cached
  -- generic plan could not use the index for a pattern it does not know).
  pattern := '%' || replace(replace(replace(term, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  execute format('explain (format json) select 1 from public.system_alerts where search_text ilike %L%s', pattern, scope_filter)
    into estimate;
  if (estimate -> 0 -> 'Plan' ->> 'Plan Rows')::numeric > 5 * max_ids then
    return null;
  end if;

  execute format(
    'select array_agg(id) from (select id from public.system_alerts where search_text ilike %L%s limit %s) m',
    pattern, scope_filter, max_ids + 1)
    into ids;
  if coalesce(array_length(ids, 1), 0) > max_ids then
    return null;
  end if;
  return coalesce(ids, '{}');
end;
$function$;

CREATE OR REPLACE FUNCTION private.system_alerts_set_assignee()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if new.assigned_to is not distinct from old.assigned_to then
    -- Whatever a writer sent, only a change of assignee moves who assigned and when.
    new.assigned_by := old.assigned_by;
    new.assigned_at := old.assigned_at;
    return new;
  end if;
  if new.assigned_to is not null and not exists (
      select 1 from public.profils p where p.user_id = new.assigned_to and p.role in ('admin', 'directeur')
        -- Someone who can see the alert: head office, or the alert's depot.
        and (p.depot_id is null or p.depot_id = new.depot_id)) then
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
$function$;

CREATE OR REPLACE FUNCTION private.system_alert_events_notify()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
    select e.id, e.alert_id, e.check_code, e.to_status, a.severity, a.depot_id, e.event_type, e.actor_id,
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
      -- A depot's people hear of their depot only; head office of every depot and of the platform.
      and (r.depot_id is null or r.depot_id = c.depot_id)
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
$function$;

CREATE OR REPLACE FUNCTION private.claim_delivery(p_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  d public.notification_deliveries;
  r record;
  e public.system_alert_events;
  a public.system_alerts;
  ack_due timestamptz;
  resolve_due timestamptz;
begin
  update public.notification_deliveries x
  set status = 'sending', attempts = x.attempts + 1, updated_at = now()
  -- A delivery left `sending` (its worker died mid-send) is taken again only once it is clearly
  -- abandoned: never while another worker may still be sending it.
  where x.id = p_id
    and (x.status in ('pending', 'retrying') or (x.status = 'sending' and x.updated_at < now() - interval '5 minutes'))
  returning * into d;
  if d.id is null then
    return null;
  end if;
  select * into r from private.notification_recipients() n where n.user_id = d.recipient_id;
  if d.event_id is not null then
    select * into e from public.system_alert_events x where x.id = d.event_id;
  end if;
  if d.alert_id is not null then
    select * into a from public.system_alerts x where x.id = d.alert_id;
    -- Judged again at sending: a recipient moved to another depot since is not told of this one.
    if r.user_id is not null and r.depot_id is not null and a.depot_id is distinct from r.depot_id then
      update public.notification_deliveries x
      set status = 'failed', last_error = 'the recipient no longer sees this alert''s depot', updated_at = now()
      where x.id = d.id;
      return null;
    end if;
    select a.first_seen_at + dl.ack_within, a.first_seen_at + dl.resolve_within into ack_due, resolve_due
    from public.alert_deadlines dl where dl.severity = a.severity;
  end if;
  return jsonb_build_object(
    'id', d.id,
    'channel', d.channel,
    'kind', d.kind,
    'attempt', d.attempts,
    'recipient', jsonb_build_object('user_id', r.user_id, 'email', r.email, 'name', r.name, 'role', r.role),
    'webhook', case when d.channel = 'webhook' then jsonb_build_object('url', r.webhook_url,
      'secret', (select s.secret from private.webhook_secrets s where s.user_id = d.recipient_id)) end,
    'event', case when e.id is not null then jsonb_build_object('id', e.id, 'type', e.event_type,
      'occurred_at', e.occurred_at, 'details', e.details) end,
    'alert', case when a.id is not null then jsonb_build_object('id', a.id, 'check_code', a.check_code,
      'severity', a.severity, 'status', a.status, 'message', a.message, 'details', a.details,
      'entity_type', a.entity_type, 'entity_id', a.entity_id, 'first_seen_at', a.first_seen_at,
      'ack_due_at', ack_due, 'resolve_due_at', resolve_due,
      'assigned_to_name', (select p.nom_complet from public.profils p where p.user_id = a.assigned_to),
      'occurrence', a.occurrence) end,
    'digest', case when d.kind = 'digest' then jsonb_build_object('period', d.digest_period,
      'since', d.digest_since, 'until', d.digest_until,
      'alerts', coalesce((
        select jsonb_agg(jsonb_build_object('id', x.id, 'check_code', x.check_code, 'severity', x.severity,
          'status', x.status, 'message', x.message, 'first_seen_at', x.first_seen_at)
          order by x.severity_rank desc, x.first_seen_at desc)
        from (
          select s.* from public.system_alerts s
          where s.first_seen_at >= d.digest_since and s.first_seen_at < d.digest_until
            and (s.silence_id is null or not private.is_silenced(s.silence_id))
            and (r.depot_id is null or s.depot_id = r.depot_id)
          order by s.severity_rank desc, s.first_seen_at desc
          limit 200
        ) x), '[]'::jsonb),
      'escalated', coalesce((
        select jsonb_agg(jsonb_build_object('id', s.id, 'check_code', s.check_code, 'severity', s.severity,
          'status', s.status, 'message', s.message, 'level', x.level, 'due_at', x.due_at)
          order by x.due_at)
        from (
          select z.* from private.alert_escalations z
          join public.system_alerts y on y.id = z.alert_id
          where z.escalated_at >= d.digest_since and z.escalated_at < d.digest_until
            -- The recipient's depot before the limit, or another depot's escalations would crowd theirs out.
            and (r.depot_id is null or y.depot_id = r.depot_id)
          order by z.due_at
          limit 200
        ) x
        join public.system_alerts s on s.id = x.alert_id), '[]'::jsonb),
      -- The alerts a running silence keeps quiet are left out, as the lists leave them out.
      'opened_count', (select count(*) from public.system_alerts s
        where s.first_seen_at >= d.digest_since and s.first_seen_at < d.digest_until
          and (s.silence_id is null or not private.is_silenced(s.silence_id))
          and (r.depot_id is null or s.depot_id = r.depot_id)),
      'still_open_count', (select count(*) from public.system_alerts s where s.status in ('OPEN', 'ACK')
        and (s.silence_id is null or not private.is_silenced(s.silence_id))
        and (r.depot_id is null or s.depot_id = r.depot_id))) end,
    'console_path', case when a.id is not null then '/governance/alerts/' || a.id else '/governance/alerts' end);
end;
$function$;

CREATE OR REPLACE FUNCTION public.verify_alert_event_chain()
 RETURNS TABLE(valid boolean, checked bigint, first_broken_id bigint, reason text)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  head_id bigint;
  head_hash text;
  after_id bigint := 0;
  after_hash text := repeat('0', 64);
  prior_events bigint := 0;
  prior_digest numeric := 0;
  saved record;
  prefix record;
  rest record;
  found_break record;
  broken bigint;
  -- A depot's people learn whether the company's ledger holds, not its size or where it broke:
  -- the count and the event would describe other depots' activity.
  scoped boolean := auth.role() in ('anon', 'authenticated') and not private.is_head_office();
begin
  if auth.role() in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;

  -- The head first, then only events up to it: ids are drawn under the chain's lock, held to commit,
  -- so every event up to the head is committed and stays what this call reads.
  select e.id, e.hash into head_id, head_hash from public.system_alert_events e order by e.id desc limit 1;
  if head_id is null then
    return query select true, case when not scoped then 0::bigint end, null::bigint, null::text;
    return;
  end if;

  select c.through_id, c.through_hash, c.events, c.digest into saved
  from private.alert_event_chain_checkpoint c where c.id and c.through_id <= head_id;
  if found then
    select d.events, d.digest into prefix from private.alert_event_rows_digest(0, saved.through_id) d;
    if prefix.events = saved.events and prefix.digest = saved.digest
      and exists (select 1 from public.system_alert_events e
                  where e.id = saved.through_id and e.hash = saved.through_hash) then
      after_id := saved.through_id;
      after_hash := saved.through_hash;
      prior_events := saved.events;
      prior_digest := saved.digest;
    end if;
  end if;

  select b.bad_link, b.bad_hash into found_break from private.alert_event_chain_first_break(after_id, after_hash, head_id) b;
  broken := least(found_break.bad_link, found_break.bad_hash);
  if broken is not null then
    return query select false,
      case when not scoped then (select count(*) from public.system_alert_events e where e.id <= broken) end,
      case when not scoped then broken end,
      case when broken = found_break.bad_link then 'prev_hash does not match the previous row''s hash'
        else 'hash does not match the row''s content' end;
    return;
  end if;

  select d.events, d.digest into rest from private.alert_event_rows_digest(after_id, head_id) d;
  -- Advance the checkpoint; replace it outright when it could not be used (after a schema change to
  -- the ledger its digest no longer matches, though every event verified).
  if head_id > after_id then
    insert into private.alert_event_chain_checkpoint as c (id, through_id, through_hash, events, digest, verified_at)
    values (true, head_id, head_hash, prior_events + rest.events, prior_digest + rest.digest, now())
    on conflict (id) do update
      set through_id = excluded.through_id, through_hash = excluded.through_hash, events = excluded.events,
        digest = excluded.digest, verified_at = excluded.verified_at
      where c.through_id < excluded.through_id or after_id = 0;
  end if;
  return query select true, case when not scoped then prior_events + rest.events end, null::bigint, null::text;
end;
$function$;

CREATE OR REPLACE FUNCTION public.sync_system_alerts()
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
  -- The sync is the company's (its counts span every depot): head office's admins run it.
  if auth.uid() is not null and not private.is_head_office() then
    raise exception 'only head office runs the alert sync' using errcode = '42501', hint = 'head_office_only';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  begin
    perform private.take_policy_snapshot();
    result := private.sync_alerts_from_checks();
    -- After the checks, so an alert opened by this run is measured from its first detection; after
    -- the snoozes and silences that ended, so an alert back from either escalates in the same run.
    result := result || jsonb_build_object('snoozes_ended', private.end_expired_snoozes(),
      'silences_ended', private.end_expired_silences());
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
$function$;

CREATE OR REPLACE FUNCTION public.sync_health()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  -- The database's own words for a failure are for admins (and the console's server, which only
  -- logs them): they can name tables, functions and data.
  sees_errors boolean;
  status record;
  last_run public.alert_sync_runs;
begin
  if auth.uid() is not null and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  sees_errors := auth.uid() is null or (private.current_profile_role() = 'admin' and private.is_head_office());
  select * into status from private.sync_status();
  select * into last_run from public.alert_sync_runs r order by r.started_at desc, r.id desc limit 1;
  return jsonb_build_object(
    'checked_at', now(),
    'interval_seconds', status.interval_seconds,
    'stale_after_seconds', status.stale_after_seconds,
    'last_success_at', status.last_success_at,
    'stale', coalesce(status.is_stale, true),
    'last_run', case when last_run.id is not null then jsonb_build_object(
      'started_at', last_run.started_at,
      'finished_at', last_run.finished_at,
      'ok', last_run.ok,
      'error_code', last_run.error_code,
      'error_message', case when sees_errors then last_run.error_message end) end);
end;
$function$;

CREATE OR REPLACE FUNCTION public.applied_schema_version()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if auth.uid() is not null and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  -- The platform's: head office only.
  if auth.uid() is not null and not private.is_head_office() then
    raise exception 'head office only' using errcode = '42501', hint = 'head_office_only';
  end if;
  return (
    select jsonb_build_object('version', m.version, 'name', m.name,
      'applied_count', (select count(*) from supabase_migrations.schema_migrations))
    from supabase_migrations.schema_migrations m
    order by m.version desc
    limit 1);
end;
$function$;

create or replace view public.v_integrity_checks with (security_invoker=true) as
WITH settings AS (
         SELECT governance_settings.cdr_arrive_stale_hours,
            governance_settings.ecart_15c_tolerance_pct,
            governance_settings.depot_time_zone
           FROM public.governance_settings
          WHERE governance_settings.id
        ), tank_stock AS MATERIALIZED (
         SELECT c_1.id,
            c_1.code,
            c_1.nom,
            c_1.capacite_totale,
            c_1.capacite_securite,
            p.nom AS produit,
            l.date_jour,
            l.stock_ambiant,
            l.stock_15c
           FROM public.citernes c_1
             JOIN public.produits p ON p.id = c_1.produit_id
             CROSS JOIN LATERAL ( SELECT s.date_jour,
                    s.stock_ambiant,
                    s.stock_15c
                   FROM public.stocks_journaliers s
                  WHERE s.citerne_id = c_1.id
                  ORDER BY s.date_jour DESC
                 LIMIT 1) l
        ), movement_deviation AS (
         SELECT 'reception'::text AS entity_type,
            r.id,
            'Réception'::text AS label,
            r.date_reception AS moved_at,
            c_1.code AS citerne,
            r.volume_ambiant,
            r.volume_15c,
            r.temperature_c,
            r.densite_15c,
            r.calc_version,
            r.vcf_54b AS vcf,
            r.volume_15c_attendu AS expected,
            abs(r.volume_15c - r.volume_15c_attendu) / NULLIF(r.volume_15c_attendu, 0::numeric) * 100::numeric AS ecart_pct
           FROM public.receptions r
             JOIN public.citernes c_1 ON c_1.id = r.citerne_id
          WHERE (abs(r.volume_15c - r.volume_15c_attendu) / NULLIF(r.volume_15c_attendu, 0::numeric) * 100::numeric) > (( SELECT g.ecart_15c_tolerance_pct
                   FROM public.governance_settings g
                  WHERE g.id)) AND r.volume_15c_attendu > 0::numeric
        UNION ALL
         SELECT 'sortie_produit'::text AS text,
            o.id,
            'Sortie'::text AS text,
            o.date_sortie,
            c_1.code,
            o.volume_ambiant,
            o.volume_15c,
            o.temperature_c,
            o.densite_15c,
            o.calc_version,
            o.vcf_54b,
            o.volume_15c_attendu,
            abs(o.volume_15c - o.volume_15c_attendu) / NULLIF(o.volume_15c_attendu, 0::numeric) * 100::numeric
           FROM public.sorties_produit o
             JOIN public.citernes c_1 ON c_1.id = o.citerne_id
          WHERE (abs(o.volume_15c - o.volume_15c_attendu) / NULLIF(o.volume_15c_attendu, 0::numeric) * 100::numeric) > (( SELECT g.ecart_15c_tolerance_pct
                   FROM public.governance_settings g
                  WHERE g.id)) AND o.volume_15c_attendu > 0::numeric
        ), recent_movements AS (
         SELECT 'reception'::text AS entity_type,
            r.id,
            'Réception'::text AS label,
            r.date_reception AS moved_at,
            c_1.code AS citerne,
            r.calc_version
           FROM public.receptions r
             JOIN public.citernes c_1 ON c_1.id = r.citerne_id
          WHERE r.date_reception >= (( SELECT now() - make_interval(days => g.calc_coverage_days)
                   FROM public.governance_settings g
                  WHERE g.id))
        UNION ALL
         SELECT 'sortie_produit'::text AS text,
            o.id,
            'Sortie'::text AS text,
            o.date_sortie,
            c_1.code,
            o.calc_version
           FROM public.sorties_produit o
             JOIN public.citernes c_1 ON c_1.id = o.citerne_id
          WHERE o.date_sortie >= (( SELECT now() - make_interval(days => g.calc_coverage_days)
                   FROM public.governance_settings g
                  WHERE g.id))
        ), version_settings AS (
         SELECT governance_settings.current_calc_version,
            governance_settings.calc_coverage_days,
            governance_settings.depot_time_zone
           FROM public.governance_settings
          WHERE governance_settings.id
        ), security_findings AS (
         SELECT f.lint,
            f.check_code,
            f.level,
            f.object_type,
            f.object_name,
            f.detail,
            f.remediation,
            f.metadata
           FROM private.security_findings() f(lint, check_code, level, object_type, object_name, detail, remediation, metadata)
        ), checks AS (
         SELECT 'STOCK_NEGATIF'::text AS check_code,
            'CRITICAL'::text AS severity,
            'citerne'::text AS entity_type,
            t.id::text AS entity_id,
            format('Citerne %s (%s) : stock négatif au %s — ambiant %s, à 15 °C %s'::text, t.code, t.produit, to_char(t.date_jour::timestamp with time zone, 'DD/MM/YYYY'::text), private.format_litres(t.stock_ambiant), private.format_litres(t.stock_15c)) AS message,
            jsonb_build_object('citerne', t.code, 'produit', t.produit, 'date_jour', t.date_jour, 'stock_ambiant', t.stock_ambiant, 'stock_15c', t.stock_15c) AS details
           FROM tank_stock t
          WHERE t.stock_ambiant < 0::numeric OR t.stock_15c < 0::numeric
        UNION ALL
         SELECT 'STOCK_OVER_CAPACITY'::text AS text,
            'CRITICAL'::text AS text,
            'citerne'::text AS text,
            t.id::text AS id,
            format('Citerne %s (%s) : stock ambiant %s au %s, au-delà de la capacité totale %s'::text, t.code, t.produit, private.format_litres(t.stock_ambiant), to_char(t.date_jour::timestamp with time zone, 'DD/MM/YYYY'::text), private.format_litres(t.capacite_totale)) AS format,
            jsonb_build_object('citerne', t.code, 'produit', t.produit, 'date_jour', t.date_jour, 'stock_ambiant', t.stock_ambiant, 'capacite_totale', t.capacite_totale, 'capacite_securite', t.capacite_securite, 'depassement', t.stock_ambiant - t.capacite_totale) AS jsonb_build_object
           FROM tank_stock t
          WHERE t.stock_ambiant > t.capacite_totale
        UNION ALL
         SELECT 'CDR_ARRIVE_STALE'::text AS text,
            'WARN'::text AS text,
            'cours_de_route'::text AS text,
            r.id::text AS id,
            format('Camion %s arrivé le %s, non déchargé au-delà du seuil de %s h'::text, r.immatriculation, to_char((r.date_arrivee AT TIME ZONE s.depot_time_zone), 'DD/MM/YYYY HH24:MI'::text), private.format_number(s.cdr_arrive_stale_hours, 0)) AS format,
            jsonb_build_object('immatriculation', r.immatriculation, 'transporteur', r.transporteur, 'date_arrivee', r.date_arrivee, 'volume_ambiant', r.volume_ambiant, 'seuil_heures', s.cdr_arrive_stale_hours) AS jsonb_build_object
           FROM public.cours_de_route r
             CROSS JOIN settings s
          WHERE r.statut = 'ARRIVE'::text AND r.date_arrivee < (now() - make_interval(secs => (s.cdr_arrive_stale_hours * 3600::numeric)::double precision))
        UNION ALL
         SELECT 'ECART_15C'::text AS text,
            'WARN'::text AS text,
            m.entity_type,
            m.id::text AS id,
            format('%s du %s, citerne %s : volume à 15 °C enregistré %s, attendu %s (écart %s %%, tolérance %s %%)'::text, m.label, to_char((m.moved_at AT TIME ZONE s.depot_time_zone), 'DD/MM/YYYY'::text), m.citerne, private.format_litres(m.volume_15c), private.format_litres(m.expected), private.format_number(m.ecart_pct, 2), private.format_number(s.ecart_15c_tolerance_pct, 2)) AS format,
            jsonb_build_object('citerne', m.citerne, 'date', m.moved_at, 'volume_ambiant', m.volume_ambiant, 'temperature_c', m.temperature_c, 'densite_15c', m.densite_15c, 'vcf', m.vcf, 'volume_15c_attendu', m.expected, 'volume_15c_enregistre', m.volume_15c, 'ecart_pct', round(m.ecart_pct, 3), 'tolerance_pct', s.ecart_15c_tolerance_pct, 'calc_version', m.calc_version) AS jsonb_build_object
           FROM movement_deviation m
             CROSS JOIN settings s
        UNION ALL
         SELECT 'VERSION_DRIFT'::text AS text,
                CASE
                    WHEN v.source = 'database'::text THEN 'CRITICAL'::text
                    ELSE 'WARN'::text
                END AS "case",
            'component'::text AS text,
            v.component,
            format('Composant %s : version %s en service, %s %s attendue'::text, v.component, v.running_version,
                CASE v.match_rule
                    WHEN 'exact'::text THEN 'version'::text
                    ELSE 'au moins la version'::text
                END, v.expected_version) AS format,
            jsonb_build_object('component', v.component, 'running_version', v.running_version, 'expected_version', v.expected_version, 'match_rule', v.match_rule) AS jsonb_build_object
           FROM public.v_component_versions v
          WHERE v.status = 'DRIFT'::text
        UNION ALL
         SELECT 'CALC_VERSION_OVERRIDE'::text AS text,
            'WARN'::text AS text,
            m.entity_type,
            m.id::text AS id,
            format('%s du %s, citerne %s : calculée avec %s, version courante %s'::text, m.label, to_char((m.moved_at AT TIME ZONE vs.depot_time_zone), 'DD/MM/YYYY'::text), m.citerne, COALESCE(m.calc_version, '(aucune)'::text), vs.current_calc_version) AS format,
            jsonb_build_object('citerne', m.citerne, 'date', m.moved_at, 'calc_version', m.calc_version, 'current_calc_version', vs.current_calc_version, 'window_days', vs.calc_coverage_days) AS jsonb_build_object
           FROM recent_movements m
             CROSS JOIN version_settings vs
          WHERE m.moved_at >= (now() - make_interval(days => vs.calc_coverage_days)) AND m.calc_version IS DISTINCT FROM vs.current_calc_version
        UNION ALL
         SELECT f.check_code,
                CASE f.level
                    WHEN 'ERROR'::text THEN 'CRITICAL'::text
                    WHEN 'WARN'::text THEN 'WARN'::text
                    ELSE 'INFO'::text
                END AS "case",
            f.object_type,
            f.object_name,
            f.detail,
            jsonb_build_object('lint', f.lint, 'level', f.level, 'object', f.object_name, 'remediation', f.remediation) || f.metadata
           FROM security_findings f
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('data_freshness_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('sync_watchdog_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('schema_drift_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('security_event_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        )
 SELECT check_code,
    severity,
    entity_type,
    entity_id,
    message,
    details,
    now() AS detected_at
   FROM checks c
  WHERE (CURRENT_USER <> ALL (ARRAY['anon'::name, 'authenticated'::name]))
    OR (( SELECT private.is_governance_reader() AS is_governance_reader)
      AND (( SELECT private.is_head_office() AS is_head_office)
        OR private.entity_depot(entity_type, entity_id) = ( SELECT private.current_profile_depot() AS current_profile_depot)));

create or replace view public.v_system_alerts with (security_invoker=true) as
SELECT a.id,
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
        CASE
            WHEN a.cleared_at IS NULL THEN GREATEST(a.last_seen_at, ( SELECT s.last_run_at
               FROM public.alert_sync_state s
              WHERE s.id))
            ELSE a.last_seen_at
        END AS last_seen_at,
    a.cleared_at,
    a.acknowledged_at,
    a.acknowledged_by,
    ack.nom_complet AS acknowledged_by_name,
    a.ack_note,
    a.resolved_at,
    a.resolved_by,
    res.nom_complet AS resolved_by_name,
    a.resolution_note,
    a.resolved_while_active,
    a.created_at,
    a.updated_at,
    a.search_text,
    a.assigned_to,
    asg.nom_complet AS assigned_to_name,
    a.assigned_by,
    asgby.nom_complet AS assigned_by_name,
    a.assigned_at,
    a.resolution_reason,
    a.snoozed_until,
    a.snoozed_by,
    snz.nom_complet AS snoozed_by_name,
    a.snoozed_at,
    a.snooze_reason,
    COALESCE(a.snoozed_until > now(), false) AS snoozed,
    a.occurrence,
    a.previous_alert_id,
    a.silence_id,
    sil.id IS NOT NULL AND sil.ended_at IS NULL AND sil.ends_at > now() AS silenced,
    sil.ends_at AS silenced_until,
    a.resolution_requested_by,
    req.nom_complet AS resolution_requested_by_name,
    a.resolution_requested_at,
    a.requested_resolution_reason,
    a.requested_resolution_note,
    a.resolution_requested_at IS NOT NULL AND a.status <> 'RESOLVED'::text AS awaiting_countersign,
    a.countersigned_by,
    csg.nom_complet AS countersigned_by_name,
    a.countersigned_at,
    a.depot_id,
    dep.code AS depot_code,
    dep.nom AS depot_name
   FROM public.system_alerts a
     LEFT JOIN public.profils ack ON ack.user_id = a.acknowledged_by
     LEFT JOIN public.profils res ON res.user_id = a.resolved_by
     LEFT JOIN public.profils asg ON asg.user_id = a.assigned_to
     LEFT JOIN public.profils asgby ON asgby.user_id = a.assigned_by
     LEFT JOIN public.profils snz ON snz.user_id = a.snoozed_by
     LEFT JOIN public.alert_silences sil ON sil.id = a.silence_id
     LEFT JOIN public.profils req ON req.user_id = a.resolution_requested_by
     LEFT JOIN public.profils csg ON csg.user_id = a.countersigned_by
     LEFT JOIN public.depots dep ON dep.id = a.depot_id;

drop function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text, p_countersign boolean);
CREATE FUNCTION public.alert_groups(p_by text, p_status text DEFAULT 'active'::text, p_severity text DEFAULT NULL::text, p_check text DEFAULT NULL::text, p_entity_type text DEFAULT NULL::text, p_entity_id text DEFAULT NULL::text, p_mine boolean DEFAULT false, p_snoozed boolean DEFAULT false, p_silenced boolean DEFAULT false, p_term text DEFAULT NULL::text, p_countersign boolean DEFAULT false, p_depot text DEFAULT NULL::text)
 RETURNS TABLE(check_code text, entity_type text, entity_id text, entity_label text, alert_count bigint, critical_count bigint, warn_count bigint, info_count bigint, open_count bigint, ack_count bigint, resolved_count bigint, latest_first_seen_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
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
      -- One depot (its code); RLS has already kept the caller's depots only.
      and (p_depot is null or a.depot_code = p_depot)
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
$function$;
comment on function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text, p_countersign boolean, p_depot text) is 'The alert list grouped by check code (p_by = check) or by object (entity), under the list''s filters (p_countersign: only the resolutions awaiting a countersignature; p_depot: one depot''s code): one row per group with its counts by severity and status and its latest detection, most severe first, at most 201 rows; governance roles only, read as the caller (RLS).';
revoke all on function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text, p_countersign boolean, p_depot text) from public, anon;
grant execute on function public.alert_groups(p_by text, p_status text, p_severity text, p_check text, p_entity_type text, p_entity_id text, p_mine boolean, p_snoozed boolean, p_silenced boolean, p_term text, p_countersign boolean, p_depot text) to authenticated, service_role;
