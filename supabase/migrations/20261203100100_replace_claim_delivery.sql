-- Replaces: private.claim_delivery (20261202190100_replace_claim_delivery.sql)
-- A notification about a recurring alert says so: the claim the worker renders from carries the
-- alert's occurrence (1 the first time; « récidive n° N » from 2 on), as it carries its assignee.

create or replace function private.claim_delivery(p_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d public.notification_deliveries;
  r record;
  e public.system_alert_events;
  a public.system_alerts;
  ack_due timestamptz;
  resolve_due timestamptz;
begin
  update public.notification_deliveries x
  set status = 'sending', attempts = x.attempts + 1, updated_at = now()
  -- A delivery left `sending` (its worker died mid-send) is taken again only once it is clearly
  -- abandoned: never while another worker may still be sending it.
  where x.id = p_id
    and (x.status in ('pending', 'retrying') or (x.status = 'sending' and x.updated_at < now() - interval '5 minutes'))
  returning * into d;
  if d.id is null then
    return null;
  end if;
  select * into r from private.notification_recipients() n where n.user_id = d.recipient_id;
  if d.event_id is not null then
    select * into e from public.system_alert_events x where x.id = d.event_id;
  end if;
  if d.alert_id is not null then
    select * into a from public.system_alerts x where x.id = d.alert_id;
    select a.first_seen_at + dl.ack_within, a.first_seen_at + dl.resolve_within into ack_due, resolve_due
    from public.alert_deadlines dl where dl.severity = a.severity;
  end if;
  return jsonb_build_object(
    'id', d.id,
    'channel', d.channel,
    'kind', d.kind,
    'attempt', d.attempts,
    'recipient', jsonb_build_object('user_id', r.user_id, 'email', r.email, 'name', r.name, 'role', r.role),
    'webhook', case when d.channel = 'webhook' then jsonb_build_object('url', r.webhook_url,
      'secret', (select s.secret from private.webhook_secrets s where s.user_id = d.recipient_id)) end,
    'event', case when e.id is not null then jsonb_build_object('id', e.id, 'type', e.event_type,
      'occurred_at', e.occurred_at, 'details', e.details) end,
    'alert', case when a.id is not null then jsonb_build_object('id', a.id, 'check_code', a.check_code,
      'severity', a.severity, 'status', a.status, 'message', a.message, 'details', a.details,
      'entity_type', a.entity_type, 'entity_id', a.entity_id, 'first_seen_at', a.first_seen_at,
      'ack_due_at', ack_due, 'resolve_due_at', resolve_due,
      'assigned_to_name', (select p.nom_complet from public.profils p where p.user_id = a.assigned_to),
      'occurrence', a.occurrence) end,
    'digest', case when d.kind = 'digest' then jsonb_build_object('period', d.digest_period,
      'since', d.digest_since, 'until', d.digest_until,
      'alerts', coalesce((
        select jsonb_agg(jsonb_build_object('id', x.id, 'check_code', x.check_code, 'severity', x.severity,
          'status', x.status, 'message', x.message, 'first_seen_at', x.first_seen_at)
          order by x.severity_rank desc, x.first_seen_at desc)
        from (
          select s.* from public.system_alerts s
          where s.first_seen_at >= d.digest_since and s.first_seen_at < d.digest_until
          order by s.severity_rank desc, s.first_seen_at desc
          limit 200
        ) x), '[]'::jsonb),
      'escalated', coalesce((
        select jsonb_agg(jsonb_build_object('id', s.id, 'check_code', s.check_code, 'severity', s.severity,
          'status', s.status, 'message', s.message, 'level', x.level, 'due_at', x.due_at)
          order by x.due_at)
        from (
          select * from private.alert_escalations z
          where z.escalated_at >= d.digest_since and z.escalated_at < d.digest_until
          order by z.due_at
          limit 200
        ) x
        join public.system_alerts s on s.id = x.alert_id), '[]'::jsonb),
      'opened_count', (select count(*) from public.system_alerts s
        where s.first_seen_at >= d.digest_since and s.first_seen_at < d.digest_until),
      'still_open_count', (select count(*) from public.system_alerts s where s.status in ('OPEN', 'ACK'))) end,
    'console_path', case when a.id is not null then '/governance/alerts/' || a.id else '/governance/alerts' end);
end;
$$;
