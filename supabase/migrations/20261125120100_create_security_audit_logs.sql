-- public.security_audit_logs: the record of denied attempts — actions refused by the console or the
-- database, hits on the 403 page, failed sign-ins — with actor, reason, request path, user agent
-- and time. A reviewer looks here for someone probing what they may not do.
--
-- Written by the console's server only, with the service role (no grant lets a user insert, so a
-- user cannot bury or fake entries); read by admins and the service role.

create table public.security_audit_logs (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  kind text not null check (kind in ('action_refused', 'forbidden_page', 'sign_in_failed', 'rate_limited')),
  severity text not null check (severity in ('INFO', 'WARN', 'CRITICAL')),
  actor_id uuid,
  actor_email text check (char_length(actor_email) <= 320),
  actor_role text,
  reason text not null check (char_length(reason) between 1 and 1000),
  request_path text check (char_length(request_path) <= 2000),
  user_agent text check (char_length(user_agent) <= 1000),
  details jsonb not null default '{}'::jsonb
);
alter table public.security_audit_logs enable row level security;

comment on table public.security_audit_logs is 'Denied attempts (refused actions, 403 hits, failed sign-ins); written by the console server.';
comment on column public.security_audit_logs.actor_email is 'For failed sign-ins: the address that was tried (the actor is unknown).';

create index security_audit_logs_occurred_idx on public.security_audit_logs (occurred_at desc);
create index security_audit_logs_actor_idx on public.security_audit_logs (actor_id, occurred_at desc);
create index security_audit_logs_kind_idx on public.security_audit_logs (kind, occurred_at desc);

revoke all on public.security_audit_logs from anon, authenticated;
grant select on public.security_audit_logs to authenticated;
grant select, insert on public.security_audit_logs to service_role;
revoke update, delete, truncate on public.security_audit_logs from service_role;

-- Admins review denied attempts; no other role reads them.
create policy security_audit_logs_select_admin on public.security_audit_logs
  for select to authenticated using ((select private.current_profile_role()) = 'admin');
