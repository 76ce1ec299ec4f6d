-- Replaces: private.is_time_zone(text) (20261202110000_add_check_families.sql)
-- Only IANA names (Area/Location, or UTC) PostgreSQL lists in pg_timezone_names. PostgreSQL also
-- accepts abbreviations (WAT, CEST), POSIX strings (UTC+5 — which it reads as five hours *behind*
-- UTC) and 'Factory', which the console's JavaScript (Intl) cannot show: the database would write
-- its messages and compute its days in one clock while the pages showed another.
create or replace function private.is_time_zone(zone text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (zone = 'UTC' or zone ~ '^[A-Z][A-Za-z]+(/[A-Za-z0-9_+-]+)+$')
      and exists (select 1 from pg_catalog.pg_timezone_names n where n.name = zone),
    false);
$$;
comment on function private.is_time_zone(text) is 'Whether the text is an IANA time zone name (Area/Location, or UTC) PostgreSQL knows; abbreviations and POSIX offsets are refused.';
grant execute on function private.is_time_zone(text) to authenticated, service_role;
