-- Replaces: private.enqueue_delivery, private.enqueue_missing_deliveries (20261202160000), private.system_alert_events_notify (20261202140000)
--
-- The outbox's rows become jobs in one call per statement, not one per row. Measured at scale 100
-- (the benchmark's 1,000 CRITICAL alerts opened by one sync): graphile_worker.add_job() once per
-- delivery cost ≈ 0.8 ms each (≈ 800 ms in the sync's transaction, and as much added to every
-- e-mail's detection-to-inbox time); graphile_worker.add_jobs() with the 1,000 specs costs ≈ 40–60 ms.
-- The jobs are the same: task `deliver`, payload {"id": <delivery>}, 12 attempts, job key
-- `deliver:<id>` — add_jobs() upserts on the key like add_job()'s `replace` mode (an existing job
-- gets fresh attempts; a locked one keeps running and a new job follows it), so a retried
-- delivery's dead letter is revived as before.

create function private.enqueue_deliveries(p_ids uuid[])
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  ids uuid[] := array(select distinct i from unnest(p_ids) i where i is not null order by 1);
begin
  if cardinality(ids) = 0 then
    return 0;
  end if;
  -- Before a worker has installed the queue (graphile_worker), only notify: the rows stay pending
  -- and the worker enqueues them when it starts (enqueue_missing_deliveries).
  if to_regprocedure('graphile_worker.add_jobs(graphile_worker.job_spec[], boolean)') is null then
    perform pg_catalog.pg_notify('notification_deliveries', cardinality(ids)::text);
    return 0;
  end if;
  perform graphile_worker.add_jobs(array(
    select row('deliver', pg_catalog.json_build_object('id', i), null, null, 12, 'deliver:' || i::text, null, null)::graphile_worker.job_spec
    from unnest(ids) i));
  return cardinality(ids);
end;
$$;
comment on function private.enqueue_deliveries(uuid[]) is 'Queues the delivery worker''s jobs for outbox rows in one call (graphile-worker add_jobs; job key deliver:<id>, 12 attempts), in the caller''s transaction; before any worker has installed the queue, only notifies. Returns how many were queued.';
revoke all on function private.enqueue_deliveries(uuid[]) from public, anon, authenticated, service_role;

create or replace function private.enqueue_delivery(p_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_id is null then
    raise exception 'enqueue_delivery: a delivery id is required' using errcode = '22004';
  end if;
  perform private.enqueue_deliveries(array[p_id]);
end;
$$;
comment on function private.enqueue_delivery(uuid) is 'Queues the delivery worker''s job for one outbox row (see enqueue_deliveries), in the caller''s transaction.';

create or replace function private.enqueue_missing_deliveries()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
begin
  if to_regclass('graphile_worker.jobs') is null then
    return 0;
  end if;
  return private.enqueue_deliveries(array(
    select d.id
    from public.notification_deliveries d
    where d.status in ('pending', 'retrying')
      and not exists (select 1 from graphile_worker.jobs j where j.key = 'deliver:' || d.id::text)
    order by d.created_at, d.id));
end;
$$;
comment on function private.enqueue_missing_deliveries() is 'Enqueues every pending or retrying delivery that has no graphile-worker job (deliver:<id>); the worker runs it at start and every 5 minutes. Returns the count.';

-- The ledger's notification trigger: unchanged but for handing its deliveries to the queue at once.
create or replace function private.system_alert_events_notify()
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
    jsonb_build_object('cause_event_id', c.id, 'cause', case c.kind when 'alert' then 'opened' else 'escalated' end,
      'recipients', n.recipients),
    repeat('0', 64), repeat('0', 64)
  from notified n
  join causes c on c.id = n.event_id
  order by c.id;
  return null;
end;
$$;
