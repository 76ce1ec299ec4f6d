-- The applied migration list for the versions page (issue 13, item 3): version, name and when it
-- was applied. supabase_migrations.schema_migrations (the Supabase CLI's table) is not exposed and
-- has no date; the date is when the sync first saw the migration applied
-- (private.migrations_seen, 20261202112000_create_schema_baseline.sql): at most one sync interval
-- after it was applied, or — for the migrations already applied when that tracking began — the
-- latest it can have been. security definer to read both; governance roles only (like
-- applied_schema_version); anon cannot execute it. The list is bounded by the migration files.

create function public.applied_migrations()
returns table (version text, name text, first_seen_at timestamptz, seen_before_tracking boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if auth.uid() is not null and not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  return query
  select m.version, m.name, s.first_seen_at, s.seen_before_tracking
  from supabase_migrations.schema_migrations m
  left join private.migrations_seen s on s.version = m.version
  order by m.version desc;
end;
$$;

comment on function public.applied_migrations() is
  'Every migration recorded in supabase_migrations.schema_migrations, newest first: version, name, when the sync first saw it applied (null until the next sync), and whether it was already applied when that tracking began (the date is then the latest it can have been). Governance roles only.';

revoke all on function public.applied_migrations() from public, anon;
grant execute on function public.applied_migrations() to authenticated, service_role;
