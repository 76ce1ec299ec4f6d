-- Replaces: the service role's INSERT on public.security_audit_logs (20261125120100_create_security_audit_logs.sql)
--
-- Denied attempts are recorded without letting anyone grow the table at will. Any client could
-- write a row per request: an unauthenticated one by failing to sign in (a row per wrong password),
-- a signed-in one by replaying a refused action. Now every record goes through
-- public.record_security_event(), which folds repeats into counts:
--   * the same event (kind, actor, e-mail tried, client address, reason, path) again within 10
--     minutes adds one to `occurrences` and moves `last_occurred_at`: 50 wrong passwords for one
--     account from one address in a minute are one row saying 50;
--   * at most 100 distinct rows per kind per 10 minutes; past that, every further event of that kind
--     folds into one "burst" row for the window (an attacker rotating e-mails or addresses still
--     writes 100 rows per 10 minutes at most).
-- The service role (the console's server) loses its direct INSERT: this function is the only way in.

alter table public.security_audit_logs
  add column occurrences integer not null default 1 check (occurrences >= 1),
  add column last_occurred_at timestamptz not null default now(),
  add column client_address inet;

alter table public.security_audit_logs drop constraint security_audit_logs_kind_check;
alter table public.security_audit_logs add constraint security_audit_logs_kind_check
  check (kind in ('action_refused', 'forbidden_page', 'sign_in_failed', 'sign_in_throttled', 'rate_limited'));

comment on column public.security_audit_logs.occurrences is
  'How many times this event happened between occurred_at and last_occurred_at (repeats within 10 minutes fold into one row).';
comment on column public.security_audit_logs.client_address is 'The address the request came from, when the console could tell.';

-- The folding looks up recent rows of a kind by when they were last seen.
create index security_audit_logs_kind_last_idx on public.security_audit_logs (kind, last_occurred_at desc);

create function private.log_security_event(
  kind text, severity text, actor_id uuid, actor_email text, actor_role text, reason text,
  request_path text, user_agent text, client_address inet, details jsonb)
returns void
language plpgsql
set search_path = ''
as $$
declare
  fold_window constant interval := interval '10 minutes';
  max_rows_per_window constant integer := 100;
  burst_reason constant text := 'burst: more than 100 distinct events of this kind in 10 minutes, folded here';
  folded bigint;
begin
  reason := left(coalesce(nullif(btrim(reason), ''), kind), 1000);
  actor_email := left(lower(btrim(actor_email)), 320);
  request_path := left(request_path, 2000);
  user_agent := left(user_agent, 1000);

  update public.security_audit_logs l
  set occurrences = l.occurrences + 1, last_occurred_at = now()
  where l.id = (
    select r.id from public.security_audit_logs r
    where r.kind = log_security_event.kind
      and r.last_occurred_at > now() - fold_window
      and (r.reason = burst_reason or (
        r.reason = log_security_event.reason
        and r.actor_id is not distinct from log_security_event.actor_id
        and r.actor_email is not distinct from log_security_event.actor_email
        and r.client_address is not distinct from log_security_event.client_address
        and r.request_path is not distinct from log_security_event.request_path))
    order by r.reason = burst_reason desc, r.id desc
    limit 1)
  returning l.id into folded;
  if folded is not null then
    return;
  end if;

  if (select count(*) from public.security_audit_logs r
      where r.kind = log_security_event.kind and r.last_occurred_at > now() - fold_window) >= max_rows_per_window then
    insert into public.security_audit_logs (kind, severity, reason, details)
    values (kind, 'CRITICAL', burst_reason, jsonb_build_object('window_minutes', 10, 'rows_before_folding', max_rows_per_window));
    return;
  end if;

  insert into public.security_audit_logs
    (kind, severity, actor_id, actor_email, actor_role, reason, request_path, user_agent, client_address, details)
  values
    (kind, severity, actor_id, actor_email, actor_role, reason, request_path, user_agent, client_address,
     coalesce(details, '{}'::jsonb));
end;
$$;
revoke all on function private.log_security_event(text, text, uuid, text, text, text, text, text, inet, jsonb)
  from public, anon, authenticated, service_role;

-- The console's server records a denied attempt. service_role only: no user can write, bury or
-- flood the record. The event is a JSON object (kind, severity, reason, actor_id, actor_email,
-- actor_role, request_path, user_agent, client_address, details); unknown keys are ignored.
create function public.record_security_event(event jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  address inet;
begin
  if auth.role() is distinct from 'service_role' then
    raise exception 'security events are recorded by the console''s server only'
      using errcode = '42501', hint = 'service_role_only';
  end if;
  begin
    address := nullif(event ->> 'client_address', '')::inet;
  exception when invalid_text_representation then
    address := null;
  end;
  perform private.log_security_event(event ->> 'kind', event ->> 'severity', nullif(event ->> 'actor_id', '')::uuid,
    event ->> 'actor_email', event ->> 'actor_role', event ->> 'reason', event ->> 'request_path',
    event ->> 'user_agent', address, case when jsonb_typeof(event -> 'details') = 'object' then event -> 'details' end);
end;
$$;

comment on function public.record_security_event(jsonb) is
  'Records a denied attempt in security_audit_logs, folding repeats into counts; the console''s server (service role) only.';

revoke all on function public.record_security_event(jsonb) from public, anon, authenticated;
grant execute on function public.record_security_event(jsonb) to service_role;

revoke insert on public.security_audit_logs from service_role;
revoke usage on sequence public.security_audit_logs_id_seq from service_role;
