-- Replaces: private.system_alert_events_set_depot (20261203160000_add_depot_scope.sql)
-- The board's review (issue 16), item 4: the PCA's attestation « période revue ».
--
-- public.attest_review(month, depot, comment): the PCA — nobody else — records that a month (over,
-- in the depot's time zone) has been reviewed, for one depot (its code) or every depot they see,
-- with an optional comment (at most 2000 characters). The attestation carries what was reviewed:
-- the month's figures as review_summary() gives them at that moment (kept whole, so anyone can
-- check them), their SHA-256 (of the jsonb text, times in UTC) and the ledger's head (id and hash).
-- Months from January 2000 to the last one that is over. It is insert-only — nobody updates, deletes or withdraws one, the service role
-- included — and one per month and scope (`already_attested`, naming who and when). A
-- `review_attested` ledger event is written in the same transaction (its depot: the scope's), so the
-- attestation is also in the hash chain. Everyone who sees the scope reads the attestations.
create table public.review_attestations (
  id uuid primary key default gen_random_uuid(),
  period_month date not null check (extract(day from period_month) = 1),
  depot_id uuid references public.depots (id),
  attested_by uuid not null references public.profils (user_id),
  attested_at timestamptz not null default now(),
  comment text check (char_length(comment) between 1 and 2000),
  figures jsonb not null,
  summary_sha256 text not null check (summary_sha256 ~ '^[0-9a-f]{64}$'),
  ledger_head_id bigint not null,
  ledger_head_hash text not null check (ledger_head_hash ~ '^[0-9a-f]{64}$'),
  constraint review_attestations_once unique nulls not distinct (period_month, depot_id)
);
comment on table public.review_attestations is 'The PCA''s « période revue »: a month, a depot (null: every depot), who and when, an optional comment, the figures reviewed (review_summary()) and their SHA-256, the ledger''s head. Insert-only; written by attest_review() only.';
create index review_attestations_attested_by_idx on public.review_attestations (attested_by);
create index review_attestations_depot_idx on public.review_attestations (depot_id, period_month desc);

alter table public.review_attestations enable row level security;
revoke all on public.review_attestations from public, anon, authenticated;
grant select on public.review_attestations to authenticated;
-- A depot's people read their depot's; the company-wide ones (no depot) are head office's.
create policy review_attestations_select_governance on public.review_attestations for select to authenticated
  using ((select private.is_governance_reader())
    and ((select private.is_head_office()) or depot_id = (select private.current_profile_depot())));

create function private.review_attestations_refuse_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'an attestation is never changed or withdrawn' using errcode = '55000', hint = 'attestation_immutable';
end;
$$;
comment on function private.review_attestations_refuse_change() is 'Before update, delete or truncate of review_attestations: refused, whoever asks.';
revoke all on function private.review_attestations_refuse_change() from public, anon;
create trigger review_attestations_refuse_update_delete before update or delete on public.review_attestations
  for each row execute function private.review_attestations_refuse_change();
create trigger review_attestations_refuse_truncate before truncate on public.review_attestations
  for each statement execute function private.review_attestations_refuse_change();

-- The ledger learns the new event; it belongs to no alert, and to the attestation's depot.
alter table public.system_alert_events drop constraint system_alert_events_event_type_check;
alter table public.system_alert_events add constraint system_alert_events_event_type_check
  check (event_type = any (array['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved', 'escalated', 'notified',
    'settings_changed', 'commented', 'assigned', 'delivery_retried', 'snoozed', 'unsnoozed', 'silence_created',
    'silence_ended', 'unsilenced', 'resolution_requested', 'countersigned', 'resolution_rejected', 'review_attested']));
alter table public.system_alert_events drop constraint system_alert_events_alert_check;
alter table public.system_alert_events add constraint system_alert_events_alert_check
  check ((alert_id is null) = (check_code is null)
    and (event_type not in ('settings_changed', 'silence_created', 'silence_ended', 'review_attested') or alert_id is null)
    and (alert_id is not null or event_type in ('settings_changed', 'delivery_retried', 'silence_created', 'silence_ended', 'review_attested')));

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
  end;
  return new;
end;
$$;
comment on function private.system_alert_events_set_depot() is 'Before insert: an event''s depot is its alert''s, its silence''s or its attestation''s; none otherwise (head office only).';

create function public.attest_review(p_month date, p_depot text default null, p_comment text default null)
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

  -- The figures the PCA reviewed, as the review page shows them for this month and scope.
  figures := public.review_summary(since, until, (select d.code from public.depots d where d.id = depot));
  select e.id, e.hash into head from public.system_alert_events e order by e.id desc limit 1;
  insert into public.review_attestations (period_month, depot_id, attested_by, comment, figures, summary_sha256, ledger_head_id, ledger_head_hash)
  values (p_month, depot, actor, note, figures, encode(extensions.digest(convert_to(figures::text, 'UTF8'), 'sha256'), 'hex'),
    coalesce(head.id, 0), coalesce(head.hash, repeat('0', 64)))
  returning * into saved;

  insert into public.system_alert_events
    (id, alert_id, event_type, check_code, actor_id, actor_role, from_status, to_status, note,
     resolved_while_active, occurred_at, details, prev_hash, hash)
  values (0, null, 'review_attested', null, actor, 'pca', null, null, note, null, saved.attested_at,
    jsonb_build_object('attestation_id', saved.id, 'month', to_char(p_month, 'YYYY-MM'),
      'depot_code', (select d.code from public.depots d where d.id = depot),
      'summary_sha256', saved.summary_sha256, 'ledger_head_id', saved.ledger_head_id,
      'ledger_head_hash', saved.ledger_head_hash),
    repeat('0', 64), repeat('0', 64));
  return to_jsonb(saved);
end;
$$;
comment on function public.attest_review(date, text, text) is 'The PCA records « période revue » for a month that is over (its first day; January 2000 or later), one depot (its code) or every depot they see, with an optional comment (1 to 2000 characters once trimmed): the SHA-256 of the month''s review_summary() figures and the ledger''s head are kept with it, a `review_attested` ledger event is written. Once per month and scope; never changed or withdrawn.';
revoke all on function public.attest_review(date, text, text) from public, anon;
grant execute on function public.attest_review(date, text, text) to authenticated, service_role;
