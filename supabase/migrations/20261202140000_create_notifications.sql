-- Deadlines, escalation and the notification outbox (issue 15, DESIGN §2.3c).
--
-- * public.alert_deadlines: per severity, the time to acknowledge and to resolve (null = none);
--   governance roles read them, a directeur changes them through set_alert_deadline().
-- * Escalation: private.escalate_overdue_alerts(), run by every sync, records each overdue step
--   once (private.alert_escalations) and writes an `escalated` ledger event: not acknowledged in
--   time → the directeurs; not resolved in time → the directeurs, and the PCA for a CRITICAL alert.
-- * Preferences: each governance user's channels (e-mail, a webhook), the minimum severity for
--   immediate notifications and a digest (none, daily, weekly); defaults by role when the user has
--   never chosen (PCA: weekly digest only; admin and directeur: CRITICAL at once plus a daily digest).
--   Webhook secrets live in private.webhook_secrets, which no API role can read; the owner gets
--   theirs through my_webhook_secret().
-- * The outbox: public.notification_deliveries, one row per event × recipient × channel (a unique
--   key), written by a trigger on the ledger in the event's own transaction — `opened` notifies the
--   admins, `escalated` the escalation's audience — and followed by a `notified` ledger event naming
--   who was notified on which channel. private.enqueue_delivery() hands each row to the job queue
--   (a stub here: the worker's migration gives it the queue's SQL API). The worker claims and
--   finishes deliveries through claim_delivery()/finish_delivery(); an admin retries a failed one.

-- The ledger gains the two notification steps.
alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified']));

-- Deadlines ---------------------------------------------------------------------------------------

create table public.alert_deadlines (
  severity text primary key check (severity in ('CRITICAL', 'WARN', 'INFO')),
  ack_within interval check (ack_within > interval '0' and ack_within <= interval '90 days'),
  resolve_within interval check (resolve_within > interval '0' and resolve_within <= interval '365 days'),
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id),
  check (ack_within is null or resolve_within is null or resolve_within >= ack_within)
);
comment on table public.alert_deadlines is 'Per severity: time to acknowledge and time to resolve an alert, counted from its first detection (null: no deadline). Changed by a directeur through set_alert_deadline().';
insert into public.alert_deadlines (severity, ack_within, resolve_within) values
  ('CRITICAL', interval '15 minutes', interval '24 hours'),
  ('WARN', interval '4 hours', interval '7 days'),
  ('INFO', null, null);
alter table public.alert_deadlines enable row level security;
create policy alert_deadlines_select_governance on public.alert_deadlines for select to authenticated
  using ((select private.is_governance_reader()));
revoke all on table public.alert_deadlines from public, anon, authenticated, service_role;
grant select on table public.alert_deadlines to authenticated, service_role;

create function public.set_alert_deadline(p_severity text, p_ack_minutes integer, p_resolve_minutes integer)
returns public.alert_deadlines
language plpgsql
security definer
set search_path = ''
as $$
declare
  saved public.alert_deadlines;
begin
  if private.current_profile_role() is distinct from 'directeur' then
    raise exception 'only a directeur can change the deadlines' using errcode = '42501', hint = 'deadlines_require_directeur';
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
$$;
comment on function public.set_alert_deadline(text, integer, integer) is 'Sets the time to acknowledge and to resolve (minutes; null: none) for one severity; directeur only.';
revoke all on function public.set_alert_deadline(text, integer, integer) from public, anon;
grant execute on function public.set_alert_deadline(text, integer, integer) to authenticated;

-- Escalation --------------------------------------------------------------------------------------

create table private.alert_escalations (
  alert_id uuid not null references public.system_alerts (id),
  level text not null check (level in ('ack', 'resolve')),
  due_at timestamptz not null,
  escalated_at timestamptz not null default now(),
  primary key (alert_id, level)
);
comment on table private.alert_escalations is 'Each overdue step of an alert, recorded once (the ledger''s `escalated` event says the same, for readers).';
revoke all on table private.alert_escalations from public, anon, authenticated, service_role;

create function private.escalate_overdue_alerts()
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
      and not exists (select 1 from private.alert_escalations x where x.alert_id = a.id and x.level = 'ack')
    union all
    select a.id, a.check_code, a.status, a.severity, 'resolve', a.first_seen_at + d.resolve_within, d.resolve_within
    from public.system_alerts a
    join public.alert_deadlines d on d.severity = a.severity
    where a.status in ('OPEN', 'ACK') and d.resolve_within is not null and a.first_seen_at + d.resolve_within <= now()
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
comment on function private.escalate_overdue_alerts() is 'Records every newly overdue step (not acknowledged, not resolved in time) once, as an `escalated` ledger event; returns how many. Run by the sync.';
revoke all on function private.escalate_overdue_alerts() from public, anon, authenticated, service_role;

-- Preferences -------------------------------------------------------------------------------------

create table public.notification_preferences (
  user_id uuid primary key references public.profils (user_id) on delete cascade,
  email_enabled boolean not null,
  webhook_url text check (char_length(webhook_url) <= 2000 and webhook_url ~ '^https?://[^\s/?#@]+(/[^\s]*)?$'),
  min_severity text check (min_severity in ('CRITICAL', 'WARN', 'INFO')),
  digest text not null check (digest in ('none', 'daily', 'weekly')),
  updated_at timestamptz not null default now()
);
comment on table public.notification_preferences is 'A governance user''s choices: e-mail on or off, a webhook URL, the minimum severity notified at once (null: none), a digest. No row: the defaults of private.notification_recipients().';
comment on column public.notification_preferences.min_severity is 'Immediate notifications at or above this severity; null: none (digest only).';
alter table public.notification_preferences enable row level security;
create policy notification_preferences_select_own on public.notification_preferences for select to authenticated
  using (user_id = (select auth.uid()));
revoke all on table public.notification_preferences from public, anon, authenticated, service_role;
grant select on table public.notification_preferences to authenticated;

create table private.webhook_secrets (
  user_id uuid primary key references public.profils (user_id) on delete cascade,
  secret text not null check (secret ~ '^whsec_[A-Za-z0-9+/]+={0,2}$'),
  created_at timestamptz not null default now()
);
comment on table private.webhook_secrets is 'Standard Webhooks signing secrets, one per user with a webhook; out of every API role''s reach.';
revoke all on table private.webhook_secrets from public, anon, authenticated, service_role;

create function private.notification_recipients()
returns table (user_id uuid, role text, name text, email text, email_enabled boolean, webhook_url text,
  min_severity text, digest text)
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
    coalesce(n.digest, case when p.role = 'pca' then 'weekly' else 'daily' end)
  from public.profils p
  join auth.users u on u.id = p.user_id
  left join public.notification_preferences n on n.user_id = p.user_id
  where p.role in ('admin', 'directeur', 'pca');
$$;
comment on function private.notification_recipients() is 'Every governance user with their effective notification preferences (their choices, else the role''s defaults).';
revoke all on function private.notification_recipients() from public, anon, authenticated, service_role;

create function public.my_notification_preferences()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  mine record;
begin
  if not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  select * into mine from private.notification_recipients() r where r.user_id = auth.uid();
  return jsonb_build_object(
    'email', mine.email,
    'email_enabled', mine.email_enabled,
    'webhook_url', mine.webhook_url,
    'has_webhook_secret', exists (select 1 from private.webhook_secrets s where s.user_id = auth.uid()),
    'min_severity', mine.min_severity,
    'digest', mine.digest,
    'is_default', not exists (select 1 from public.notification_preferences n where n.user_id = auth.uid()));
end;
$$;
comment on function public.my_notification_preferences() is 'The caller''s effective notification preferences (governance roles).';
revoke all on function public.my_notification_preferences() from public, anon;
grant execute on function public.my_notification_preferences() to authenticated;

create function public.set_my_notification_preferences(p_email_enabled boolean, p_webhook_url text,
  p_min_severity text, p_digest text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  url text := nullif(btrim(p_webhook_url), '');
begin
  if not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if p_email_enabled is null
    or (p_min_severity is not null and p_min_severity not in ('CRITICAL', 'WARN', 'INFO'))
    or p_digest is null or p_digest not in ('none', 'daily', 'weekly') then
    raise exception 'invalid notification preferences' using errcode = '22023', hint = 'preferences_invalid';
  end if;
  if url is not null and (char_length(url) > 2000 or url !~ '^https?://[^\s/?#@]+(/[^\s]*)?$') then
    raise exception 'the webhook URL must be an http(s) URL without credentials' using errcode = '22023',
      hint = 'webhook_url_invalid';
  end if;
  insert into public.notification_preferences as n (user_id, email_enabled, webhook_url, min_severity, digest)
  values (auth.uid(), p_email_enabled, url, p_min_severity, p_digest)
  on conflict (user_id) do update
  set email_enabled = excluded.email_enabled, webhook_url = excluded.webhook_url,
    min_severity = excluded.min_severity, digest = excluded.digest, updated_at = now();
  if url is not null then
    insert into private.webhook_secrets (user_id, secret)
    values (auth.uid(), 'whsec_' || encode(extensions.gen_random_bytes(24), 'base64'))
    on conflict (user_id) do nothing;
  end if;
  return public.my_notification_preferences();
end;
$$;
comment on function public.set_my_notification_preferences(boolean, text, text, text) is 'Saves the caller''s notification preferences; a webhook URL gets a signing secret (see my_webhook_secret()).';
revoke all on function public.set_my_notification_preferences(boolean, text, text, text) from public, anon;
grant execute on function public.set_my_notification_preferences(boolean, text, text, text) to authenticated;

create function public.my_webhook_secret(p_rotate boolean default false)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  found text;
begin
  if not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if p_rotate then
    update private.webhook_secrets s set secret = 'whsec_' || encode(extensions.gen_random_bytes(24), 'base64'),
      created_at = now()
    where s.user_id = auth.uid();
  end if;
  select s.secret into found from private.webhook_secrets s where s.user_id = auth.uid();
  return found;
end;
$$;
comment on function public.my_webhook_secret(boolean) is 'The caller''s own webhook signing secret (rotated first when asked); nobody can read another user''s.';
revoke all on function public.my_webhook_secret(boolean) from public, anon;
grant execute on function public.my_webhook_secret(boolean) to authenticated;

-- The outbox --------------------------------------------------------------------------------------

create table public.notification_deliveries (
  id uuid primary key default gen_random_uuid(),
  event_id bigint references public.system_alert_events (id),
  alert_id uuid references public.system_alerts (id),
  recipient_id uuid not null references public.profils (user_id),
  channel text not null check (channel in ('email', 'webhook')),
  kind text not null check (kind in ('alert', 'escalation', 'digest')),
  digest_period text check (digest_period in ('daily', 'weekly')),
  digest_since timestamptz,
  digest_until timestamptz,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'retrying', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (char_length(last_error) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (event_id, recipient_id, channel),
  unique (recipient_id, channel, digest_period, digest_until),
  check ((kind = 'digest') = (event_id is null)),
  check ((kind = 'digest') = (digest_period is not null and digest_since is not null and digest_until is not null))
);
comment on table public.notification_deliveries is 'The outbox: one row per event (or digest) × recipient × channel, written by triggers in the event''s transaction, delivered by the worker (npm run worker).';
create index notification_deliveries_created_idx on public.notification_deliveries (created_at desc, id);
create index notification_deliveries_open_idx on public.notification_deliveries (status, created_at)
  where status in ('pending', 'sending', 'retrying', 'failed');
create index notification_deliveries_recipient_idx on public.notification_deliveries (recipient_id, created_at desc);
create index notification_deliveries_alert_idx on public.notification_deliveries (alert_id);
alter table public.notification_deliveries enable row level security;
create policy notification_deliveries_select_admin on public.notification_deliveries for select to authenticated
  using ((select private.current_profile_role()) = 'admin');
create policy notification_deliveries_select_own on public.notification_deliveries for select to authenticated
  using (recipient_id = (select auth.uid()) and (select private.is_governance_reader()));
revoke all on table public.notification_deliveries from public, anon, authenticated, service_role;
grant select on table public.notification_deliveries to authenticated, service_role;

-- Bounded: sent and failed deliveries older than the retention are deleted by the sync (the
-- ledger's `notified` events keep who was told); pending and retrying ones are never deleted.
alter table public.governance_settings
  add column deliveries_retention_days integer not null default 90
    check (deliveries_retention_days between 7 and 3650);
comment on column public.governance_settings.deliveries_retention_days is 'Days a sent or failed notification delivery is kept (the ledger keeps the `notified` event for ever).';

create function private.prune_notification_deliveries()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  pruned integer;
begin
  -- At most 10,000 per run, oldest first: a backlog drains over a few runs without a long lock.
  with old as (
    select d.id from public.notification_deliveries d
    where d.status in ('sent', 'failed')
      and d.created_at < now() - make_interval(days => (select g.deliveries_retention_days from public.governance_settings g where g.id))
    order by d.created_at
    limit 10000
  ),
  deleted as (
    delete from public.notification_deliveries d using old where d.id = old.id returning 1
  )
  select count(*) into pruned from deleted;
  return pruned;
end;
$$;
comment on function private.prune_notification_deliveries() is 'Deletes sent and failed deliveries past the retention (10,000 at most per call); run by the sync.';
revoke all on function private.prune_notification_deliveries() from public, anon, authenticated, service_role;

create function private.enqueue_delivery(p_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  -- Replaced by the worker's migration with the job queue's own SQL API.
  select pg_notify('notification_deliveries', p_id::text);
$$;
comment on function private.enqueue_delivery(uuid) is 'Hands one delivery to the job queue, in the caller''s transaction.';
revoke all on function private.enqueue_delivery(uuid) from public, anon, authenticated, service_role;

create function private.system_alert_events_notify()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- IMPORTANT: first, and before any insert: a statement trigger fires even for zero rows, and the
  -- `notified` insert below fires this trigger again.
  if not exists (select 1 from new_events e where e.event_type in ('opened', 'escalated')) then
    return null;
  end if;
  -- Per statement, set-based: the sync's first run can open thousands of alerts in one insert, and
  -- most of them concern nobody's immediate notifications.
  with causes as (
    select e.id, e.alert_id, e.check_code, e.to_status, a.severity,
      case when e.event_type = 'opened' then array['admin']
        else array(select jsonb_array_elements_text(e.details -> 'audience')) end as audience,
      case when e.event_type = 'opened' then 'alert' else 'escalation' end as kind
    from new_events e
    join public.system_alerts a on a.id = e.alert_id
    where e.event_type in ('opened', 'escalated')
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
    -- Materialised (and volatile): every delivery is handed to the queue, whatever reads it.
    select i.event_id, i.recipient_id, i.channel, private.enqueue_delivery(i.id) is null as queued
    from inserted i
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
    jsonb_build_object('cause_event_id', c.id, 'cause', case c.kind when 'alert' then 'opened' else 'escalated' end,
      'recipients', n.recipients),
    repeat('0', 64), repeat('0', 64)
  from notified n
  join causes c on c.id = n.event_id
  order by c.id;
  return null;
end;
$$;
comment on function private.system_alert_events_notify() is 'Writes the deliveries the `opened` and `escalated` ledger events of one statement call for (the rules: opened → admins, escalated → its audience; each recipient''s minimum severity and channels), hands them to the queue, and records them as `notified` events.';
revoke all on function private.system_alert_events_notify() from public, anon, authenticated, service_role;

create trigger system_alert_events_notify
after insert on public.system_alert_events
referencing new table as new_events
for each statement
execute function private.system_alert_events_notify();

-- Digests -----------------------------------------------------------------------------------------

create function private.create_digest_deliveries(p_period text)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  zone text := private.depot_time_zone();
  period_until timestamptz;
  period_since timestamptz;
  created integer;
begin
  if p_period is null or p_period not in ('daily', 'weekly') then
    raise exception 'unknown digest period %', p_period using errcode = '22023';
  end if;
  -- Periods end at the start of today in the depot's time zone, so two schedulers firing the same
  -- morning write the same rows (the unique key keeps one).
  period_until := date_trunc('day', now() at time zone zone) at time zone zone;
  period_since := period_until - case p_period when 'daily' then interval '1 day' else interval '7 days' end;
  with inserted as (
    insert into public.notification_deliveries (recipient_id, channel, kind, digest_period, digest_since, digest_until)
    select r.user_id, c.channel, 'digest', p_period, period_since, period_until
    from private.notification_recipients() r
    cross join lateral (
      select 'email' as channel where r.email_enabled and r.email is not null
      union all
      select 'webhook' where r.webhook_url is not null
    ) c
    where r.digest = p_period
    on conflict do nothing
    returning id
  )
  select count(*) into created from (select private.enqueue_delivery(i.id) from inserted i) q;
  return created;
end;
$$;
comment on function private.create_digest_deliveries(text) is 'Writes the day''s or week''s digest deliveries (once per recipient, channel and period), for the worker''s schedule.';
revoke all on function private.create_digest_deliveries(text) from public, anon, authenticated, service_role;

-- The worker's side -------------------------------------------------------------------------------

create function private.claim_delivery(p_id uuid)
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
      'ack_due_at', ack_due, 'resolve_due_at', resolve_due) end,
    'digest', case when d.kind = 'digest' then jsonb_build_object('period', d.digest_period,
      'since', d.digest_since, 'until', d.digest_until,
      'alerts', coalesce((
        select jsonb_agg(jsonb_build_object('id', x.id, 'check_code', x.check_code, 'severity', x.severity,
          'status', x.status, 'message', x.message, 'first_seen_at', x.first_seen_at)
          order by x.severity_rank desc, x.first_seen_at desc)
        from (
          select s.* from public.system_alerts s
          where s.first_seen_at >= d.digest_since and s.first_seen_at < d.digest_until
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
      'opened_count', (select count(*) from public.system_alerts s
        where s.first_seen_at >= d.digest_since and s.first_seen_at < d.digest_until),
      'still_open_count', (select count(*) from public.system_alerts s where s.status in ('OPEN', 'ACK'))) end,
    'console_path', case when a.id is not null then '/governance/alerts/' || a.id else '/governance/alerts' end);
end;
$$;
comment on function private.claim_delivery(uuid) is 'The worker takes one delivery: marks it sending (one more attempt) and returns what it needs to send it; null when it is already sent or failed.';
revoke all on function private.claim_delivery(uuid) from public, anon, authenticated, service_role;

create function private.finish_delivery(p_id uuid, p_ok boolean, p_error text, p_final boolean)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.notification_deliveries d
  set status = case when p_ok then 'sent' when p_final then 'failed' else 'retrying' end,
    sent_at = case when p_ok then now() end,
    last_error = case when p_ok then d.last_error else left(coalesce(nullif(p_error, ''), '(no message)'), 2000) end,
    updated_at = now()
  where d.id = p_id and d.status = 'sending';
$$;
comment on function private.finish_delivery(uuid, boolean, text, boolean) is 'The worker''s outcome for one claimed delivery: sent, retrying, or failed (no attempt left).';
revoke all on function private.finish_delivery(uuid, boolean, text, boolean) from public, anon, authenticated, service_role;

create function public.retry_delivery(p_id uuid)
returns public.notification_deliveries
language plpgsql
security definer
set search_path = ''
as $$
declare
  retried public.notification_deliveries;
begin
  if private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can retry a delivery' using errcode = '42501', hint = 'retry_requires_admin';
  end if;
  update public.notification_deliveries d
  set status = 'pending', updated_at = now()
  where d.id = p_id and d.status = 'failed'
  returning * into retried;
  if retried.id is null then
    raise exception 'no failed delivery %', p_id using errcode = 'P0002', hint = 'delivery_not_failed';
  end if;
  perform private.enqueue_delivery(retried.id);
  return retried;
end;
$$;
comment on function public.retry_delivery(uuid) is 'Sends a failed delivery again (admin only).';
revoke all on function public.retry_delivery(uuid) from public, anon;
grant execute on function public.retry_delivery(uuid) to authenticated;
