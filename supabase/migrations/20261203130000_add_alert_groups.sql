-- Working an alert (issue 14): grouping.
--
-- The alert list groups by check code or by object (entity): public.alert_groups() answers one row
-- per group — how many alerts of each severity and status, the latest detection — under the same
-- filters as the list (status, severity, check, object, « Mes alertes », « En pause », « En
-- silence », text), most severe group first, at most 201 rows (the page shows 200 and says there
-- are more). It reads v_system_alerts as the caller (security invoker: RLS decides), so it shows
-- what the list would. An object's group is named as people name it (private.entity_label, from
-- the silences' migration: a tank's depot and code, a truck's plate, a receipt's tank and time),
-- never by its UUID alone.
-- The list filters by one object (`?entity=type:id`, a group's « voir dans la liste »): read
-- through system_alerts_entity_idx.

create index system_alerts_entity_idx on public.system_alerts (entity_id, first_seen_at desc, id desc);

create function public.alert_groups(p_by text, p_status text default 'active', p_severity text default null,
  p_check text default null, p_entity_type text default null, p_entity_id text default null,
  p_mine boolean default false, p_snoozed boolean default false, p_silenced boolean default false, p_term text default null)
returns table (check_code text, entity_type text, entity_id text, entity_label text, alert_count bigint,
  critical_count bigint, warn_count bigint, info_count bigint, open_count bigint, ack_count bigint,
  resolved_count bigint, latest_first_seen_at timestamptz)
language plpgsql
stable
set search_path = ''
as $$
declare
  pattern text;
begin
  if not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if p_by is null or p_by not in ('check', 'entity') then
    raise exception 'alerts group by check or by entity' using errcode = '22023', hint = 'invalid_group';
  end if;
  if p_status is null or p_status not in ('active', 'all', 'OPEN', 'ACK', 'RESOLVED') then
    raise exception 'unknown status filter' using errcode = '22023', hint = 'invalid_status';
  end if;
  if p_term is not null and (length(p_term) < 1 or length(p_term) > 200) then
    raise exception 'the search term must be 1 to 200 characters' using errcode = '22023', hint = 'invalid_term';
  end if;
  if (p_entity_type is null) <> (p_entity_id is null) then
    raise exception 'an entity is a type and an id' using errcode = '22023', hint = 'invalid_entity';
  end if;
  -- The term matches itself: \, % and _ are escaped (as the list's search does).
  pattern := '%' || replace(replace(replace(p_term, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  return query
  with grouped as (
    select
      case when p_by = 'check' then a.check_code end as g_check,
      case when p_by = 'entity' then a.entity_type end as g_type,
      case when p_by = 'entity' then a.entity_id end as g_id,
      count(*) as n,
      count(*) filter (where a.severity = 'CRITICAL') as critical,
      count(*) filter (where a.severity = 'WARN') as warn,
      count(*) filter (where a.severity = 'INFO') as info,
      count(*) filter (where a.status = 'OPEN') as opened,
      count(*) filter (where a.status = 'ACK') as acked,
      count(*) filter (where a.status = 'RESOLVED') as resolved,
      max(a.first_seen_at) as latest,
      max(a.severity_rank) as top_rank
    from public.v_system_alerts a
    where (p_status = 'all' or (p_status = 'active' and a.status in ('OPEN', 'ACK')) or a.status = p_status)
      and (p_severity is null or a.severity = p_severity)
      and (p_check is null or a.check_code = p_check)
      and (p_entity_id is null or (a.entity_id = p_entity_id and a.entity_type = p_entity_type))
      and (not coalesce(p_mine, false) or a.assigned_to = auth.uid())
      -- As the list: paused and silenced alerts under their own views only (either, for both).
      and (not coalesce(p_snoozed, false) or a.snoozed)
      and (not coalesce(p_silenced, false) or a.silenced)
      and (coalesce(p_snoozed, false) or coalesce(p_silenced, false) or not (a.snoozed or a.silenced))
      and (p_term is null or a.search_text ilike pattern)
    group by 1, 2, 3
    order by max(a.severity_rank) desc, count(*) desc, 1, 2, 3
    limit 201
  )
  select g.g_check, g.g_type, g.g_id,
    case when p_by = 'entity' then private.entity_label(g.g_type, g.g_id) end,
    g.n, g.critical, g.warn, g.info, g.opened, g.acked, g.resolved, g.latest
  from grouped g
  order by g.top_rank desc, g.n desc, g.g_check, g.g_type, g.g_id;
end;
$$;
comment on function public.alert_groups(text, text, text, text, text, text, boolean, boolean, boolean, text) is 'The alert list grouped by check code (p_by = check) or by object (entity), under the list''s filters: one row per group with its counts by severity and status and its latest detection, most severe first, at most 201 rows; governance roles only, read as the caller (RLS).';
revoke all on function public.alert_groups(text, text, text, text, text, text, boolean, boolean, boolean, text) from public, anon;
grant execute on function public.alert_groups(text, text, text, text, text, text, boolean, boolean, boolean, text) to authenticated;
