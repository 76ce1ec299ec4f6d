-- Throttled password guessing at the console's sign-in, per account and per client address.
--
-- The console's sign-in action asks public.sign_in_gate() before it passes a password on to the
-- auth server, and reports each refused password to public.sign_in_failed(). Past
-- governance_settings.sign_in_failures_per_account failures for one e-mail address (default 5), or
-- sign_in_failures_per_address from one client address (default 20), within
-- sign_in_lockout_minutes (default 15), the gate stays shut until that window ends — for the right
-- password too: the attacker learns nothing more. Counters live in the database, so every console
-- instance shares them; the auth server keeps limits of its own (the local one too). One row per
-- e-mail or address tried, deleted once its window is over: the table stays bounded.
-- Both functions belong to the console's server (service role): nobody signed out can call them,
-- and the failures and refusals they record are folded (private.log_security_event).

alter table public.governance_settings
  add column sign_in_failures_per_account integer not null default 5 check (sign_in_failures_per_account between 1 and 1000),
  add column sign_in_failures_per_address integer not null default 20 check (sign_in_failures_per_address between 1 and 10000),
  add column sign_in_lockout_minutes integer not null default 15 check (sign_in_lockout_minutes between 1 and 1440);

comment on column public.governance_settings.sign_in_failures_per_account is
  'Failed sign-ins for one e-mail address before sign-in is refused for it until the window ends.';
comment on column public.governance_settings.sign_in_failures_per_address is
  'Failed sign-ins from one client address before sign-in is refused from it until the window ends.';
comment on column public.governance_settings.sign_in_lockout_minutes is 'The window failed sign-ins are counted in.';

create table private.sign_in_failures (
  scope text not null check (scope in ('account', 'address')),
  key text not null check (char_length(key) between 1 and 320),
  window_start timestamptz not null,
  failures integer not null check (failures >= 1),
  primary key (scope, key)
);
alter table private.sign_in_failures enable row level security;
revoke all on private.sign_in_failures from public, anon, authenticated, service_role;
create index sign_in_failures_window_idx on private.sign_in_failures (window_start);

comment on table private.sign_in_failures is 'Failed sign-ins per e-mail address and per client address in the current window.';

-- The two keys of an attempt: the e-mail as the auth server matches it, and the address (null when
-- the console could not tell; then only the account is throttled).
create function private.sign_in_keys(email text, client_address text, out account text, out address text)
language plpgsql
immutable
set search_path = ''
as $$
begin
  account := lower(btrim(email));
  if account is null or account = '' or char_length(account) > 320 then
    raise exception 'an e-mail address of 1 to 320 characters is required' using errcode = '22023', hint = 'invalid_email';
  end if;
  begin
    address := host(nullif(btrim(client_address), '')::inet);
  exception when invalid_text_representation then
    address := null;
  end;
end;
$$;
revoke all on function private.sign_in_keys(text, text) from public, anon, authenticated, service_role;

create function private.require_service_role()
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if auth.role() is distinct from 'service_role' then
    raise exception 'for the console''s server only' using errcode = '42501', hint = 'service_role_only';
  end if;
end;
$$;
revoke all on function private.require_service_role() from public, anon, authenticated, service_role;

-- Whether a sign-in may be tried now: {allowed, retry_after_seconds, scope}. A refusal is recorded.
create function public.sign_in_gate(email text, client_address text default null, user_agent text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  keys record;
  settings public.governance_settings;
  lockout interval;
  blocked record;
begin
  perform private.require_service_role();
  keys := private.sign_in_keys(email, client_address);
  select * into settings from public.governance_settings where id;
  lockout := make_interval(mins => settings.sign_in_lockout_minutes);

  -- Windows that are over are of no use (bounded work: an index range).
  delete from private.sign_in_failures f where f.window_start < now() - lockout;

  select f.scope, f.window_start into blocked
  from private.sign_in_failures f
  where (f.scope = 'account' and f.key = keys.account and f.failures >= settings.sign_in_failures_per_account)
     or (f.scope = 'address' and f.key = keys.address and f.failures >= settings.sign_in_failures_per_address)
  order by f.window_start
  limit 1;
  if blocked.scope is null then
    return jsonb_build_object('allowed', true);
  end if;

  perform private.log_security_event('sign_in_throttled', 'WARN', null, keys.account, null,
    format('too many failed sign-ins for this %s', case when blocked.scope = 'account' then 'account' else 'address' end),
    '/sign-in', user_agent, keys.address::inet, jsonb_build_object('scope', blocked.scope));
  return jsonb_build_object('allowed', false, 'scope', blocked.scope,
    'retry_after_seconds', greatest(1, ceil(extract(epoch from blocked.window_start + lockout - now())))::integer);
end;
$$;

comment on function public.sign_in_gate(text, text, text) is
  'Whether a sign-in for this e-mail from this address may be tried now ({allowed, retry_after_seconds, scope}); the console''s server only.';

-- A password was refused: one more failure for the account and the address, and a (folded) record.
create function public.sign_in_failed(email text, client_address text default null, user_agent text default null,
  reason text default 'invalid_credentials')
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  keys record;
  lockout interval;
begin
  perform private.require_service_role();
  keys := private.sign_in_keys(email, client_address);
  select make_interval(mins => g.sign_in_lockout_minutes) into lockout from public.governance_settings g where g.id;

  insert into private.sign_in_failures as f (scope, key, window_start, failures)
  select s.scope, s.key, now(), 1
  from (values ('account', keys.account), ('address', keys.address)) as s (scope, key)
  where s.key is not null
  on conflict (scope, key) do update
    set failures = case when f.window_start < now() - lockout then 1 else f.failures + 1 end,
        window_start = case when f.window_start < now() - lockout then now() else f.window_start end;

  perform private.log_security_event('sign_in_failed', 'WARN', null, keys.account, null,
    left(coalesce(nullif(btrim(reason), ''), 'invalid_credentials'), 200), '/sign-in', user_agent, keys.address::inet, null);
end;
$$;

comment on function public.sign_in_failed(text, text, text, text) is
  'Counts a refused password against the account and the address, and records it; the console''s server only.';

revoke all on function public.sign_in_gate(text, text, text), public.sign_in_failed(text, text, text, text)
  from public, anon, authenticated;
grant execute on function public.sign_in_gate(text, text, text), public.sign_in_failed(text, text, text, text)
  to service_role;
