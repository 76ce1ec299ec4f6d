-- Replaces: public.sign_in_gate(text, text, text), public.sign_in_failed(text, text, text, text) (20261202100500_create_sign_in_throttle.sql)
--
-- AUTH_FAILURE_SPIKE needs to know how many sign-ins were refused per account and overall within a
-- sliding window. Neither existing record says it: private.sign_in_failures keeps one fixed window
-- per key that the gate resets and that stops counting once the gate shuts, and
-- security_audit_logs folds repeats into rows that can span hours (and past 100 rows per 10 minutes
-- into one burst row without the e-mail). So the two refusal paths — a wrong password
-- (sign_in_failed) and an attempt while the gate is shut (sign_in_gate) — now also add one to a
-- per-minute counter.
--
-- The counter names the ACCOUNT (auth.users.id), never the e-mail typed: attempts on e-mail
-- addresses that match no account all count under one row per minute (the nil uuid), so an
-- attacker spraying made-up addresses grows nothing per address and no alert ever shows a
-- stranger's address. Rows: at most (accounts tried + 1) per minute of the window, deleted once
-- older than the window.

alter table public.governance_settings
  add column auth_failure_window_minutes integer not null default 15
    constraint governance_settings_auth_failure_window_minutes_check check (auth_failure_window_minutes between 1 and 1440),
  add column auth_failures_per_account integer not null default 10
    constraint governance_settings_auth_failures_per_account_check check (auth_failures_per_account between 1 and 100000),
  add column auth_failures_overall integer not null default 50
    constraint governance_settings_auth_failures_overall_check check (auth_failures_overall between 1 and 1000000);

comment on column public.governance_settings.auth_failure_window_minutes is
  'AUTH_FAILURE_SPIKE: the sliding window (minutes) refused sign-ins are counted in; an alert clears once its burst is older than this.';
comment on column public.governance_settings.auth_failures_per_account is
  'AUTH_FAILURE_SPIKE (WARN): refused sign-ins (wrong passwords + attempts while the gate was shut) for one account within the window.';
comment on column public.governance_settings.auth_failures_overall is
  'AUTH_FAILURE_SPIKE (CRITICAL): refused sign-ins for all e-mail addresses together, known or not, within the window.';

create table private.sign_in_refusals (
  minute timestamptz not null,
  account_id uuid not null,
  failures integer not null default 0 check (failures >= 0),
  throttled integer not null default 0 check (throttled >= 0),
  primary key (minute, account_id)
);
alter table private.sign_in_refusals enable row level security;
revoke all on private.sign_in_refusals from public, anon, authenticated, service_role;

comment on table private.sign_in_refusals is
  'Refused sign-ins per minute and account (auth.users.id; the nil uuid for e-mails matching no account), for AUTH_FAILURE_SPIKE.';
comment on column private.sign_in_refusals.failures is 'Wrong passwords (public.sign_in_failed).';
comment on column private.sign_in_refusals.throttled is 'Attempts refused by the shut gate before any password check (public.sign_in_gate).';

-- One refused sign-in for the e-mail tried (already lowered by private.sign_in_keys). Called by the
-- two service-role functions below only.
create function private.count_sign_in_refusal(account text, was_throttled boolean)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  counted_window interval := make_interval(mins => coalesce(
    (select g.auth_failure_window_minutes from public.governance_settings g where g.id), 15));
  tried uuid := coalesce(
    (select u.id from auth.users u where lower(u.email) = account and not u.is_sso_user limit 1),
    '00000000-0000-0000-0000-000000000000'::uuid);
begin
  -- Minutes that left the window are of no use (bounded work: an index range).
  delete from private.sign_in_refusals r where r.minute < now() - counted_window - interval '1 minute';

  insert into private.sign_in_refusals as r (minute, account_id, failures, throttled)
  values (date_trunc('minute', now()), tried, case when was_throttled then 0 else 1 end, case when was_throttled then 1 else 0 end)
  on conflict (minute, account_id) do update
    set failures = r.failures + excluded.failures, throttled = r.throttled + excluded.throttled;
end;
$$;
revoke all on function private.count_sign_in_refusal(text, boolean) from public, anon, authenticated, service_role;

create or replace function public.sign_in_gate(email text, client_address text default null, user_agent text default null)
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

  perform private.count_sign_in_refusal(keys.account, true);
  perform private.log_security_event('sign_in_throttled', 'WARN', null, keys.account, null,
    format('too many failed sign-ins for this %s', case when blocked.scope = 'account' then 'account' else 'address' end),
    '/sign-in', user_agent, keys.address::inet, jsonb_build_object('scope', blocked.scope));
  return jsonb_build_object('allowed', false, 'scope', blocked.scope,
    'retry_after_seconds', greatest(1, ceil(extract(epoch from blocked.window_start + lockout - now())))::integer);
end;
$$;

create or replace function public.sign_in_failed(email text, client_address text default null, user_agent text default null,
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

  perform private.count_sign_in_refusal(keys.account, false);
  perform private.log_security_event('sign_in_failed', 'WARN', null, keys.account, null,
    left(coalesce(nullif(btrim(reason), ''), 'invalid_credentials'), 200), '/sign-in', user_agent, keys.address::inet, null);
end;
$$;
