-- Replaces: private.enqueue_delivery(uuid) (20261202140000, the outbox's stub that only notified)
-- The outbox's rows become jobs of the delivery worker's queue (graphile-worker) in the very
-- transaction that writes them: the trigger that writes a notification_deliveries row calls this, so
-- the event, its deliveries and their jobs commit — or roll back — together, and nothing is lost
-- between the database and the worker.
--
-- graphile-worker installs its schema (graphile_worker) when a worker first starts. Until then this
-- only notifies and the rows stay pending: the worker enqueues every pending delivery without a job
-- when it starts (private.enqueue_missing_deliveries), and every 5 minutes after that as a safety net.
--
-- One job per delivery, keyed `deliver:<id>`: enqueueing twice updates the one waiting job; a job
-- that ran out of attempts (a dead letter, kept by graphile-worker with its last error) is revived
-- with fresh attempts when the delivery is enqueued again (an admin's retry). Twelve attempts with
-- graphile-worker's backoff (exp(min(attempt, 10)) seconds: 3 s, 7 s, 20 s, 55 s, 2.5 min, 7 min,
-- 18 min, 50 min, 2.3 h, then 6 h) span about 16 hours — a night's SMTP outage — before the
-- delivery is marked failed.
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
  if to_regprocedure('graphile_worker.add_job(text, json, text, timestamp with time zone, integer, text, integer, text[], text)') is null then
    perform pg_catalog.pg_notify('notification_deliveries', p_id::text);
    return;
  end if;
  perform graphile_worker.add_job(
    'deliver',
    pg_catalog.json_build_object('id', p_id),
    max_attempts := 12,
    job_key := 'deliver:' || p_id::text,
    job_key_mode := 'replace');
end;
$$;
comment on function private.enqueue_delivery(uuid) is 'Queues the delivery worker''s job for one outbox row (graphile-worker, job key deliver:<id>, 12 attempts), in the caller''s transaction; before any worker has installed the queue, only notifies and the row stays pending for the worker to enqueue at start.';
revoke all on function private.enqueue_delivery(uuid) from public, anon, authenticated, service_role;

-- The worker's reconciliation: pending or retrying deliveries that have no job (written before the
-- queue existed, or whose job was removed by hand) get one. Run by the worker at start and every
-- 5 minutes; a no-op before the queue exists. Returns how many it enqueued.
create or replace function private.enqueue_missing_deliveries()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  missing uuid;
  enqueued integer := 0;
begin
  if to_regclass('graphile_worker.jobs') is null then
    return 0;
  end if;
  for missing in
    select d.id
    from public.notification_deliveries d
    where d.status in ('pending', 'retrying')
      and not exists (select 1 from graphile_worker.jobs j where j.key = 'deliver:' || d.id::text)
    order by d.created_at, d.id
  loop
    perform private.enqueue_delivery(missing);
    enqueued := enqueued + 1;
  end loop;
  return enqueued;
end;
$$;
comment on function private.enqueue_missing_deliveries() is 'Enqueues every pending or retrying delivery that has no graphile-worker job (deliver:<id>); the worker runs it at start and every 5 minutes. Returns the count.';
revoke all on function private.enqueue_missing_deliveries() from public, anon, authenticated, service_role;
