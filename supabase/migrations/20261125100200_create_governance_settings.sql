-- One row of thresholds used by the integrity checks, with defaults, so a depot tunes them without
-- a migration. A single typed row (not key/value) lets each threshold carry its own constraint.
-- Governance roles read it; nobody changes it through the API yet.

create table public.governance_settings (
  id boolean primary key default true check (id),
  cdr_arrive_stale_hours numeric(6, 2) not null default 48 check (cdr_arrive_stale_hours > 0),
  ecart_15c_tolerance_pct numeric(5, 3) not null default 0.5 check (ecart_15c_tolerance_pct > 0 and ecart_15c_tolerance_pct < 100),
  updated_at timestamptz not null default now()
);
alter table public.governance_settings enable row level security;

comment on table public.governance_settings is 'Thresholds of the integrity checks (a single row).';
comment on column public.governance_settings.cdr_arrive_stale_hours is 'CDR_ARRIVE_STALE fires when a truck has been ARRIVE longer than this without being unloaded.';
comment on column public.governance_settings.ecart_15c_tolerance_pct is 'ECART_15C fires when a recorded 15 °C volume differs from the Table 54B volume by more than this percentage.';

insert into public.governance_settings (id) values (true);

revoke all on public.governance_settings from anon, authenticated;
grant select on public.governance_settings to authenticated;

-- Governance roles see the thresholds behind the checks they review.
create policy governance_settings_select_governance on public.governance_settings
  for select to authenticated using ((select private.is_governance_reader()));
