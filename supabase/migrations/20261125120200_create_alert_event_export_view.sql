-- public.v_alert_event_export: the ledger as exports carry it — every hashed field in exactly the
-- text form the hash was computed over (occurred_at_utc with microseconds, details as jsonb text),
-- plus the actor's name for readers. A reviewer re-verifies an export with `npm run audit:verify`.
-- security_invoker: the caller's RLS applies (governance roles only).

create view public.v_alert_event_export
with (security_invoker = true)
as
select e.id, e.alert_id, e.event_type, e.check_code, e.actor_id, e.actor_role, p.nom_complet as actor_name,
  e.from_status, e.to_status, e.note, e.resolved_while_active, e.occurred_at,
  to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at_utc,
  e.details::text as details_text, e.prev_hash, e.hash
from public.system_alert_events e
left join public.profils p on p.user_id = e.actor_id;

comment on view public.v_alert_event_export is 'The alert ledger with the exact hashed text of each field, for exports.';

revoke all on public.v_alert_event_export from anon, authenticated;
grant select on public.v_alert_event_export to authenticated;
