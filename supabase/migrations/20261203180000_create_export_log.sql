-- The board's review (issue 16), item 5: every export the console hands out is logged — who, what,
-- when — before the file leaves.
--
-- public.export_log is append-only (no API role updates or deletes it; a trigger refuses it to
-- everyone); rows are written by public.record_export(actor, kind, filters, rows) only, which only
-- the console's server calls (service role), naming the user whose session it verified: a user
-- cannot write an entry — true or made up — through the API. The actor must be a governance user;
-- their depot is read from their profile. The filters are a small JSON object (what the export
-- covered), at most 2 kB. Who reads it: head office's admins every entry, a depot's admin their
-- depot's people's, everyone their own.
--
-- What it cannot do: the same data stays readable through the API under RLS, and an export made
-- that way is not the console's to log. The log is what the console handed out.
create table public.export_log (
  id bigint generated always as identity primary key,
  actor_id uuid not null references public.profils (user_id),
  actor_depot_id uuid references public.depots (id),
  kind text not null check (kind in ('alerts_csv', 'audit_csv', 'audit_jsonl', 'review_pdf')),
  filters jsonb not null default '{}'::jsonb
    check (jsonb_typeof(filters) = 'object' and octet_length(filters::text) <= 2000),
  row_count integer check (row_count >= 0),
  exported_at timestamptz not null default now()
);
comment on table public.export_log is 'Every export and report the console handed out: who, which kind, what it covered (filters), how many rows, when. Append-only; written by record_export() (the console''s server) only.';
create index export_log_actor_idx on public.export_log (actor_id, exported_at desc);
create index export_log_exported_at_idx on public.export_log (exported_at desc);
create index export_log_depot_idx on public.export_log (actor_depot_id, exported_at desc);

alter table public.export_log enable row level security;
revoke all on public.export_log from public, anon, authenticated;
grant select on public.export_log to authenticated;
create policy export_log_select_own_or_admin on public.export_log for select to authenticated
  using (actor_id = (select auth.uid())
    or ((select private.current_profile_role()) = 'admin'
      and ((select private.is_head_office()) or actor_depot_id = (select private.current_profile_depot()))));

create function private.export_log_refuse_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'the export log is append-only' using errcode = '55000', hint = 'export_log_append_only';
end;
$$;
comment on function private.export_log_refuse_change() is 'Before update, delete or truncate of export_log: refused, whoever asks.';
revoke all on function private.export_log_refuse_change() from public, anon;
create trigger export_log_refuse_update_delete before update or delete on public.export_log
  for each row execute function private.export_log_refuse_change();
create trigger export_log_refuse_truncate before truncate on public.export_log
  for each statement execute function private.export_log_refuse_change();

create function public.record_export(p_actor uuid, p_kind text, p_filters jsonb, p_rows integer)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor public.profils;
  saved bigint;
begin
  perform private.require_service_role();
  select * into actor from public.profils p where p.user_id = p_actor;
  if not found or actor.role not in ('admin', 'directeur', 'pca') then
    raise exception 'an export is logged for a governance user' using errcode = '22023', hint = 'export_actor_invalid';
  end if;
  if p_kind is null or p_kind not in ('alerts_csv', 'audit_csv', 'audit_jsonl', 'review_pdf') then
    raise exception 'unknown export kind' using errcode = '22023', hint = 'export_kind_invalid';
  end if;
  if p_filters is not null and (jsonb_typeof(p_filters) <> 'object' or octet_length(p_filters::text) > 2000) then
    raise exception 'the filters are a JSON object of at most 2 kB' using errcode = '22023', hint = 'export_filters_invalid';
  end if;
  if p_rows < 0 then
    raise exception 'a row count is not negative' using errcode = '22023', hint = 'export_rows_invalid';
  end if;
  insert into public.export_log (actor_id, actor_depot_id, kind, filters, row_count)
  values (actor.user_id, actor.depot_id, p_kind, coalesce(p_filters, '{}'::jsonb), p_rows)
  returning id into saved;
  return saved;
end;
$$;
comment on function public.record_export(uuid, text, jsonb, integer) is 'The console''s server logs an export it is handing out to p_actor (a governance user whose session it verified): its kind (alerts_csv, audit_csv, audit_jsonl, review_pdf), the filters it covered (a JSON object of at most 2 kB) and its rows (null: streamed). Service role only; the actor''s depot is read from their profile.';
revoke all on function public.record_export(uuid, text, jsonb, integer) from public, anon, authenticated;
grant execute on function public.record_export(uuid, text, jsonb, integer) to service_role;
