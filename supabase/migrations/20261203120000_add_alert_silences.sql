-- Replaces: private.claim_delivery (20261203100100_replace_claim_delivery.sql), private.system_alerts_record_opened, public.v_system_alerts (20261203100000_add_alert_recurrence.sql), private.escalate_overdue_alerts, public.sync_system_alerts (20261203090000_add_alert_snooze.sql), private.system_alert_events_notify (20261202200000_replace_enqueue_delivery_in_batches.sql), public.governance_overview (20261125160000_sync_writes_only_changes.sql)
-- Working an alert (issue 14): silences (maintenance windows).
--
-- A directeur silences one check on one entity — a tank, a truck or a depot — from a start to an
-- end (at most 30 days, starting at most 90 days ahead), with a reason: public.create_alert_silence().
-- A depot's silence covers the depot's tanks and trucks, and a tank's covers its receipts and
-- outflows. An alert of that check and entity that OPENS while the silence runs opens silenced
-- (system_alerts.silence_id, set by a BEFORE INSERT trigger — nobody else writes it):
--   * it is visible under its own filter and counted apart (v_system_alerts.silenced, the overview);
--   * nobody is notified of its opening, and nothing escalates from it;
--   * detection and the ledger go on as for any alert.
-- Alerts already open when a silence starts are not silenced: they are known, and a pause
-- (snooze_alert) is the tool for them.
-- A silence ends by itself (the sync ends those whose end has passed, private.end_expired_silences)
-- or early by a directeur (public.end_alert_silence). Then each alert it silenced that is still
-- active is announced as if it had just opened (an `unsilenced` event, which the notification
-- trigger treats like `opened`), and escalates as usual from its first detection.
-- Ledger: `silence_created` and `silence_ended` (no alert, like settings_changed: the silence's
-- check, entity, window and reason), the `opened` event of a silenced alert names its silence, and
-- `unsilenced` per alert. Only the two functions write silences (no table grant besides select).
-- Only the depot's data checks can be silenced (private.silenceable_check_codes(): stock, movements,
-- freshness — the console's SILENCEABLE_FAMILIES, a test keeps the two equal); the platform's
-- (security posture, drift, versions, the watchdog) never, whatever object is named.
-- Bounded: 100 silences running or to come, 50 created per directeur per day. A silence's window,
-- object and reason never change once created (a trigger): only its end is written, once.
-- Digests leave out the alerts a running silence keeps quiet (as the lists do).
-- Two silences may cover one object: ending one announces the alerts that opened under it even if
-- the other still runs (each alert belongs to one silence, the one ending last when it opened).

alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed', 'commented', 'assigned', 'delivery_retried', 'snoozed', 'unsnoozed',
    'silence_created', 'silence_ended', 'unsilenced']));
alter table public.system_alert_events drop constraint system_alert_events_alert_check;
alter table public.system_alert_events add constraint system_alert_events_alert_check
  check ((alert_id is null) = (check_code is null)
    and (event_type not in ('settings_changed', 'silence_created', 'silence_ended') or alert_id is null)
    and (alert_id is not null or event_type in ('settings_changed', 'delivery_retried', 'silence_created', 'silence_ended')));

create table public.alert_silences (
  id uuid primary key default gen_random_uuid(),
  check_code text not null check (check_code ~ '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$' and char_length(check_code) <= 64),
  entity_type text not null check (entity_type in ('citerne', 'cours_de_route', 'depot')),
  entity_id text not null check (entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text not null check (char_length(reason) between 1 and 500),
  created_by uuid not null references public.profils (user_id),
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by uuid references public.profils (user_id),
  constraint alert_silences_window_check check (ends_at > starts_at and ends_at <= starts_at + interval '30 days'),
  constraint alert_silences_end_check check (ended_by is null or ended_at is not null)
);
comment on table public.alert_silences is 'Maintenance windows: alerts of check_code on the entity (or inside it) that open between starts_at and ends_at open silenced. Written only by create_alert_silence() and end_alert_silence() (directeur), and by the sync at expiry.';
comment on column public.alert_silences.entity_type is 'citerne, cours_de_route or depot; a depot covers its tanks and trucks, a tank its receipts and outflows.';
comment on column public.alert_silences.ended_at is 'When the silence stopped: its end, once the sync has seen it pass, or earlier when a directeur ended it (ended_by). Null: still running or to come.';

-- The running and coming silences of a check: what an opening alert looks for.
create index alert_silences_running_idx on public.alert_silences (check_code, ends_at) where ended_at is null;
create index alert_silences_created_by_idx on public.alert_silences (created_by);
create index alert_silences_ended_by_idx on public.alert_silences (ended_by) where ended_by is not null;

alter table public.alert_silences enable row level security;
revoke all on public.alert_silences from anon, authenticated;
grant select on public.alert_silences to authenticated;
create policy alert_silences_select_governance on public.alert_silences
  for select to authenticated using ((select private.is_governance_reader()));

alter table public.system_alerts add column silence_id uuid references public.alert_silences (id);
comment on column public.system_alerts.silence_id is 'The silence the alert opened under (null: none). Set when the alert is inserted, never changed; the alert is silenced while that silence runs.';
create index system_alerts_silence_idx on public.system_alerts (silence_id, first_seen_at desc, id desc) where silence_id is not null;

-- What a silence on an entity covers: an alert's entity, and the tank and depot it belongs to.
create function private.alert_entity_scopes(p_entity_type text, p_entity_id text)
returns table (entity_type text, entity_id text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  entity uuid;
  tank uuid;
  depot uuid;
begin
  -- Only the depot's objects have scopes; their ids are UUIDs (other entities are named otherwise).
  if p_entity_type not in ('citerne', 'cours_de_route', 'depot', 'reception', 'sortie_produit')
    or p_entity_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return;
  end if;
  entity := p_entity_id::uuid;
  case p_entity_type
    when 'depot' then depot := entity;
    when 'citerne' then tank := entity;
    when 'cours_de_route' then
      select t.depot_id into depot from public.cours_de_route t where t.id = entity;
      return query values ('cours_de_route'::text, p_entity_id);
    when 'reception' then
      select r.citerne_id into tank from public.receptions r where r.id = entity;
    else
      select x.citerne_id into tank from public.sorties_produit x where x.id = entity;
  end case;
  if tank is not null then
    select c.depot_id into depot from public.citernes c where c.id = tank;
    return query values ('citerne'::text, tank::text);
  end if;
  if depot is not null then
    return query values ('depot'::text, depot::text);
  end if;
end;
$$;
comment on function private.alert_entity_scopes(text, text) is 'The entities whose silence covers an alert on (p_entity_type, p_entity_id): itself if it is a tank, truck or depot, and the tank and depot it belongs to.';
revoke all on function private.alert_entity_scopes(text, text) from public, anon, authenticated;

create function private.system_alerts_apply_silence()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.silence_id := null;
  -- Most openings find no silence of their check at all: only then are the entity's scopes read.
  if exists (
    select 1 from public.alert_silences s
    where s.check_code = new.check_code and s.ended_at is null
      and s.ends_at > new.first_seen_at and s.starts_at <= new.first_seen_at
  ) then
    select s.id into new.silence_id
    from public.alert_silences s
    join private.alert_entity_scopes(new.entity_type, new.entity_id) e
      on e.entity_type = s.entity_type and e.entity_id = s.entity_id
    where s.check_code = new.check_code and s.ended_at is null
      and s.ends_at > new.first_seen_at and s.starts_at <= new.first_seen_at
    order by s.ends_at desc, s.id
    limit 1;
  end if;
  return new;
end;
$$;
comment on function private.system_alerts_apply_silence() is 'Before insert: an alert that opens while a silence of its check covers its entity opens silenced (silence_id).';
revoke all on function private.system_alerts_apply_silence() from public, anon, authenticated;

create trigger system_alerts_apply_silence
before insert on public.system_alerts
for each row
execute function private.system_alerts_apply_silence();

-- silence_id never changes once set (the sync never writes it; users have no grant on it).
create function private.system_alerts_keep_silence()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.silence_id := old.silence_id;
  return new;
end;
$$;
revoke all on function private.system_alerts_keep_silence() from public, anon, authenticated;
create trigger system_alerts_keep_silence
before update of silence_id on public.system_alerts
for each row
execute function private.system_alerts_keep_silence();

-- A silence event: no alert, the silence in its details.
create function private.record_silence_event(p_event_type text, p_silence public.alert_silences, p_actor uuid,
  p_occurred_at timestamptz, p_details jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  values (0, null, p_event_type, null, p_actor,
    case when p_actor is null then 'system'
      else coalesce((select p.role from public.profils p where p.user_id = p_actor), 'unknown') end,
    null, null, case when p_event_type = 'silence_created' then p_silence.reason end, null, p_occurred_at,
    jsonb_build_object('silence_id', p_silence.id, 'check_code', p_silence.check_code,
      'entity_type', p_silence.entity_type, 'entity_id', p_silence.entity_id,
      'starts_at', p_silence.starts_at, 'ends_at', p_silence.ends_at) || coalesce(p_details, '{}'::jsonb),
    repeat('0', 64), repeat('0', 64));
$$;
revoke all on function private.record_silence_event(text, public.alert_silences, uuid, timestamptz, jsonb) from public, anon, authenticated;

create function private.alert_silences_record_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  cause text;
  announced integer;
begin
  if tg_op = 'INSERT' then
    perform private.record_silence_event('silence_created', new, new.created_by, new.created_at, null);
    return null;
  end if;
  if old.ended_at is null and new.ended_at is not null then
    cause := case when new.ended_by is null then 'expired' else 'ended' end;
    -- The alerts it kept quiet that are still active: announced now (the notification trigger
    -- treats `unsilenced` like `opened`), in the order they opened.
    with announced_alerts as (
      select private.record_alert_event(a.id, a.check_code, 'unsilenced', new.ended_by, a.status, a.status, null, null,
        new.ended_at, jsonb_build_object('silence_id', new.id, 'cause', cause))
      from (
        select a.id, a.check_code, a.status from public.system_alerts a
        where a.silence_id = new.id and a.status in ('OPEN', 'ACK')
        order by a.first_seen_at, a.id
      ) a
    )
    select count(*) into announced from announced_alerts;
    perform private.record_silence_event('silence_ended', new, new.ended_by, new.ended_at,
      jsonb_build_object('cause', cause, 'ended_at', new.ended_at,
        'silenced_alerts', (select count(*) from public.system_alerts a where a.silence_id = new.id),
        'still_active', announced));
  end if;
  return null;
end;
$$;
comment on function private.alert_silences_record_event() is 'After insert or update: `silence_created` and `silence_ended` ledger events, and an `unsilenced` event for each still-active alert a silence kept quiet when it ends.';
revoke all on function private.alert_silences_record_event() from public, anon, authenticated;

create trigger alert_silences_record_event
after insert or update on public.alert_silences
for each row
execute function private.alert_silences_record_event();

-- The ledger keeps them: nobody deletes a silence.
create function private.alert_silences_refuse_delete()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'silences are kept' using errcode = '42501', hint = 'silence_kept';
end;
$$;
revoke all on function private.alert_silences_refuse_delete() from public, anon, authenticated;
create trigger alert_silences_refuse_delete
before delete on public.alert_silences
for each row
execute function private.alert_silences_refuse_delete();

-- A silence's window, object and reason are what the ledger recorded: only its end is written, once.
create function private.alert_silences_only_end()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.ended_at is not null or new.ended_at is null
    or (to_jsonb(new) - 'ended_at' - 'ended_by') is distinct from (to_jsonb(old) - 'ended_at' - 'ended_by') then
    raise exception 'a silence only ends, once' using errcode = '42501', hint = 'silence_kept';
  end if;
  return new;
end;
$$;
revoke all on function private.alert_silences_only_end() from public, anon, authenticated;
create trigger alert_silences_only_end
before update on public.alert_silences
for each row
execute function private.alert_silences_only_end();

-- Whether an alert's silence still runs (null: the alert has none). Read by the list, the overview,
-- escalation; a silence runs from its start (an alert carries it only if it opened after) to its
-- end, or to when a directeur ended it.
create function private.is_silenced(p_silence_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case when p_silence_id is null then false else exists (
    select 1 from public.alert_silences s where s.id = p_silence_id and s.ended_at is null and s.ends_at > now()) end;
$$;
comment on function private.is_silenced(uuid) is 'Whether the silence an alert opened under still runs (false without one).';
revoke all on function private.is_silenced(uuid) from public, anon;
grant execute on function private.is_silenced(uuid) to authenticated;

-- The checks a silence can name: those of the depot's data (the console's SILENCEABLE_FAMILIES).
create function private.silenceable_check_codes()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['STOCK_NEGATIF', 'STOCK_OVER_CAPACITY', 'CDR_ARRIVE_STALE', 'ECART_15C', 'STOCK_JOURNAL_MISSING',
    'FEED_SILENT', 'REFERENCE_INCOMPLETE'];
$$;
comment on function private.silenceable_check_codes() is 'The check codes a silence can name: the stock, movements and freshness families (lib/silences/checks.ts SILENCEABLE_FAMILIES).';
revoke all on function private.silenceable_check_codes() from public, anon;
grant execute on function private.silenceable_check_codes() to authenticated;

create function public.create_alert_silence(p_check_code text, p_entity_type text, p_entity_id text,
  p_starts_at timestamptz, p_ends_at timestamptz, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
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
  if not entity_found then
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
  if (select count(*) from public.alert_silences s where s.ended_at is null) >= 100 then
    raise exception 'at most 100 silences run or wait at once' using errcode = '54000', hint = 'too_many_silences';
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
$$;
comment on function public.create_alert_silence(text, text, text, timestamptz, timestamptz, text) is 'Silences one of the depot''s data checks on a tank, truck or depot (and what it holds) from p_starts_at (null: now; at most 90 days ahead) to p_ends_at (at most 30 days later), with a reason (1 to 500 characters); directeur only; 100 running or coming silences and 50 a day per directeur at most. A `silence_created` ledger event.';
revoke all on function public.create_alert_silence(text, text, text, timestamptz, timestamptz, text) from public, anon;
grant execute on function public.create_alert_silence(text, text, text, timestamptz, timestamptz, text) to authenticated;

create function public.end_alert_silence(p_silence_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
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
  if not found then
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
$$;
comment on function public.end_alert_silence(uuid) is 'Ends a running or coming silence now; directeur only. A `silence_ended` ledger event (cause: ended), and an `unsilenced` event for each still-active alert it silenced.';
revoke all on function public.end_alert_silence(uuid) from public, anon;
grant execute on function public.end_alert_silence(uuid) to authenticated;

create function private.end_expired_silences()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  ended integer;
begin
  with expired as (
    select s.id from public.alert_silences s
    where s.ended_at is null and s.ends_at <= now()
    order by s.ends_at, s.id
    for update
  )
  update public.alert_silences s set ended_at = s.ends_at
  from expired x
  where s.id = x.id;
  get diagnostics ended = row_count;
  return ended;
end;
$$;
comment on function private.end_expired_silences() is 'Ends the silences whose end has passed (a `silence_ended` event each, cause: expired; `unsilenced` for their still-active alerts); returns how many. Run by the sync.';
revoke all on function private.end_expired_silences() from public, anon, authenticated;

-- An object as people name it: in the silences' list, and the alert list's groups.
create function private.entity_label(p_entity_type text, p_entity_id text)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  entity uuid;
  label text;
begin
  -- The depot's objects have UUIDs; the platform's (tables, policies, accounts) are named by their id.
  if p_entity_id is null or p_entity_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return null;
  end if;
  entity := p_entity_id::uuid;
  case p_entity_type
    when 'depot' then
      select d.code || ' — ' || d.nom into label from public.depots d where d.id = entity;
    when 'citerne' then
      select d.code || ' / ' || c.code || ' — ' || c.nom into label
      from public.citernes c join public.depots d on d.id = c.depot_id where c.id = entity;
    when 'cours_de_route' then
      select t.immatriculation || coalesce(' — ' || t.transporteur, '') into label from public.cours_de_route t where t.id = entity;
    when 'reception' then
      select c.code || ' · ' || to_char(r.date_reception at time zone private.depot_time_zone(), 'YYYY-MM-DD HH24:MI') into label
      from public.receptions r join public.citernes c on c.id = r.citerne_id where r.id = entity;
    when 'sortie_produit' then
      select c.code || ' · ' || to_char(s.date_sortie at time zone private.depot_time_zone(), 'YYYY-MM-DD HH24:MI') into label
      from public.sorties_produit s join public.citernes c on c.id = s.citerne_id where s.id = entity;
    when 'produit' then
      select p.code || ' — ' || p.nom into label from public.produits p where p.id = entity;
    else
      label := null;
  end case;
  return label;
end;
$$;
comment on function private.entity_label(text, text) is 'An alert''s object as people name it (a tank: depot / code — name; a truck: plate — carrier; a receipt or outflow: tank · time), or null when its id already is its name.';
revoke all on function private.entity_label(text, text) from public, anon;
grant execute on function private.entity_label(text, text) to authenticated;

-- The silences page: who, what, when, and how many alerts each kept quiet.
create view public.v_alert_silences with (security_invoker = true) as
select
  s.id,
  s.check_code,
  s.entity_type,
  s.entity_id,
  private.entity_label(s.entity_type, s.entity_id) as entity_label,
  s.starts_at,
  s.ends_at,
  s.reason,
  s.created_by,
  c.nom_complet as created_by_name,
  s.created_at,
  coalesce(s.ended_at, case when s.ends_at <= now() then s.ends_at end) as ended_at,
  s.ended_by,
  e.nom_complet as ended_by_name,
  case when s.ended_at is not null or s.ends_at <= now() then 'ended'
    when s.starts_at > now() then 'upcoming'
    else 'running' end as state,
  (select count(*) from public.system_alerts a where a.silence_id = s.id) as alert_count,
  (select count(*) from public.system_alerts a where a.silence_id = s.id and a.status in ('OPEN', 'ACK')) as active_alert_count
from public.alert_silences s
left join public.profils c on c.user_id = s.created_by
left join public.profils e on e.user_id = s.ended_by;
comment on view public.v_alert_silences is 'Silences with their authors'' names, their state on the database''s clock (upcoming, running, ended) and how many alerts each silenced.';
revoke all on public.v_alert_silences from anon, authenticated;
grant select on public.v_alert_silences to authenticated;

create or replace function private.system_alerts_record_opened()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := auth.uid();
  actor_role text := case when actor is null then 'system'
    else coalesce((select p.role from public.profils p where p.user_id = actor), 'unknown') end;
begin
  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  select 0, o.id, 'opened', o.check_code, actor, actor_role, null, o.status, null, null, o.first_seen_at,
    jsonb_build_object('severity', o.severity, 'entity_type', o.entity_type, 'entity_id', o.entity_id,
      'message', o.message)
      || case when o.occurrence > 1
        then jsonb_build_object('occurrence', o.occurrence, 'previous_alert_id', o.previous_alert_id)
        else '{}'::jsonb end
      || case when o.silence_id is not null then jsonb_build_object('silence_id', o.silence_id) else '{}'::jsonb end,
    repeat('0', 64), repeat('0', 64)
  from opened_alerts o
  order by o.first_seen_at, o.fingerprint;
  return null;
end;
$$;

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
      and (a.silence_id is null or not private.is_silenced(a.silence_id))
      and not exists (select 1 from private.alert_escalations x where x.alert_id = a.id and x.level = 'ack')
    union all
    select a.id, a.check_code, a.status, a.severity, 'resolve', a.first_seen_at + d.resolve_within, d.resolve_within
    from public.system_alerts a
    join public.alert_deadlines d on d.severity = a.severity
    where a.status in ('OPEN', 'ACK') and d.resolve_within is not null and a.first_seen_at + d.resolve_within <= now()
      and (a.snoozed_until is null or a.snoozed_until <= now())
      and (a.silence_id is null or not private.is_silenced(a.silence_id))
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
$$;
comment on function public.sync_system_alerts() is 'Snapshots the policy set, then opens, refreshes and clears alerts from v_integrity_checks, ends the pauses and silences that expired, escalates the overdue alerts that are neither paused nor silenced, and records the run in alert_sync_runs; a run that fails is recorded and answered {ok: false, error_code, error} instead of raised; idempotent; admin or internal callers only.';

create or replace function private.system_alert_events_notify()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- IMPORTANT: first, and before any insert: a statement trigger fires even for zero rows, and the
  -- `notified` insert below fires this trigger again.
  if not exists (select 1 from new_events e where e.event_type in ('opened', 'escalated', 'unsilenced')) then
    return null;
  end if;
  -- Per statement, set-based: the sync's first run can open thousands of alerts in one insert, and
  -- most of them concern nobody's immediate notifications.
  -- An alert that opens silenced is announced when its silence ends (`unsilenced`), not before.
  with causes as (
    select e.id, e.alert_id, e.check_code, e.to_status, a.severity, e.event_type,
      case when e.event_type in ('opened', 'unsilenced') then array['admin']
        else array(select jsonb_array_elements_text(e.details -> 'audience')) end as audience,
      case when e.event_type in ('opened', 'unsilenced') then 'alert' else 'escalation' end as kind
    from new_events e
    join public.system_alerts a on a.id = e.alert_id
    where e.event_type in ('escalated', 'unsilenced') or (e.event_type = 'opened' and a.silence_id is null)
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


create or replace function public.governance_overview(days integer default 30)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
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

-- Digests: the alerts a running silence keeps quiet are left out.
create or replace function private.claim_delivery(p_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
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
          order by s.severity_rank desc, s.first_seen_at desc
          limit 200
        ) x), '[]'::jsonb),
      'escalated', coalesce((
        select jsonb_agg(jsonb_build_object('id', s.id, 'check_code', s.check_code, 'severity', s.severity,
          'status', s.status, 'message', s.message, 'level', x.level, 'due_at', x.due_at)
          order by x.due_at)
        from (
          select * from private.alert_escalations z
          where z.escalated_at >= d.digest_since and z.escalated_at < d.digest_until
          order by z.due_at
          limit 200
        ) x
        join public.system_alerts s on s.id = x.alert_id), '[]'::jsonb),
      -- The alerts a running silence keeps quiet are left out, as the lists leave them out.
      'opened_count', (select count(*) from public.system_alerts s
        where s.first_seen_at >= d.digest_since and s.first_seen_at < d.digest_until
          and (s.silence_id is null or not private.is_silenced(s.silence_id))),
      'still_open_count', (select count(*) from public.system_alerts s where s.status in ('OPEN', 'ACK')
        and (s.silence_id is null or not private.is_silenced(s.silence_id)))) end,
    'console_path', case when a.id is not null then '/governance/alerts/' || a.id else '/governance/alerts' end);
end;
$$;

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
  (sil.id is not null and sil.ended_at is null and sil.ends_at > now()) as silenced,
  sil.ends_at as silenced_until
from public.system_alerts a
left join public.profils ack on ack.user_id = a.acknowledged_by
left join public.profils res on res.user_id = a.resolved_by
left join public.profils asg on asg.user_id = a.assigned_to
left join public.profils asgby on asgby.user_id = a.assigned_by
left join public.profils snz on snz.user_id = a.snoozed_by
left join public.alert_silences sil on sil.id = a.silence_id;
