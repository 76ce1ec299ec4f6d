-- Replaces: private.data_freshness_checks() (20261202110000_add_check_families.sql)
-- Silence in the depot's data is a finding, not health:
--   STOCK_JOURNAL_MISSING (CRITICAL)  an active tank has no daily stock line for the previous day once
--                                     the depot's cut-off hour has passed (in the depot's time zone);
--   FEED_SILENT (CRITICAL)            an active depot has had no new receipt, outflow or truck update for
--                                     longer than its threshold;
--   REFERENCE_INCOMPLETE (WARN)       a product without a reference density at 15 °C, a receipt or an
--                                     outflow whose 15 °C volume cannot be computed (density outside
--                                     Table 54B).
-- "A tank without a capacity or a product", also named by the issue, cannot exist here: the
-- columns are NOT NULL and the capacity must be positive (citernes' constraints), so there is no
-- branch for it.
--
-- Messages and details carry no clock (no "for 37 h"): an unchanged condition reads the same on
-- every run, so the sync writes nothing and the ledger does not grow while nothing changes.

-- Thresholds: defaults in the settings, per-depot overrides on the depot.
alter table public.governance_settings
  add column stock_journal_cutoff_hour smallint not null default 10
    constraint governance_settings_stock_journal_cutoff_hour_check check (stock_journal_cutoff_hour between 0 and 23),
  add column feed_silent_hours numeric(6,2) not null default 24
    constraint governance_settings_feed_silent_hours_check check (feed_silent_hours > 0 and feed_silent_hours <= 8760);
comment on column public.governance_settings.stock_journal_cutoff_hour is 'Hour of the day (depot time) by which the previous day''s stock lines must be in; STOCK_JOURNAL_MISSING fires after it. A depot may override it.';
comment on column public.governance_settings.feed_silent_hours is 'FEED_SILENT fires when a depot has had no new receipt, outflow or truck update for longer than this. A depot may override it.';

alter table public.depots
  add column actif boolean not null default true,
  add column stock_journal_cutoff_hour smallint
    constraint depots_stock_journal_cutoff_hour_check check (stock_journal_cutoff_hour between 0 and 23),
  add column feed_silent_hours numeric(6,2)
    constraint depots_feed_silent_hours_check check (feed_silent_hours > 0 and feed_silent_hours <= 8760);
comment on column public.depots.actif is 'An inactive depot (closed, not yet operating) is not expected to write anything: no FEED_SILENT, no STOCK_JOURNAL_MISSING.';
comment on column public.depots.stock_journal_cutoff_hour is 'This depot''s cut-off hour for the daily stock lines; null: governance_settings.stock_journal_cutoff_hour.';
comment on column public.depots.feed_silent_hours is 'This depot''s FEED_SILENT threshold in hours; null: governance_settings.feed_silent_hours.';

alter table public.citernes add column actif boolean not null default true;
comment on column public.citernes.actif is 'An inactive tank (out of service, under maintenance) needs no daily stock line.';

-- Truck updates: when a truck's row last changed (its status moves ARRIVE → DECHARGE by update).
alter table public.cours_de_route add column updated_at timestamptz;
update public.cours_de_route
set updated_at = least(now(), greatest(created_at, date_chargement, date_arrivee, date_dechargement));
alter table public.cours_de_route
  alter column updated_at set default now(),
  alter column updated_at set not null;
comment on column public.cours_de_route.updated_at is 'When the row last changed (set by the database on every update): a truck update for FEED_SILENT.';

create function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.touch_updated_at() is 'Sets updated_at to now() on every update, whatever the writer sent.';
revoke all on function private.touch_updated_at() from public;

create trigger cours_de_route_touch_updated_at
before update on public.cours_de_route
for each row execute function private.touch_updated_at();

-- The latest writes of a depot, each one index probe per tank / per depot.
create index receptions_citerne_created_idx on public.receptions (citerne_id, created_at desc);
create index sorties_produit_citerne_created_idx on public.sorties_produit (citerne_id, created_at desc);
drop index public.cours_de_route_depot_id_idx;
create index cours_de_route_depot_updated_idx on public.cours_de_route (depot_id, updated_at desc);
-- Movements whose 15 °C volume cannot be computed: few (ideally none), found without a scan.
create index receptions_uncorrectable_idx on public.receptions (date_reception) where volume_15c_attendu is null;
create index sorties_produit_uncorrectable_idx on public.sorties_produit (date_sortie) where volume_15c_attendu is null;

create or replace function private.data_freshness_checks()
returns table (check_code text, severity text, entity_type text, entity_id text, message text, details jsonb)
language sql
stable
security definer
set search_path = ''
as $$
  with settings as materialized (
    select g.depot_time_zone as zone, g.stock_journal_cutoff_hour, g.feed_silent_hours
    from public.governance_settings g
    where g.id
  ),
  depot_clock as materialized (
    select d.id, d.code, d.nom, d.actif, d.created_at, s.zone,
      coalesce(d.stock_journal_cutoff_hour, s.stock_journal_cutoff_hour) as cutoff_hour,
      coalesce(d.feed_silent_hours, s.feed_silent_hours) as silent_hours,
      -- The day whose lines must be in: yesterday (depot time) once the cut-off hour has passed,
      -- the day before until then.
      ((now() at time zone s.zone) - make_interval(hours => coalesce(d.stock_journal_cutoff_hour, s.stock_journal_cutoff_hour)))::date - 1
        as expected_day
    from public.depots d
    cross join settings s
  ),
  journal_missing as (
    select c.id, c.code, p.nom as produit, k.code as depot, k.expected_day, k.cutoff_hour, l.last_day
    from public.citernes c
    join depot_clock k on k.id = c.depot_id and k.actif
    join public.produits p on p.id = c.produit_id
    cross join lateral (
      select max(j.date_jour) as last_day from public.stocks_journaliers j where j.citerne_id = c.id
    ) l
    where c.actif
      and not exists (
        select 1 from public.stocks_journaliers j where j.citerne_id = c.id and j.date_jour = k.expected_day
      )
  ),
  feed_silent as (
    select k.id, k.code, k.nom, k.zone, k.silent_hours, k.created_at, a.last_at, a.last_kind
    from depot_clock k
    left join lateral (
      select w.at as last_at, w.kind as last_kind
      from (
        select r.created_at as at, 'reception' as kind
        from public.citernes c
        cross join lateral (
          select r.created_at from public.receptions r where r.citerne_id = c.id order by r.created_at desc limit 1
        ) r
        where c.depot_id = k.id
        union all
        select o.created_at, 'sortie_produit'
        from public.citernes c
        cross join lateral (
          select o.created_at from public.sorties_produit o where o.citerne_id = c.id order by o.created_at desc limit 1
        ) o
        where c.depot_id = k.id
        union all
        (select t.updated_at, 'cours_de_route'
         from public.cours_de_route t
         where t.depot_id = k.id
         order by t.updated_at desc
         limit 1)
      ) w
      order by w.at desc
      limit 1
    ) a on true
    where k.actif
      -- A depot that never wrote anything is silent since it was created.
      and coalesce(a.last_at, k.created_at) < now() - make_interval(secs => (k.silent_hours * 3600)::double precision)
  ),
  uncorrectable as (
    select 'reception' as entity_type, r.id, 'Réception' as label, r.date_reception as moved_at, c.code as citerne,
      p.nom as produit, r.densite_15c, r.temperature_c, r.volume_ambiant
    from public.receptions r
    join public.citernes c on c.id = r.citerne_id
    join public.produits p on p.id = c.produit_id
    where r.volume_15c_attendu is null
    union all
    select 'sortie_produit', o.id, 'Sortie', o.date_sortie, c.code, p.nom, o.densite_15c, o.temperature_c, o.volume_ambiant
    from public.sorties_produit o
    join public.citernes c on c.id = o.citerne_id
    join public.produits p on p.id = c.produit_id
    where o.volume_15c_attendu is null
  )
  select 'STOCK_JOURNAL_MISSING', 'CRITICAL', 'citerne', m.id::text,
    format('Citerne %s (%s, dépôt %s) : pas de ligne de stock pour le %s, attendue avant %s h le lendemain ; %s',
      m.code, m.produit, m.depot, to_char(m.expected_day, 'DD/MM/YYYY'), m.cutoff_hour,
      case when m.last_day is null then 'aucune ligne enregistrée'
        else 'dernière ligne le ' || to_char(m.last_day, 'DD/MM/YYYY') end),
    jsonb_build_object('citerne', m.code, 'produit', m.produit, 'depot', m.depot, 'jour_attendu', m.expected_day,
      'heure_limite', m.cutoff_hour, 'derniere_ligne', m.last_day)
  from journal_missing m
  union all
  select 'FEED_SILENT', 'CRITICAL', 'depot', f.id::text,
    case when f.last_at is null
      then format('Dépôt %s (%s) : aucune réception, sortie ni mise à jour de camion enregistrée depuis sa création le %s (seuil %s h)',
        f.code, f.nom, to_char(f.created_at at time zone f.zone, 'DD/MM/YYYY HH24:MI'), private.format_number(f.silent_hours, 0))
      else format('Dépôt %s (%s) : aucune réception, sortie ni mise à jour de camion depuis le %s (seuil %s h)',
        f.code, f.nom, to_char(f.last_at at time zone f.zone, 'DD/MM/YYYY HH24:MI'), private.format_number(f.silent_hours, 0))
    end,
    jsonb_build_object('depot', f.code, 'derniere_activite', f.last_at, 'derniere_activite_type', f.last_kind,
      'seuil_heures', f.silent_hours)
  from feed_silent f
  union all
  select 'REFERENCE_INCOMPLETE', 'WARN', 'produit', p.id::text,
    format('Produit %s (%s) : pas de densité de référence à 15 °C', p.code, p.nom),
    jsonb_build_object('produit', p.nom, 'code_produit', p.code, 'manque', 'densite_15c_reference')
  from public.produits p
  where p.densite_15c_reference is null
  union all
  select 'REFERENCE_INCOMPLETE', 'WARN', u.entity_type, u.id::text,
    format('%s du %s, citerne %s : volume à 15 °C impossible à calculer (densité %s kg/m³ hors de la table 54B)',
      u.label, to_char(u.moved_at at time zone s.zone, 'DD/MM/YYYY'), u.citerne, private.format_number(u.densite_15c, 1)),
    jsonb_build_object('citerne', u.citerne, 'produit', u.produit, 'date', u.moved_at, 'densite_15c', u.densite_15c,
      'temperature_c', u.temperature_c, 'volume_ambiant', u.volume_ambiant, 'manque', 'vcf_table_54b')
  from uncorrectable u
  cross join settings s;
$$;
comment on function private.data_freshness_checks() is 'Silence in the depot''s data: STOCK_JOURNAL_MISSING, FEED_SILENT (CRITICAL), REFERENCE_INCOMPLETE (WARN). One family of public.v_integrity_checks (same columns, without detected_at).';
