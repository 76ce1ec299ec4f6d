-- Performance at depot scale (issue 7): the alert list's default view and its free-text search.
-- Measured at scale 100 (100 k alerts, 10 k active): "active, most recent first" took 100+ ms
-- (the planner read the active alerts through (status, last_seen_at) and sorted them all), and a
-- search matching nothing read every alert (ilike '%…%' on three columns).
--   * the active alerts in the list's order, so the first and every later page is an ordered
--     index walk that stops after one page;
--   * trigram indexes (pg_trgm, in `extensions` as on a Supabase project) for the search's
--     `message / entity_id / check_code ilike '%…%'`, so a rare or absent term is a bitmap OR
--     over three small index scans instead of a full scan.

create extension if not exists pg_trgm with schema extensions;

create index system_alerts_active_recent_idx on public.system_alerts (last_seen_at desc, id desc)
  where status in ('OPEN', 'ACK');
create index system_alerts_message_trgm_idx on public.system_alerts using gin (message extensions.gin_trgm_ops);
create index system_alerts_entity_id_trgm_idx on public.system_alerts using gin (entity_id extensions.gin_trgm_ops);
create index system_alerts_check_code_trgm_idx on public.system_alerts using gin (check_code extensions.gin_trgm_ops);
