-- Replaces: private.system_alert_events_set_depot (20261203190000_create_review_attestations.sql), public.attest_review (20261203190000_create_review_attestations.sql)
-- The board's review (issue 16), item 3: the monthly board report (PDF), kept for good.
--
-- public.board_report_details(since, until, depot): what the report lists besides review_summary()'s
-- figures, read as the caller (RLS): the CRITICAL alerts still open at the period's end with their
-- age, the resolutions « quand même » (resolved while still detected), the four-eyes cases (requests
-- for a second directeur asked or decided in the period, or still waiting at its end — read from the
-- ledger, so a later rejection does not rewrite the month) and the platform's
-- findings (security posture, versions, schema drift, the checks' watchdog: alerts of no depot that
-- are not the company's reference data) active in the period — head office's only. Each list: its
-- total and at most 25 items (30 findings).
--
-- public.board_reports: one report per month and scope (a depot, or none: every depot), the PDF's
-- bytes, their SHA-256 and the signed manifest, insert-only for everyone (the same month is fetched
-- again byte for byte). Written by store_board_report() only, which only the console's server
-- calls (service role: it renders and signs the PDF), naming the user whose session it verified; the
-- first report of a month and scope is kept, a second one is not stored and the first is answered.
-- A `report_generated` ledger event (the report's hash) is written in the same transaction. Who
-- reads the row: everyone who sees the scope, except the PDF's bytes (no column grant): the console
-- hands the file out, and logs it (export_log, review_pdf).
--
-- The PCA's attestation now carries the report's hash: attest_review() refuses a month and scope
-- without a stored report (`attestation_report_missing`; the console stores it first).
create function public.board_report_details(p_since timestamptz, p_until timestamptz, p_depot text default null)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  depot uuid;
  period_end timestamptz;
  result jsonb;
begin
  if not private.is_governance_reader() then
    raise exception 'governance roles only' using errcode = '42501', hint = 'governance_only';
  end if;
  if p_since is null or p_until is null or p_until <= p_since or p_until - p_since > interval '400 days' then
    raise exception 'a period starts before it ends and lasts at most 400 days' using errcode = '22023', hint = 'period_invalid';
  end if;
  if p_depot is not null then
    -- Read as the caller: another depot's code is as unknown as a made-up one.
    select d.id into depot from public.depots d where d.code = p_depot;
    if depot is null then
      raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
    end if;
  end if;
  period_end := least(p_until, now());

  with scoped as materialized (
    select a.*, dp.code as depot_code
    from public.system_alerts a
    left join public.depots dp on dp.id = a.depot_id
    where (depot is null or a.depot_id = depot)
      and a.first_seen_at < period_end
      and (a.resolved_at is null or a.resolved_at >= p_since)
  ),
  open_critical as (
    select s.* from scoped s
    where s.severity = 'CRITICAL' and (s.resolved_at is null or s.resolved_at >= period_end)
  ),
  anyway as (
    select s.* from scoped s
    where s.resolved_while_active and s.resolved_at >= p_since and s.resolved_at < period_end
  ),
  -- Read from the ledger, not the alert's current columns: a request rejected or asked again
  -- after the period still shows as it stood at its end.
  four_eyes as (
    select r.alert_id as id, r.occurred_at as requested_at, r.actor_id as requested_by,
      case when o.occurred_at < period_end then o.event_type end as outcome,
      case when o.occurred_at < period_end then o.occurred_at end as decided_at,
      case when o.occurred_at < period_end then o.actor_id end as decided_by
    from public.system_alert_events r
    left join lateral (
      select e.event_type, e.occurred_at, e.actor_id
      from public.system_alert_events e
      where e.alert_id = r.alert_id and e.id > r.id and e.event_type in ('countersigned', 'resolution_rejected', 'resolved')
      order by e.id
      limit 1
    ) o on true
    where r.event_type = 'resolution_requested'
      and (depot is null or r.depot_id = depot)
      and r.occurred_at < period_end
      -- Asked in the period, decided in it, or still waiting at its end.
      and (r.occurred_at >= p_since or o.occurred_at is null or o.occurred_at >= p_since)
  ),
  findings as (
    select s.* from scoped s
    where s.depot_id is null and s.entity_type <> 'produit' and (s.resolved_at is null or s.resolved_at >= p_since)
  )
  select jsonb_build_object(
    'period_end', period_end,
    'open_critical', jsonb_build_object(
      'total', (select count(*) from open_critical),
      'items', coalesce((
        select jsonb_agg(jsonb_build_object('id', o.id, 'check_code', o.check_code,
            'label', private.entity_label(o.entity_type, o.entity_id),
            'depot_code', o.depot_code, 'message', o.message, 'first_seen_at', o.first_seen_at,
            'acknowledged', coalesce(o.acknowledged_at < period_end, false),
            'age_seconds', round(extract(epoch from period_end - o.first_seen_at)))
          order by o.first_seen_at, o.id)
        from (select * from open_critical order by first_seen_at, id limit 25) o), '[]'::jsonb)),
    'resolved_anyway', jsonb_build_object(
      'total', (select count(*) from anyway),
      'items', coalesce((
        select jsonb_agg(jsonb_build_object('id', x.id, 'check_code', x.check_code, 'severity', x.severity,
            'label', private.entity_label(x.entity_type, x.entity_id), 'depot_code', x.depot_code, 'resolved_at', x.resolved_at,
            'resolved_by_name', (select p.nom_complet from public.profils p where p.user_id = x.resolved_by),
            'reason', x.resolution_reason,
            'countersigned_by_name', (select p.nom_complet from public.profils p where p.user_id = x.countersigned_by))
          order by x.resolved_at desc, x.id)
        from (select * from anyway order by resolved_at desc, id limit 25) x), '[]'::jsonb)),
    'four_eyes', jsonb_build_object(
      'total', (select count(*) from four_eyes),
      'items', coalesce((
        select jsonb_agg(jsonb_build_object('id', f.id, 'check_code', a.check_code,
            'label', private.entity_label(a.entity_type, a.entity_id),
            'depot_code', (select dp.code from public.depots dp where dp.id = a.depot_id),
            'requested_at', f.requested_at,
            'requested_by_name', (select p.nom_complet from public.profils p where p.user_id = f.requested_by),
            'outcome', f.outcome, 'decided_at', f.decided_at,
            'decided_by_name', (select p.nom_complet from public.profils p where p.user_id = f.decided_by))
          order by coalesce(f.decided_at, f.requested_at) desc, f.id)
        from (select * from four_eyes order by coalesce(decided_at, requested_at) desc, id limit 25) f
        join public.system_alerts a on a.id = f.id), '[]'::jsonb)),
    'findings', jsonb_build_object(
      'total', (select count(*) from findings),
      'items', coalesce((
        select jsonb_agg(jsonb_build_object('id', f.id, 'check_code', f.check_code, 'severity', f.severity,
            'label', private.entity_label(f.entity_type, f.entity_id), 'message', f.message, 'first_seen_at', f.first_seen_at,
            'resolved_at', case when f.resolved_at < period_end then f.resolved_at end)
          order by private.severity_rank(f.severity) desc, f.first_seen_at, f.id)
        from (select * from findings order by private.severity_rank(severity) desc, first_seen_at, id limit 30) f),
        '[]'::jsonb))
  ) into result;
  return result;
end;
$$;
comment on function public.board_report_details(timestamptz, timestamptz, text) is 'The board report''s lists for a period [p_since, p_until) and one depot (its code) or every depot the caller sees: CRITICAL alerts open at the end (with their age), resolutions while still detected, four-eyes cases (countersigned, or awaiting at the end), the platform''s findings active in the period; each a total and at most 25 items (30 findings). Governance roles only; read as the caller (RLS).';
revoke all on function public.board_report_details(timestamptz, timestamptz, text) from public, anon;
grant execute on function public.board_report_details(timestamptz, timestamptz, text) to authenticated, service_role;

create table public.board_reports (
  id uuid primary key default gen_random_uuid(),
  period_month date not null check (extract(day from period_month) = 1 and period_month >= date '2000-01-01'),
  depot_id uuid references public.depots (id),
  generated_by uuid not null references public.profils (user_id),
  generated_at timestamptz not null default now(),
  pdf bytea not null check (octet_length(pdf) between 1 and 10485760),
  pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  byte_size integer not null check (byte_size > 0),
  manifest jsonb not null check (jsonb_typeof(manifest) = 'object' and octet_length(manifest::text) <= 4000),
  signature text not null check (signature ~ '^[0-9a-f]{128}$'),
  constraint board_reports_bytes check (byte_size = octet_length(pdf)),
  constraint board_reports_once unique nulls not distinct (period_month, depot_id)
);
comment on table public.board_reports is 'The monthly board report (PDF) per month and scope (a depot; null: every depot), its SHA-256 and the manifest the console signed. Insert-only; written by store_board_report() (the console''s server) only. The bytes are read by the server only, which logs each download.';
create index board_reports_depot_idx on public.board_reports (depot_id, period_month desc);
create index board_reports_generated_by_idx on public.board_reports (generated_by);

alter table public.board_reports enable row level security;
revoke all on public.board_reports from public, anon, authenticated;
grant select (id, period_month, depot_id, generated_by, generated_at, pdf_sha256, byte_size, manifest, signature)
  on public.board_reports to authenticated;
-- The service role reads; it writes through store_board_report() only (which runs as its owner).
revoke all on public.board_reports from service_role;
grant select on public.board_reports to service_role;
-- So for the attestations and the export log, written by attest_review() and record_export() only.
revoke insert, update, delete, truncate, references, trigger on public.review_attestations, public.export_log from service_role;
-- A depot's people read their depot's; the company-wide ones (no depot) are head office's.
create policy board_reports_select_governance on public.board_reports for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));

create function private.board_reports_refuse_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'a board report is kept as it was generated' using errcode = '55000', hint = 'report_immutable';
end;
$$;
comment on function private.board_reports_refuse_change() is 'Before update, delete or truncate of board_reports: refused, whoever asks.';
revoke all on function private.board_reports_refuse_change() from public, anon;
create trigger board_reports_refuse_update_delete before update or delete on public.board_reports
  for each row execute function private.board_reports_refuse_change();
create trigger board_reports_refuse_truncate before truncate on public.board_reports
  for each statement execute function private.board_reports_refuse_change();

-- The ledger learns the new event; it belongs to no alert, and to the report's depot.
alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed', 'commented', 'assigned', 'delivery_retried', 'snoozed', 'unsnoozed', 'silence_created',
    'silence_ended', 'unsilenced', 'resolution_requested', 'countersigned', 'resolution_rejected', 'review_attested',
    'report_generated']));
alter table public.system_alert_events drop constraint system_alert_events_alert_check;
alter table public.system_alert_events add constraint system_alert_events_alert_check
  check ((alert_id is null) = (check_code is null)
    and (event_type not in ('settings_changed', 'silence_created', 'silence_ended', 'review_attested', 'report_generated')
      or alert_id is null)
    and (alert_id is not null
      or event_type in ('settings_changed', 'delivery_retried', 'silence_created', 'silence_ended', 'review_attested',
        'report_generated')));

create or replace function private.system_alert_events_set_depot()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.depot_id := case
    when new.alert_id is not null then (select a.depot_id from public.system_alerts a where a.id = new.alert_id)
    when new.details ? 'silence_id' then
      (select s.depot_id from public.alert_silences s where s.id = (new.details ->> 'silence_id')::uuid)
    when new.details ? 'attestation_id' then
      (select r.depot_id from public.review_attestations r where r.id = (new.details ->> 'attestation_id')::uuid)
    when new.details ? 'report_id' then
      (select b.depot_id from public.board_reports b where b.id = (new.details ->> 'report_id')::uuid)
  end;
  return new;
end;
$$;
comment on function private.system_alert_events_set_depot() is 'Before insert: an event''s depot is its alert''s, its silence''s, its attestation''s or its report''s; none otherwise (head office only).';

create function public.store_board_report(p_actor uuid, p_month date, p_depot uuid, p_pdf bytea, p_manifest jsonb,
  p_signature text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor public.profils;
  zone text := private.depot_time_zone();
  digest text;
  bounds_ok boolean;
  saved public.board_reports;
begin
  perform private.require_service_role();
  select * into actor from public.profils p where p.user_id = p_actor;
  if not found or actor.role not in ('admin', 'directeur', 'pca') then
    raise exception 'a report is generated for a governance user' using errcode = '22023', hint = 'report_actor_invalid';
  end if;
  -- A depot's people produce their depot's report; the company's is head office's.
  if actor.depot_id is not null and p_depot is distinct from actor.depot_id then
    raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
  end if;
  if p_depot is not null and not exists (select 1 from public.depots d where d.id = p_depot) then
    raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
  end if;
  if p_month is null or extract(day from p_month) <> 1 or p_month < date '2000-01-01' then
    raise exception 'a report covers a month (its first day)' using errcode = '22023', hint = 'report_month_invalid';
  end if;
  if (p_month + interval '1 month')::timestamp at time zone zone > now() then
    raise exception 'a month is reported once it is over' using errcode = '22023', hint = 'report_month_not_over';
  end if;
  if p_pdf is null or octet_length(p_pdf) = 0 or octet_length(p_pdf) > 10485760 then
    raise exception 'a report is a PDF of at most 10 MB' using errcode = '22023', hint = 'report_pdf_invalid';
  end if;
  digest := encode(extensions.digest(p_pdf, 'sha256'), 'hex');
  -- The manifest names this file, this month — its bounds in the depot's time zone, as
  -- attest_review() reads them — and this scope: a mismatch is a bug in the caller, refused.
  begin
    bounds_ok := (p_manifest ->> 'since')::timestamptz = p_month::timestamp at time zone zone
      and (p_manifest ->> 'until')::timestamptz = (p_month + interval '1 month')::timestamp at time zone zone;
  exception when others then
    bounds_ok := false;
  end;
  if p_manifest is null or jsonb_typeof(p_manifest) <> 'object' or not coalesce(bounds_ok, false)
    or p_manifest ->> 'time_zone' is distinct from zone
    or p_manifest ->> 'file_sha256' is distinct from digest
    or p_manifest ->> 'byte_size' is distinct from octet_length(p_pdf)::text
    or p_manifest ->> 'month' is distinct from to_char(p_month, 'YYYY-MM')
    or p_manifest ->> 'depot' is distinct from (select d.code from public.depots d where d.id = p_depot) then
    raise exception 'the manifest does not describe this report' using errcode = '22023', hint = 'report_manifest_invalid';
  end if;
  -- Each report is kept for good: at most 30 new ones an hour per user (the console checks first,
  -- before rendering).
  if (select count(*) from public.board_reports b where b.generated_by = actor.user_id and b.generated_at > now() - interval '1 hour')
    >= 30 then
    raise exception 'too many reports generated in the last hour' using errcode = '22023', hint = 'report_rate_limited';
  end if;

  -- The first report of a month and scope is kept; two at once: the second waits and gets the first.
  perform pg_advisory_xact_lock(hashtext('public.board_reports'), hashtext(to_char(p_month, 'YYYY-MM-DD') || coalesce(p_depot::text, '')));
  select * into saved from public.board_reports b where b.period_month = p_month and b.depot_id is not distinct from p_depot;
  if found then
    return jsonb_build_object('id', saved.id, 'created', false, 'pdf_sha256', saved.pdf_sha256);
  end if;
  insert into public.board_reports (period_month, depot_id, generated_by, pdf, pdf_sha256, byte_size, manifest, signature)
  values (p_month, p_depot, actor.user_id, p_pdf, digest, octet_length(p_pdf), p_manifest, p_signature)
  returning * into saved;

  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  values (0, null, 'report_generated', null, actor.user_id, actor.role, null, null, null, null, saved.generated_at,
    jsonb_build_object('report_id', saved.id, 'month', to_char(p_month, 'YYYY-MM'),
      'depot_code', (select d.code from public.depots d where d.id = p_depot), 'pdf_sha256', saved.pdf_sha256,
      'byte_size', saved.byte_size),
    repeat('0', 64), repeat('0', 64));
  return jsonb_build_object('id', saved.id, 'created', true, 'pdf_sha256', saved.pdf_sha256);
end;
$$;
comment on function public.store_board_report(uuid, date, uuid, bytea, jsonb, text) is 'The console''s server keeps the board report it rendered and signed for p_actor (a governance user whose session it verified; a depot''s user: their depot only): a month that is over, a depot (null: every depot), the PDF (at most 10 MB) and its manifest, which must name the PDF''s SHA-256 and size, the month and the depot. The first report of a month and scope is kept (created: true) and a `report_generated` ledger event written; later ones answer the first (created: false). Service role only.';
revoke all on function public.store_board_report(uuid, date, uuid, bytea, jsonb, text) from public, anon, authenticated;
grant execute on function public.store_board_report(uuid, date, uuid, bytea, jsonb, text) to service_role;

-- The attestation carries the report the PCA reviewed.
alter table public.review_attestations add column report_id uuid references public.board_reports (id);
alter table public.review_attestations add column report_sha256 text check (report_sha256 ~ '^[0-9a-f]{64}$');
alter table public.review_attestations add constraint review_attestations_report check ((report_id is null) = (report_sha256 is null));
comment on column public.review_attestations.report_sha256 is 'The SHA-256 of the board report (PDF) of this month and scope, kept in board_reports (attestations made before reports existed have none).';
create index review_attestations_report_idx on public.review_attestations (report_id);

create or replace function public.attest_review(p_month date, p_depot text default null, p_comment text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
-- The figures' times are written in UTC whatever the session's zone: the same figures, the same hash.
set timezone = 'UTC'
as $$
declare
  actor uuid := auth.uid();
  own_depot uuid := private.current_profile_depot();
  depot uuid;
  zone text := private.depot_time_zone();
  since timestamptz;
  until timestamptz;
  note text;
  figures jsonb;
  head record;
  report record;
  existing public.review_attestations;
  saved public.review_attestations;
begin
  if actor is null or private.current_profile_role() is distinct from 'pca' then
    raise exception 'only the PCA attests a review' using errcode = '42501', hint = 'attestation_requires_pca';
  end if;
  note := private.trim_note(p_comment);
  if p_month is null or extract(day from p_month) <> 1 or p_month < date '2000-01-01' then
    raise exception 'a review is attested for a month (its first day)' using errcode = '22023', hint = 'attestation_month_invalid';
  end if;
  since := p_month::timestamp at time zone zone;
  until := (p_month + interval '1 month')::timestamp at time zone zone;
  if until > now() then
    raise exception 'a month is attested once it is over' using errcode = '22023', hint = 'attestation_month_not_over';
  end if;
  if char_length(note) > 2000 then
    raise exception 'a comment has at most 2000 characters' using errcode = '22001', hint = 'attestation_comment_too_long';
  end if;
  if p_depot is not null then
    select d.id into depot from public.depots d where d.code = p_depot;
    -- Another depot's code is as unknown as a made-up one.
    if depot is null or (own_depot is not null and depot <> own_depot) then
      raise exception 'unknown depot' using errcode = '22023', hint = 'depot_not_found';
    end if;
  else
    -- A depot's PCA attests their depot: « every depot they see » is that one.
    depot := own_depot;
  end if;

  -- One per month and scope; two at once: the second waits, then is told who was first.
  perform pg_advisory_xact_lock(hashtext('public.review_attestations'), hashtext(to_char(p_month, 'YYYY-MM-DD') || coalesce(depot::text, '')));
  select * into existing from public.review_attestations r where r.period_month = p_month and r.depot_id is not distinct from depot;
  if found then
    raise exception 'this month is already attested' using errcode = 'P0001', hint = 'already_attested',
      detail = json_build_object('attested_at', existing.attested_at,
        'attested_by_name', (select p.nom_complet from public.profils p where p.user_id = existing.attested_by))::text;
  end if;
  -- The PCA attests the report the board keeps: it must exist (the console stores it first).
  select b.id, b.pdf_sha256 into report from public.board_reports b
  where b.period_month = p_month and b.depot_id is not distinct from depot;
  if not found then
    raise exception 'the month''s report has not been generated' using errcode = '22023', hint = 'attestation_report_missing';
  end if;

  -- The figures the PCA reviewed, as the review page shows them for this month and scope.
  figures := public.review_summary(since, until, (select d.code from public.depots d where d.id = depot));
  select e.id, e.hash into head from public.system_alert_events e order by e.id desc limit 1;
  insert into public.review_attestations (period_month, depot_id, attested_by, comment, figures, summary_sha256,
    ledger_head_id, ledger_head_hash, report_id, report_sha256)
  values (p_month, depot, actor, note, figures, encode(extensions.digest(convert_to(figures::text, 'UTF8'), 'sha256'), 'hex'),
    coalesce(head.id, 0), coalesce(head.hash, repeat('0', 64)), report.id, report.pdf_sha256)
  returning * into saved;

  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  values (0, null, 'review_attested', null, actor, 'pca', null, null, note, null, saved.attested_at,
    jsonb_build_object('attestation_id', saved.id, 'month', to_char(p_month, 'YYYY-MM'),
      'depot_code', (select d.code from public.depots d where d.id = depot),
      'summary_sha256', saved.summary_sha256, 'report_sha256', saved.report_sha256,
      'ledger_head_id', saved.ledger_head_id, 'ledger_head_hash', saved.ledger_head_hash),
    repeat('0', 64), repeat('0', 64));
  return to_jsonb(saved);
end;
$$;
comment on function public.attest_review(date, text, text) is 'The PCA records « période revue » for a month that is over (its first day; January 2000 or later), one depot (its code) or every depot they see, with an optional comment (1 to 2000 characters once trimmed): the month''s board report must be stored (its SHA-256 is kept), as are the SHA-256 of the month''s review_summary() figures and the ledger''s head; a `review_attested` ledger event is written. Once per month and scope; never changed or withdrawn.';
