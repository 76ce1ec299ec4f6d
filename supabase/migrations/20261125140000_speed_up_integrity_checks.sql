-- Performance at depot scale (issue 7): v_integrity_checks evaluated in milliseconds, not minutes,
-- at 50 depots × 40 tanks × 3 years (2 M daily stock lines, 500 k receipts and outflows).
--
-- Before: every evaluation recomputed ASTM D1250 Table 54B (numeric exp(), ~0.1 ms a call, three
-- calls per movement) for every receipt and outflow ever booked — 1.8 s at the demo scale × 5,
-- minutes at scale 100 — and sorted the whole stock book to find each tank's latest line.
--
-- Now, with the view's columns, check rows and semantics unchanged:
--   * receptions / sorties_produit store vcf_54b and volume_15c_attendu as generated columns,
--     computed by the same functions (public.vcf_table_54b, public.volume_15c_table_54b) when a row
--     is written, so they can never disagree with the row; the operations app writes nothing new;
--   * the deviation |volume_15c − attendu| / attendu × 100 is indexed, and the tolerance is read once
--     (an initplan), so ECART_15C is an index range scan over the anomalies only;
--   * CALC_VERSION_OVERRIDE reads the coverage window through new indexes on the movement dates;
--   * each tank's latest stock line is one probe of stocks_journaliers_latest_idx (a lateral
--     limit 1), instead of a distinct-on sort over the whole book.
-- The ECART_15C predicate is written with nullif(attendu, 0): attendu is never 0 (volumes are
-- > 0 and the factor ≈ 1), and where it is null (density outside Table 54B) the row is excluded
-- exactly as before (`where expected > 0`).

alter table public.receptions
  add column vcf_54b numeric generated always as (public.vcf_table_54b(densite_15c, temperature_c)) stored,
  add column volume_15c_attendu numeric
    generated always as (public.volume_15c_table_54b(volume_ambiant, densite_15c, temperature_c)) stored;
alter table public.sorties_produit
  add column vcf_54b numeric generated always as (public.vcf_table_54b(densite_15c, temperature_c)) stored,
  add column volume_15c_attendu numeric
    generated always as (public.volume_15c_table_54b(volume_ambiant, densite_15c, temperature_c)) stored;

comment on column public.receptions.vcf_54b is 'ASTM D1250 Table 54B factor of this row (public.vcf_table_54b), stored when written.';
comment on column public.receptions.volume_15c_attendu is 'The 15 °C volume recomputed with Table 54B (public.volume_15c_table_54b), stored when written; ECART_15C compares volume_15c with it.';
comment on column public.sorties_produit.vcf_54b is 'ASTM D1250 Table 54B factor of this row (public.vcf_table_54b), stored when written.';
comment on column public.sorties_produit.volume_15c_attendu is 'The 15 °C volume recomputed with Table 54B (public.volume_15c_table_54b), stored when written; ECART_15C compares volume_15c with it.';

-- ECART_15C: the deviation in percent, the exact expression the view filters on.
create index receptions_ecart_15c_idx on public.receptions
  ((abs(volume_15c - volume_15c_attendu) / nullif(volume_15c_attendu, 0) * 100));
create index sorties_produit_ecart_15c_idx on public.sorties_produit
  ((abs(volume_15c - volume_15c_attendu) / nullif(volume_15c_attendu, 0) * 100));
-- CALC_VERSION_OVERRIDE: the movements of the coverage window.
create index receptions_date_reception_idx on public.receptions (date_reception);
create index sorties_produit_date_sortie_idx on public.sorties_produit (date_sortie);

create or replace view public.v_integrity_checks
with (security_invoker = true)
as
with settings as (
  select cdr_arrive_stale_hours, ecart_15c_tolerance_pct from public.governance_settings where id
),
tank_stock as materialized (
  select c.id, c.code, c.nom, c.capacite_totale, c.capacite_securite, p.nom as produit,
    l.date_jour, l.stock_ambiant, l.stock_15c
  from public.citernes c
  join public.produits p on p.id = c.produit_id
  cross join lateral (
    select s.date_jour, s.stock_ambiant, s.stock_15c
    from public.stocks_journaliers s
    where s.citerne_id = c.id
    order by s.date_jour desc
    limit 1
  ) l
),
movement_deviation as (
  select 'reception'::text as entity_type, r.id, 'Réception'::text as label, r.date_reception as moved_at,
    c.code as citerne, r.volume_ambiant, r.volume_15c, r.temperature_c, r.densite_15c, r.calc_version,
    r.vcf_54b as vcf, r.volume_15c_attendu as expected,
    abs(r.volume_15c - r.volume_15c_attendu) / nullif(r.volume_15c_attendu, 0) * 100 as ecart_pct
  from public.receptions r join public.citernes c on c.id = r.citerne_id
  where abs(r.volume_15c - r.volume_15c_attendu) / nullif(r.volume_15c_attendu, 0) * 100
    > (select g.ecart_15c_tolerance_pct from public.governance_settings g where g.id)
    and r.volume_15c_attendu > 0
  union all
  select 'sortie_produit', o.id, 'Sortie', o.date_sortie, c.code,
    o.volume_ambiant, o.volume_15c, o.temperature_c, o.densite_15c, o.calc_version,
    o.vcf_54b, o.volume_15c_attendu,
    abs(o.volume_15c - o.volume_15c_attendu) / nullif(o.volume_15c_attendu, 0) * 100
  from public.sorties_produit o join public.citernes c on c.id = o.citerne_id
  where abs(o.volume_15c - o.volume_15c_attendu) / nullif(o.volume_15c_attendu, 0) * 100
    > (select g.ecart_15c_tolerance_pct from public.governance_settings g where g.id)
    and o.volume_15c_attendu > 0
),
recent_movements as (
  select 'reception'::text as entity_type, r.id, 'Réception'::text as label, r.date_reception as moved_at,
    c.code as citerne, r.calc_version
  from public.receptions r join public.citernes c on c.id = r.citerne_id
  where r.date_reception >= (select now() - make_interval(days => g.calc_coverage_days) from public.governance_settings g where g.id)
  union all
  select 'sortie_produit', o.id, 'Sortie', o.date_sortie, c.code, o.calc_version
  from public.sorties_produit o join public.citernes c on c.id = o.citerne_id
  where o.date_sortie >= (select now() - make_interval(days => g.calc_coverage_days) from public.governance_settings g where g.id)
),
version_settings as (
  select current_calc_version, calc_coverage_days from public.governance_settings where id
),
security_findings as (
  select f.lint, f.check_code, f.level, f.object_type, f.object_name, f.detail, f.remediation, f.metadata
  from private.security_findings() f
),
checks as (
  select 'STOCK_NEGATIF'::text as check_code, 'CRITICAL'::text as severity,
    'citerne'::text as entity_type, t.id::text as entity_id,
    format('Citerne %s (%s) : stock négatif au %s — ambiant %s, à 15 °C %s',
      t.code, t.produit, to_char(t.date_jour, 'DD/MM/YYYY'),
      private.format_litres(t.stock_ambiant), private.format_litres(t.stock_15c)) as message,
    jsonb_build_object('citerne', t.code, 'produit', t.produit, 'date_jour', t.date_jour,
      'stock_ambiant', t.stock_ambiant, 'stock_15c', t.stock_15c) as details
  from tank_stock t
  where t.stock_ambiant < 0 or t.stock_15c < 0

  union all
  select 'STOCK_OVER_CAPACITY', 'CRITICAL', 'citerne', t.id::text,
    format('Citerne %s (%s) : stock ambiant %s au %s, au-delà de la capacité totale %s',
      t.code, t.produit, private.format_litres(t.stock_ambiant), to_char(t.date_jour, 'DD/MM/YYYY'),
      private.format_litres(t.capacite_totale)),
    jsonb_build_object('citerne', t.code, 'produit', t.produit, 'date_jour', t.date_jour,
      'stock_ambiant', t.stock_ambiant, 'capacite_totale', t.capacite_totale,
      'capacite_securite', t.capacite_securite, 'depassement', t.stock_ambiant - t.capacite_totale)
  from tank_stock t
  where t.stock_ambiant > t.capacite_totale

  union all
  select 'CDR_ARRIVE_STALE', 'WARN', 'cours_de_route', r.id::text,
    format('Camion %s arrivé le %s, non déchargé depuis %s h (seuil %s h)',
      r.immatriculation, to_char(r.date_arrivee at time zone 'UTC', 'DD/MM/YYYY HH24:MI'),
      floor(extract(epoch from now() - r.date_arrivee) / 3600)::bigint,
      private.format_number(s.cdr_arrive_stale_hours, 0)),
    jsonb_build_object('immatriculation', r.immatriculation, 'transporteur', r.transporteur,
      'date_arrivee', r.date_arrivee, 'volume_ambiant', r.volume_ambiant,
      'heures_depuis_arrivee', round(extract(epoch from now() - r.date_arrivee) / 3600, 1),
      'seuil_heures', s.cdr_arrive_stale_hours)
  from public.cours_de_route r
  cross join settings s
  where r.statut = 'ARRIVE'
    and r.date_arrivee < now() - make_interval(secs => s.cdr_arrive_stale_hours * 3600)

  union all
  select 'ECART_15C', 'WARN', m.entity_type, m.id::text,
    format('%s du %s, citerne %s : volume à 15 °C enregistré %s, attendu %s (écart %s %%, tolérance %s %%)',
      m.label, to_char(m.moved_at at time zone 'UTC', 'DD/MM/YYYY'), m.citerne,
      private.format_litres(m.volume_15c), private.format_litres(m.expected),
      private.format_number(m.ecart_pct, 2), private.format_number(s.ecart_15c_tolerance_pct, 2)),
    jsonb_build_object('citerne', m.citerne, 'date', m.moved_at,
      'volume_ambiant', m.volume_ambiant, 'temperature_c', m.temperature_c, 'densite_15c', m.densite_15c,
      'vcf', m.vcf, 'volume_15c_attendu', m.expected, 'volume_15c_enregistre', m.volume_15c,
      'ecart_pct', round(m.ecart_pct, 3), 'tolerance_pct', s.ecart_15c_tolerance_pct,
      'calc_version', m.calc_version)
  from movement_deviation m
  cross join settings s

  union all
  select 'VERSION_DRIFT', case when v.source = 'database' then 'CRITICAL' else 'WARN' end, 'component', v.component,
    format('Composant %s : version %s en service, %s %s attendue',
      v.component, v.running_version, case v.match_rule when 'exact' then 'version' else 'au moins la version' end,
      v.expected_version),
    jsonb_build_object('component', v.component, 'running_version', v.running_version,
      'expected_version', v.expected_version, 'match_rule', v.match_rule,
      'last_reported_at', v.last_reported_at, 'reporter_role', v.reporter_role)
  from public.v_component_versions v
  where v.status = 'DRIFT'

  union all
  select 'CALC_VERSION_OVERRIDE', 'WARN', m.entity_type, m.id::text,
    format('%s du %s, citerne %s : calculée avec %s, version courante %s',
      m.label, to_char(m.moved_at at time zone 'UTC', 'DD/MM/YYYY'), m.citerne,
      coalesce(m.calc_version, '(aucune)'), vs.current_calc_version),
    jsonb_build_object('citerne', m.citerne, 'date', m.moved_at, 'calc_version', m.calc_version,
      'current_calc_version', vs.current_calc_version, 'window_days', vs.calc_coverage_days)
  from recent_movements m
  cross join version_settings vs
  where m.moved_at >= now() - make_interval(days => vs.calc_coverage_days)
    and m.calc_version is distinct from vs.current_calc_version

  union all
  select f.check_code,
    case f.level when 'ERROR' then 'CRITICAL' when 'WARN' then 'WARN' else 'INFO' end,
    f.object_type, f.object_name,
    f.detail,
    jsonb_build_object('lint', f.lint, 'level', f.level, 'object', f.object_name,
      'remediation', f.remediation) || f.metadata
  from security_findings f
)
select c.check_code, c.severity, c.entity_type, c.entity_id, c.message, c.details, now() as detected_at
from checks c
where current_user not in ('anon', 'authenticated')
  or (select private.is_governance_reader());

comment on view public.v_integrity_checks is
  'Anomalies detected now: STOCK_NEGATIF, STOCK_OVER_CAPACITY (CRITICAL), CDR_ARRIVE_STALE, ECART_15C (WARN), VERSION_DRIFT, CALC_VERSION_OVERRIDE, and the security posture''s RLS_* / SEC_* findings.';
