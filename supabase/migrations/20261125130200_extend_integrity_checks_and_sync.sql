-- v_integrity_checks gains the version and security posture checks (DESIGN §2.1, §2.5, §2.6), so
-- drift and RLS findings flow through the same pipeline as the depot's anomalies:
-- check → alert → workflow → audit. The columns, their order, the four existing checks and the role
-- gate are unchanged; new branches:
--   VERSION_DRIFT          CRITICAL for the schema, WARN for a client app: a component whose running
--                          version does not satisfy its policy (v_component_versions.status = DRIFT);
--                          entity component:<name>
--   CALC_VERSION_OVERRIDE  WARN: a recent receipt or outflow computed with another calc_version than
--                          governance_settings.current_calc_version; entity reception / sortie_produit:<id>
--   RLS_* / SEC_*          one per security posture finding, ERROR → CRITICAL, WARN → WARN,
--                          INFO → INFO; entity table / view / policy / function:<qualified name>
--
-- The sync also snapshots the policy set first: public.sync_system_alerts() becomes a wrapper that
-- takes the snapshot, then runs the unchanged alert sync (moved to private.sync_alerts_from_checks).
-- Same signature, same result, same admin gate; the alert and ledger triggers are untouched.

create or replace view public.v_integrity_checks
with (security_invoker = true)
as
with settings as (
  select cdr_arrive_stale_hours, ecart_15c_tolerance_pct from public.governance_settings where id
),
latest_stock as (
  select distinct on (s.citerne_id)
    s.citerne_id, s.date_jour, s.stock_ambiant, s.stock_15c
  from public.stocks_journaliers s
  order by s.citerne_id, s.date_jour desc
),
tank_stock as (
  select c.id, c.code, c.nom, c.capacite_totale, c.capacite_securite, p.nom as produit,
    l.date_jour, l.stock_ambiant, l.stock_15c
  from latest_stock l
  join public.citernes c on c.id = l.citerne_id
  join public.produits p on p.id = c.produit_id
),
movements as (
  select 'reception'::text as entity_type, r.id, 'Réception'::text as label, r.date_reception as moved_at,
    c.code as citerne, r.volume_ambiant, r.volume_15c, r.temperature_c, r.densite_15c, r.calc_version
  from public.receptions r join public.citernes c on c.id = r.citerne_id
  union all
  select 'sortie_produit', o.id, 'Sortie', o.date_sortie, c.code,
    o.volume_ambiant, o.volume_15c, o.temperature_c, o.densite_15c, o.calc_version
  from public.sorties_produit o join public.citernes c on c.id = o.citerne_id
),
movement_deviation as (
  select m.*, v.vcf, v.expected,
    abs(m.volume_15c - v.expected) / v.expected * 100 as ecart_pct
  from movements m
  cross join lateral (
    select public.vcf_table_54b(m.densite_15c, m.temperature_c) as vcf,
      public.volume_15c_table_54b(m.volume_ambiant, m.densite_15c, m.temperature_c) as expected
  ) v
  where v.expected > 0
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
  where m.ecart_pct > s.ecart_15c_tolerance_pct

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
  from movements m
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

-- The sync, wrapped -------------------------------------------------------------------------------
alter function public.sync_system_alerts() set schema private;
alter function private.sync_system_alerts() rename to sync_alerts_from_checks;
revoke all on function private.sync_alerts_from_checks() from public, anon, authenticated, service_role;
comment on function private.sync_alerts_from_checks() is
  'The alert sync proper (opens, refreshes and clears alerts from v_integrity_checks); called by public.sync_system_alerts().';

-- security definer: it snapshots the policy set and writes alerts, which users cannot; it runs on
-- the stack's timer (or pg_cron) and on demand for an admin. Other signed-in users are refused;
-- anon cannot execute it.
create function public.sync_system_alerts()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  if auth.uid() is not null and private.current_profile_role() is distinct from 'admin' then
    raise exception 'only an admin can run the alert sync'
      using errcode = '42501', hint = 'sync_requires_admin';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.sync_system_alerts'));
  perform private.take_policy_snapshot();
  return private.sync_alerts_from_checks();
end;
$$;

comment on function public.sync_system_alerts() is
  'Snapshots the policy set, then opens, refreshes and clears alerts from v_integrity_checks; idempotent; admin or internal callers only.';

revoke all on function public.sync_system_alerts() from public, anon;
grant execute on function public.sync_system_alerts() to authenticated, service_role;
