-- Replaces: public.record_security_event(jsonb) (20261202100400_aggregate_security_audit_logs.sql)
--
-- RULES_DISAGREE: an action the console allowed (its own permission check passed) that the database
-- refused. Only the console knows the first half, so the console's server reports it, through the
-- one service-role path every denied attempt already takes (folded into counts, at most 100 rows
-- per kind per 10 minutes). Why not the database itself, when it refuses: the refusal aborts the
-- statement and everything it wrote rolls back with it (PostgreSQL has no autonomous transaction
-- outside extensions such as dblink or pg_background, which not every platform has); and the
-- database cannot tell a request the console had allowed from the same user's raw API call — which
-- is the two rule sets AGREEING (the console would have refused it too).
--
-- A disagreement becomes an alert per (action, rule), so the event is held to a fixed shape:
-- `details.action` (the console's action name) and `details.rule` (the database's refusal: its
-- hint, or the kind of 42501) are short lower-case identifiers, `details.sqlstate` a SQLSTATE, the
-- actor a real account; anything else in `details` is dropped and the reason is written here. Any
-- event over 8 kB is refused. Nothing of a refused event is written.

alter table public.security_audit_logs drop constraint security_audit_logs_kind_check;
alter table public.security_audit_logs add constraint security_audit_logs_kind_check
  check (kind in ('action_refused', 'forbidden_page', 'sign_in_failed', 'sign_in_throttled', 'rate_limited', 'rules_disagree'));

create or replace function public.record_security_event(event jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  address inet;
  kind text := event ->> 'kind';
  severity text := event ->> 'severity';
  reason text := event ->> 'reason';
  actor uuid;
  details jsonb;
begin
  if auth.role() is distinct from 'service_role' then
    raise exception 'security events are recorded by the console''s server only'
      using errcode = '42501', hint = 'service_role_only';
  end if;
  if event is null or jsonb_typeof(event) <> 'object' or octet_length(event::text) > 8192 then
    raise exception 'a security event is a JSON object of at most 8 kB' using errcode = '22023', hint = 'invalid_event';
  end if;
  begin
    address := nullif(event ->> 'client_address', '')::inet;
  exception when invalid_text_representation then
    address := null;
  end;
  begin
    actor := nullif(event ->> 'actor_id', '')::uuid;
  exception when invalid_text_representation then
    raise exception 'actor_id must be a uuid' using errcode = '22023', hint = 'invalid_event';
  end;
  details := case when jsonb_typeof(event -> 'details') = 'object' then event -> 'details' end;

  if kind = 'rules_disagree' then
    if coalesce(details ->> 'action', '') !~ '^[a-z][a-z0-9_]{0,63}$'
      or coalesce(details ->> 'rule', '') !~ '^[a-z0-9][a-z0-9_]{0,63}$'
      or coalesce(details ->> 'sqlstate', '') !~ '^[0-9A-Z]{5}$' then
      raise exception 'a rules disagreement names its action, the database''s rule and the SQLSTATE'
        using errcode = '22023', hint = 'invalid_rules_disagree';
    end if;
    if actor is null or not exists (select from auth.users u where u.id = actor) then
      raise exception 'a rules disagreement is an action of a signed-in account'
        using errcode = '22023', hint = 'invalid_rules_disagree';
    end if;
    details := jsonb_build_object('action', details ->> 'action', 'rule', details ->> 'rule', 'sqlstate', details ->> 'sqlstate');
    severity := 'CRITICAL';
    reason := format('the database refused %s (%s) although the console allowed it', details ->> 'action', details ->> 'rule');
  end if;

  perform private.log_security_event(kind, severity, actor, event ->> 'actor_email', event ->> 'actor_role', reason,
    event ->> 'request_path', event ->> 'user_agent', address, details);
end;
$$;

comment on function public.record_security_event(jsonb) is
  'Records a denied attempt — or a rules disagreement (kind rules_disagree: details.action, details.rule, details.sqlstate) — in security_audit_logs, folding repeats into counts; the console''s server (service role) only.';
