-- Replaces: public.consume_rate_limit(text, integer, integer), private.rate_limit_windows
--
-- api_guard.check_request(): PostgREST's db-pre-request hook, run at the start of every API request
-- in the request's own transaction, whoever sends it — the console's server actions and a user's raw
-- calls with the anon key and their own token alike. It enforces what used to live in the console
-- (and so did not hold for the direct API):
--   1. A signed-in user's token must name a live session (`session_id` in auth.sessions, not past
--      its `not_after`): signing out — or an ended session — stops API access at once, not when the
--      access token expires an hour later. 401 `session_not_found`.
--   2. Each user's writes per minute (governance_settings.api_writes_per_minute, default 60): every
--      request that can write (PostgREST runs the others in read-only transactions) spends one; past
--      the limit, 429 `rate_limited` with Retry-After. The limit is the system's: no caller chooses a
--      bucket, a limit or a window (consume_rate_limit let them, and a 1-second window reset the
--      console's). One row per user, rewritten in place: the table cannot grow past the users.
--      A refused or failed write rolls back with its request and is not counted; it changed nothing.
--   3. No `Prefer: count=planned|estimated`: the planner's estimates ignore RLS and told any
--      signed-in user (operateur, lecture) roughly how many rows each table holds. Exact counts
--      remain (they count only the rows RLS lets the caller see).
-- And governance_settings.alerts_per_write bounds how many alerts one request may change (a bulk
-- PATCH with no filter would otherwise acknowledge every open alert at once).
--
-- Registered the way Supabase supports it (in-database PostgREST configuration on the authenticator
-- role, then a config reload). Its own schema, `api_guard`, so that anon — which must be able to run
-- the hook — needs usage on no other schema.

alter table public.governance_settings
  add column api_writes_per_minute integer not null default 60 check (api_writes_per_minute between 1 and 100000),
  add column alerts_per_write integer not null default 100 check (alerts_per_write between 1 and 10000);

comment on column public.governance_settings.api_writes_per_minute is
  'Writes per user per minute through the API (console actions and direct PostgREST calls alike).';
comment on column public.governance_settings.alerts_per_write is
  'At most this many alerts changed by one request (a bulk acknowledgement, a PATCH without filter).';

drop function public.consume_rate_limit(text, integer, integer);
drop table private.rate_limit_windows;

create table private.api_write_budget (
  user_id uuid primary key,
  window_start timestamptz not null,
  writes integer not null check (writes > 0)
);
alter table private.api_write_budget enable row level security;
revoke all on private.api_write_budget from public, anon, authenticated, service_role;

comment on table private.api_write_budget is
  'Writes per user in the current one-minute window (one row per user, rewritten in place).';

create schema api_guard;
revoke all on schema api_guard from public;
grant usage on schema api_guard to anon, authenticated, service_role;

comment on schema api_guard is 'PostgREST''s db-pre-request hook (every API role runs it; nothing else lives here).';

-- Raises PostgREST's custom error: an HTTP status, headers, and a JSON body {code, message, details, hint}.
create function private.refuse_request(status integer, code text, message text, headers jsonb default '{}'::jsonb,
  details text default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise sqlstate 'PGRST' using
    message = json_build_object('code', code, 'message', message, 'details', details, 'hint', null)::text,
    detail = json_build_object('status', status, 'headers', headers)::text;
end;
$$;
revoke all on function private.refuse_request(integer, text, text, jsonb, text) from public, anon, authenticated, service_role;

-- security definer: API roles cannot read auth.sessions nor write the budget; the hook reads only
-- the caller's own session and spends only the caller's own budget (both from the verified JWT).
create function api_guard.check_request()
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  api_role text := auth.role();
  actor uuid;
  session_id uuid;
  prefer text := lower(coalesce(current_setting('request.headers', true)::jsonb ->> 'prefer', ''));
  window_start timestamptz := date_trunc('minute', now());
  retry_after integer := greatest(1, ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now())))::integer;
  allowed integer;
  spent integer;
begin
  if prefer ~ 'count\s*=\s*(planned|estimated)' then
    perform private.refuse_request(400, 'count_not_allowed',
      'Only exact counts are allowed (Prefer: count=exact).');
  end if;

  if api_role is distinct from 'authenticated' then
    return; -- anon holds no grant to write anything; the service role is the console's own server
  end if;

  actor := auth.uid();
  begin
    session_id := nullif(auth.jwt() ->> 'session_id', '')::uuid;
  exception when invalid_text_representation then
    session_id := null;
  end;
  if actor is null or session_id is null or not exists (
      select 1 from auth.sessions s
      where s.id = session_id and s.user_id = actor and (s.not_after is null or s.not_after > now())) then
    perform private.refuse_request(401, 'session_not_found',
      'This session has ended (signed out, expired or revoked): sign in again.',
      jsonb_build_object('WWW-Authenticate', 'Bearer error="invalid_token"'));
  end if;

  -- Read-only transactions (GET, HEAD, stable functions) change nothing. The ledger check's
  -- checkpoint is bookkeeping, not a user's change.
  if current_setting('transaction_read_only') = 'on'
    or current_setting('request.path', true) = '/rpc/verify_alert_event_chain' then
    return;
  end if;

  select g.api_writes_per_minute into allowed from public.governance_settings g where g.id;
  insert into private.api_write_budget as b (user_id, window_start, writes)
  values (actor, window_start, 1)
  on conflict (user_id) do update
    set writes = case when b.window_start = excluded.window_start then b.writes + 1 else 1 end,
        window_start = excluded.window_start
  returning b.writes into spent;
  if spent > coalesce(allowed, 60) then
    perform private.refuse_request(429, 'rate_limited',
      format('More than %s changes in a minute: wait before trying again.', coalesce(allowed, 60)),
      jsonb_build_object('Retry-After', retry_after::text),
      json_build_object('retry_after_seconds', retry_after)::text);
  end if;
end;
$$;

comment on function api_guard.check_request() is
  'PostgREST db-pre-request hook: live session for signed-in users, per-user writes per minute, no planned/estimated counts.';

revoke all on function api_guard.check_request() from public;
grant execute on function api_guard.check_request() to anon, authenticated, service_role;

alter role authenticator set pgrst.db_pre_request = 'api_guard.check_request';
notify pgrst, 'reload config';

-- At most alerts_per_write alerts changed by one API request (one transaction in PostgREST).
create function private.system_alerts_limit_per_write()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  changed integer := coalesce(nullif(current_setting('governance.alerts_changed', true), ''), '0')::integer + 1;
  allowed integer;
begin
  if not private.is_api_role() then
    return new;
  end if;
  perform set_config('governance.alerts_changed', changed::text, true);
  select g.alerts_per_write into allowed from public.governance_settings g where g.id;
  if changed > coalesce(allowed, 100) then
    raise exception 'at most % alerts can be changed at once', coalesce(allowed, 100)
      using errcode = '22023', hint = 'too_many_alerts';
  end if;
  return new;
end;
$$;
revoke all on function private.system_alerts_limit_per_write() from public, anon;
grant execute on function private.system_alerts_limit_per_write() to authenticated, service_role;

create trigger system_alerts_limit_per_write
  before update on public.system_alerts
  for each row execute function private.system_alerts_limit_per_write();
