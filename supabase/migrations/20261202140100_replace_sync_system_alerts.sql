-- Replaces: public.sync_system_alerts (20261202113000_add_alert_sync_runs.sql)
-- Each run also escalates the alerts that became overdue (private.escalate_overdue_alerts(), from
-- 20261202140000_create_notifications.sql) and prunes old deliveries, and says how many of each in
-- its answer (`escalated`, `deliveries_pruned`). Both run inside the run's guarded block: if either
-- fails, the run is recorded as failed.

CREATE OR REPLACE FUNCTION public.sync_system_alerts()
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  run_started_at timestamptz := now();
  result jsonb;
  failed_code text;
  failed_message text;
  failed_context text;
begin
  -- A refused caller is not a run: nothing is recorded.
  if auth.uid() is not null and private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can run the alert sync'
      using errcode = '42501', hint = 'sync_requires_admin';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  begin
    perform private.take_policy_snapshot();
    result := private.sync_alerts_from_checks();
    -- After the checks, so an alert opened by this run is measured from its first detection.
    result := result || jsonb_build_object('escalated', private.escalate_overdue_alerts(),
      'deliveries_pruned', private.prune_notification_deliveries());
  exception when others then
    -- IMPORTANT: the block's work is rolled back; the failure row is written in the outer
    -- transaction, which commits. (A cancel or statement timeout is not caught: see the migration.)
    get stacked diagnostics failed_code = returned_sqlstate, failed_message = message_text,
      failed_context = pg_exception_context;
    return private.record_sync_run(run_started_at, null, failed_code, failed_message, failed_context);
  end;
  return private.record_sync_run(run_started_at, result, null, null, null);
end;
$function$;
comment on function public.sync_system_alerts() is 'Snapshots the policy set, then opens, refreshes and clears alerts from v_integrity_checks, escalates the overdue ones, and records the run in alert_sync_runs; a run that fails is recorded and answered {ok: false, error_code, error} instead of raised; idempotent; admin or internal callers only.';
