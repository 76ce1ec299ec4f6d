-- Replaces: private.sync_watchdog_checks() (20261202110000_add_check_families.sql)
-- The watchdog's family: SYNC_STALE (CRITICAL) when the last successful run of the sync is older
-- than three intervals (private.sync_status()). It runs inside the sync, before the current run is
-- recorded, so the run that ends a silence sees the previous successful one and opens the alert
-- covering the gap; the next run no longer sees a gap and clears it (the alert stays for a human
-- to resolve). One fingerprint for the sync (component alert_sync): another gap before the alert
-- is resolved brings it back with the new gap's numbers (the ledger keeps each as "seen again"); a
-- gap after resolution opens a new alert. Failed runs inside the gap are counted, with the last
-- one's SQLSTATE (their messages stay out of the alert: see alert_sync_runs).
-- Cost: one row of settings, the newest successful run from a partial index, and the failed runs
-- since it (none while the sync is healthy) from the started_at index.

create function private.format_elapsed(seconds numeric)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when seconds >= 86400 and mod(seconds, 86400) < 3600 then format('%s j', floor(seconds / 86400))
    when seconds >= 86400 then format('%s j %s h', floor(seconds / 86400), floor(mod(seconds, 86400) / 3600))
    when seconds >= 3600 and mod(seconds, 3600) < 60 then format('%s h', floor(seconds / 3600))
    when seconds >= 3600 then format('%s h %s min', floor(seconds / 3600), lpad(floor(mod(seconds, 3600) / 60)::text, 2, '0'))
    when seconds >= 60 then format('%s min', floor(seconds / 60))
    else format('%s s', floor(greatest(seconds, 0)))
  end;
$$;
comment on function private.format_elapsed(numeric) is 'A duration in seconds in French words: « 2 j 3 h », « 1 j », « 3 h 05 min », « 1 h », « 4 min », « 45 s » (truncated, not rounded).';
revoke all on function private.format_elapsed(numeric) from public, anon, authenticated, service_role;

create or replace function private.sync_watchdog_checks()
returns table (check_code text, severity text, entity_type text, entity_id text, message text, details jsonb)
language sql
stable
security definer
set search_path = ''
as $$
  with status as (
    select s.interval_seconds, s.stale_after_seconds, s.last_success_at,
      extract(epoch from now() - s.last_success_at) as gap_seconds,
      (select g.depot_time_zone from public.governance_settings g where g.id) as zone
    from private.sync_status() s
    where s.is_stale and s.last_success_at is not null
  )
  select 'SYNC_STALE', 'CRITICAL', 'component', 'alert_sync',
    format('Les contrôles n''ont pas tourné du %s au %s (heure du dépôt) : %s sans contrôle réussi, pour un intervalle prévu de %s (seuil : 3 intervalles, %s)%s',
      to_char(st.last_success_at at time zone st.zone, 'DD/MM/YYYY HH24:MI'),
      to_char(now() at time zone st.zone, 'DD/MM/YYYY HH24:MI'),
      private.format_elapsed(st.gap_seconds),
      private.format_elapsed(st.interval_seconds),
      private.format_elapsed(st.stale_after_seconds),
      case when f.failed_runs > 0 then format(' ; %s exécution%s en échec entre-temps (dernière erreur : %s)',
        f.failed_runs, case when f.failed_runs > 1 then 's' else '' end, f.last_error_code) else '' end),
    jsonb_build_object(
      'dernier_controle_reussi', st.last_success_at,
      'interruption_secondes', round(st.gap_seconds),
      'intervalle_secondes', st.interval_seconds,
      'seuil_secondes', st.stale_after_seconds,
      'executions_en_echec', f.failed_runs,
      'derniere_erreur', f.last_error_code)
  from status st
  -- Lateral, so it runs only when stale, and reads the gap's runs only (the started_at index).
  cross join lateral (
    select count(*) as failed_runs,
      (array_agg(r.error_code order by r.started_at desc))[1] as last_error_code
    from public.alert_sync_runs r
    where r.started_at > st.last_success_at and not r.ok
  ) f;
$$;
comment on function private.sync_watchdog_checks() is 'The sync''s own health: SYNC_STALE when the last successful run is older than three intervals (governance_settings.sync_interval_seconds). One family of public.v_integrity_checks (same columns, without detected_at).';
