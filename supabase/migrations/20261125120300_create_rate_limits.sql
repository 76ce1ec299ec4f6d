-- Rate limits on mutations, per user, with their state in Postgres so every instance of the
-- console shares it (the console is stateless; DESIGN §4). A fixed window: the first call in a
-- window starts it, each call counts one, the caller decides the limit.
--
-- consume_rate_limit() counts the caller's own hits only (auth.uid()): a user can neither see nor
-- spend anyone else's budget. security definer: the counters live in `private`, out of the API.

create table private.rate_limit_windows (
  user_id uuid not null,
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null check (hits > 0),
  primary key (user_id, bucket, window_start)
);
alter table private.rate_limit_windows enable row level security;
revoke all on private.rate_limit_windows from public, anon, authenticated, service_role;

comment on table private.rate_limit_windows is 'Hits per user, bucket and time window (rate limits on mutations).';

create function public.consume_rate_limit(bucket text, max_hits integer, window_seconds integer default 60)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  actor uuid := auth.uid();
  started timestamptz;
  count integer;
begin
  if actor is null then
    raise exception 'rate limits apply to signed-in users' using errcode = '42501', hint = 'actor_required';
  end if;
  if consume_rate_limit.bucket is null or consume_rate_limit.bucket !~ '^[a-z_]{1,64}$'
    or max_hits is null or max_hits not between 1 and 100000
    or window_seconds is null or window_seconds not between 1 and 3600 then
    raise exception 'invalid rate limit arguments' using errcode = '22023', hint = 'invalid_rate_limit';
  end if;

  started := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
  insert into private.rate_limit_windows as w (user_id, bucket, window_start, hits)
  values (actor, consume_rate_limit.bucket, started, 1)
  on conflict (user_id, bucket, window_start) do update set hits = w.hits + 1
  returning w.hits into count;

  -- Old windows are of no use: each caller sweeps its own.
  delete from private.rate_limit_windows w
  where w.user_id = actor and w.bucket = consume_rate_limit.bucket and w.window_start < started;

  return jsonb_build_object(
    'allowed', count <= max_hits,
    'hits', count,
    'limit', max_hits,
    'retry_after_seconds', greatest(1, ceil(extract(epoch from started + make_interval(secs => window_seconds) - now())))
  );
end;
$$;

comment on function public.consume_rate_limit(text, integer, integer) is
  'Counts one hit for the caller in a fixed window; returns {allowed, hits, limit, retry_after_seconds}.';

revoke all on function public.consume_rate_limit(text, integer, integer) from public, anon;
grant execute on function public.consume_rate_limit(text, integer, integer) to authenticated;
