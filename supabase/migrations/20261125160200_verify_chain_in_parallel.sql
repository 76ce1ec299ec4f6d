-- verify_alert_event_chain(): the same answer, in two passes PostgreSQL can run side by side.
--
-- Measured at scale 100 (410,000 events, a loaded 2-core machine): 8.2 s — past the API's 8 s statement timeout, so the
-- audit page could no longer verify the chain. The single pass hashed every row inside a window
-- query (lag() over the chain order), which runs in one process. Now:
--   1. recomputing each row's hash is a plain scan, which PostgreSQL splits across parallel
--      workers (alert_event_hash is parallel safe);
--   2. the links (each prev_hash = the previous row's hash) are checked by the window pass, which
--      reads two short columns and hashes nothing.
-- The first broken row is the lower of the two answers; when one row fails both ways the reason
-- is its prev_hash, as before; `checked` is still the position of that row, or every row.
-- Now ≈ 3.4 s at 410,000 events (3.1 s hashing on two workers + 0.25 s for the links). It stays
-- linear in the ledger's length: a stored checkpoint of the last verified row would make the page's
-- check proportional to the events since then (not done: see docs/benchmarks.md).

-- The ledger's read policy calls private.is_governance_reader(), and a function not marked otherwise
-- is "parallel unsafe": one in a query keeps the whole query in one process. It is evaluated once,
-- by the leader (an InitPlan), so "restricted" is what it is.
alter function private.is_governance_reader() parallel restricted;

create or replace function public.verify_alert_event_chain()
returns table (valid boolean, checked bigint, first_broken_id bigint, reason text)
language plpgsql
stable
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;

  -- One RETURN QUERY (a SELECT … INTO in PL/pgSQL never runs in parallel).
  return query
  with bad_hash as (
    -- min(id + 0), not min(id): for min(id) PostgreSQL walks the primary key in order, alone; on
    -- an expression it scans the table in parallel (≈ 2× on two cores).
    select min(e.id + 0) as id
    from public.system_alert_events e
    where e.hash is distinct from private.alert_event_hash(e.id, e.alert_id, e.event_type, e.check_code,
      e.actor_id, e.actor_role, e.from_status, e.to_status, e.note, e.resolved_while_active, e.occurred_at,
      e.details, e.prev_hash)
  ),
  bad_link as (
    select min(l.id) as id
    from (
      select e.id, e.prev_hash, lag(e.hash, 1, repeat('0', 64)) over (order by e.id) as expected_prev
      from public.system_alert_events e
    ) l
    where l.prev_hash <> l.expected_prev
  ),
  broken as (
    select least(k.id, h.id) as id, k.id as link_id from bad_link k cross join bad_hash h
  )
  select b.id is null,
    case when b.id is null then (select count(*) from public.system_alert_events)
      else (select count(*) from public.system_alert_events e where e.id <= b.id) end,
    b.id,
    case when b.id is null then null
      when b.id = b.link_id then 'prev_hash does not match the previous row''s hash'
      else 'hash does not match the row''s content' end
  from broken b;
end;
$$;
