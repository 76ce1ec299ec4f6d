-- The job queue's functions (graphile-worker installs them in graphile_worker when a worker starts)
-- come without a fixed search_path, which the security posture reports
-- (SEC_FUNCTION_SEARCH_PATH_MUTABLE): a same-named object earlier in a caller's search_path could
-- capture their calls. Every name in their bodies is schema-qualified, so an empty search_path
-- changes nothing for them. The worker pins it right after graphile-worker installs or upgrades the
-- schema (an upgrade's `create or replace` clears it), at every start. Returns how many it pinned.
create or replace function private.pin_job_queue_search_path()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  fn regprocedure;
  pinned integer := 0;
begin
  for fn in
    select p.oid::regprocedure
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'graphile_worker'
      and p.prokind in ('f', 'p')
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search\_path=%')
    order by 1
  loop
    execute pg_catalog.format('alter function %s set search_path = %L', fn, '');
    pinned := pinned + 1;
  end loop;
  return pinned;
end;
$$;
comment on function private.pin_job_queue_search_path() is 'Fixes an empty search_path on every function of the job queue''s schema (graphile_worker) that has none; the delivery worker runs it at start. Returns how many.';
revoke all on function private.pin_job_queue_search_path() from public, anon, authenticated, service_role;
