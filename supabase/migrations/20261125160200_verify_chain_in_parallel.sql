-- verify_alert_event_chain(): the same answer, without rehashing the whole ledger on every call.
--
-- Measured at scale 100 (410,000 events, a loaded 2-core machine): 7.7–8.2 s as a signed-in user —
-- past the API's 8 s statement timeout, so the audit page could no longer verify the chain — and it
-- grew with every event. Two changes:
--
-- 1. A checkpoint. After a verification finds the chain intact, private.alert_event_chain_checkpoint
--    records how far it went: the last event's id and hash, the number of events, and a digest of
--    every stored value of every event up to there (each row's own hash function over its columns,
--    summed: hash_record_extended, no text conversion). The next call recomputes that digest — any
--    value changed, any row removed or added changes it — and if it still matches, only the events
--    after the checkpoint are rehashed and linked to it. If it does not, the whole chain is walked
--    again, as before, and names the first broken row. So tampering anywhere is still found on the
--    next call; what is no longer repeated is the SHA-256 of the canonical form of events already
--    verified (the costly part: to_char, jsonb as text, the digest).
--    A superuser who edits a row could also rewrite the checkpoint, exactly as they could recompute
--    the hashes after the row; the defence against that stays the exports a reviewer keeps and
--    verifies offline (npm run audit:verify).
-- 2. Parallel scans. A function not marked otherwise is "parallel unsafe", and the ledger's read
--    policy calls private.is_governance_reader(): one such call kept every query on the ledger in
--    one process. It is evaluated once, by the leader (an InitPlan): "parallel restricted" is what
--    it is.
--
-- The function now writes the checkpoint: volatile and security definer (the table is private); the
-- caller is read from the JWT, since current_user is the owner here.

alter function private.is_governance_reader() parallel restricted;

create table private.alert_event_chain_checkpoint (
  id boolean primary key default true check (id),
  through_id bigint not null,
  through_hash text not null,
  events bigint not null,
  digest numeric not null,
  verified_at timestamptz not null
);
comment on table private.alert_event_chain_checkpoint is
  'How far verify_alert_event_chain() last found the ledger intact, with a digest of every stored value up to there (one row).';
revoke all on private.alert_event_chain_checkpoint from public, anon, authenticated, service_role;

-- The two passes below are plpgsql RETURN QUERY EXECUTE: a query in a SQL function body, or a
-- SELECT … INTO, is never run in parallel, and these read the whole ledger.

-- Events in (after_id, through_id]: how many, and the sum of each row's hash over its stored values.
create function private.alert_event_rows_digest(after_id bigint, through_id bigint)
returns table (events bigint, digest numeric)
language plpgsql
stable
set search_path = ''
as $$
begin
  return query execute $q$
    select count(*), coalesce(sum(pg_catalog.hash_record_extended(e, 0)), 0)
    from public.system_alert_events e
    where e.id > $1 and e.id <= $2
  $q$ using after_id, through_id;
end;
$$;

-- The first event in (after_id, through_id] whose prev_hash does not link to the one before it (the
-- event at after_id has hash after_hash), and the first whose hash does not match its content.
-- Two aggregates in FROM, not scalar subqueries (a sub-plan never runs in parallel either), and
-- min(id + 0), not min(id), or PostgreSQL walks the primary key alone for min().
create function private.alert_event_chain_first_break(after_id bigint, after_hash text, through_id bigint)
returns table (bad_link bigint, bad_hash bigint)
language plpgsql
stable
set search_path = ''
as $$
begin
  return query execute $q$
    select k.id, h.id
    from (
      select min(l.id) as id
      from (
        select e.id, e.prev_hash, lag(e.hash, 1, $2) over (order by e.id) as expected_prev
        from public.system_alert_events e
        where e.id > $1 and e.id <= $3
      ) l
      where l.prev_hash <> l.expected_prev
    ) k
    cross join (
      select min(e.id + 0) as id
      from public.system_alert_events e
      where e.id > $1 and e.id <= $3
        and e.hash is distinct from private.alert_event_hash(e.id, e.alert_id, e.event_type, e.check_code,
          e.actor_id, e.actor_role, e.from_status, e.to_status, e.note, e.resolved_while_active,
          e.occurred_at, e.details, e.prev_hash)
    ) h
  $q$ using after_id, after_hash, through_id;
end;
$$;

revoke all on function private.alert_event_rows_digest(bigint, bigint) from public, anon, authenticated, service_role;
revoke all on function private.alert_event_chain_first_break(bigint, text, bigint) from public, anon, authenticated, service_role;

create or replace function public.verify_alert_event_chain()
returns table (valid boolean, checked bigint, first_broken_id bigint, reason text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
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
begin
  if auth.role() in ('anon', 'authenticated') and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;

  -- The head first, then only events up to it: ids are drawn under the chain's lock, held to commit,
  -- so every event up to the head is committed and stays what this call reads.
  select e.id, e.hash into head_id, head_hash from public.system_alert_events e order by e.id desc limit 1;
  if head_id is null then
    return query select true, 0::bigint, null::bigint, null::text;
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
      (select count(*) from public.system_alert_events e where e.id <= broken),
      broken,
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
  return query select true, prior_events + rest.events, null::bigint, null::text;
end;
$$;

comment on function public.verify_alert_event_chain() is
  'Whether the ledger''s hash chain holds and, if not, its first broken row; rehashes only events after the last intact checkpoint when the digest of the earlier ones still matches. Governance roles only.';
