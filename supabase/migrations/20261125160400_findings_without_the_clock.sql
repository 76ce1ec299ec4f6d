-- Findings without the clock (or the last sign-in) in them: a finding changes when what it is about
-- changes, not because time passed.
--   * CDR_ARRIVE_STALE said "non déchargé depuis N h" and its details carried heures_depuis_arrivee to a
--     tenth of an hour, so what the check found changed every six minutes for every stale truck though
--     nothing had happened: the sync rewrote each such alert and the ledger recorded a `seen_again`
--     event for it ten times an hour — at scale 100 (1,048 stale trucks) ≈ 250,000 events a day of
--     noise, the ledger doubled in two days and the audit trail drowned its real events. The message
--     now states the arrival time and the threshold; the details keep date_arrivee (the console shows
--     how long ago that was).
--   * VERSION_DRIFT carried last_reported_at and reporter_role, so every sign-in of a drifting client
--     changed the finding and added a `seen_again` event. The versions page shows both; the finding
--     keeps the component, the running and expected versions and the rule.
-- Every other branch of the view is unchanged.

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
    format('Camion %s arrivé le %s, non déchargé au-delà du seuil de %s h',
      r.immatriculation, to_char(r.date_arrivee at time zone 'UTC', 'DD/MM/YYYY HH24:MI'),
      private.format_number(s.cdr_arrive_stale_hours, 0)),
    jsonb_build_object('immatriculation', r.immatriculation, 'transporteur', r.transporteur,
      'date_arrivee', r.date_arrivee, 'volume_ambiant', r.volume_ambiant,
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
      'expected_version', v.expected_version, 'match_rule', v.match_rule)
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
