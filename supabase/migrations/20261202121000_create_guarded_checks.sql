-- Replaces: public.v_integrity_checks (20261202110000_add_check_families.sql)
-- A check family that fails is a finding, not an outage. Until now one family raising an error
-- (a function redefined by hand, a bad setting, a bug) failed the whole view: the sync recorded a
-- failed run and detected nothing at all, and every reader of the view got the raw error text.
-- Each family now runs inside private.guarded_checks(), which turns its failure into one
-- CHECK_FAILED (CRITICAL) row naming the family and the SQLSTATE — never the message, which can
-- name tables and data — while the other families and the built-in checks go on being detected.

create function private.guarded_checks(family text)
returns table (check_code text, severity text, entity_type text, entity_id text, message text, details jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found jsonb;
begin
  -- Collected whole before anything is returned: a family that fails half-way adds no partial rows.
  -- Each family is named here (not built from the argument), so no caller can run anything else.
  begin
    case family
      when 'data_freshness_checks' then
        select coalesce(jsonb_agg(to_jsonb(f)), '[]') into found from private.data_freshness_checks() f;
      when 'sync_watchdog_checks' then
        select coalesce(jsonb_agg(to_jsonb(f)), '[]') into found from private.sync_watchdog_checks() f;
      when 'schema_drift_checks' then
        select coalesce(jsonb_agg(to_jsonb(f)), '[]') into found from private.schema_drift_checks() f;
      when 'security_event_checks' then
        select coalesce(jsonb_agg(to_jsonb(f)), '[]') into found from private.security_event_checks() f;
      else
        raise exception 'unknown check family %', family using errcode = '22023';
    end case;
  exception when others then
    return query select 'CHECK_FAILED'::text, 'CRITICAL'::text, 'check_family'::text, family,
      format('La famille de contrôles %s a échoué (code %s) : ses anomalies ne sont pas détectées tant qu''elle échoue',
        family, sqlstate),
      jsonb_build_object('famille', family, 'code_erreur', sqlstate);
    return;
  end;
  return query
  select r.check_code, r.severity, r.entity_type, r.entity_id, r.message, r.details
  from jsonb_to_recordset(found) as r (check_code text, severity text, entity_type text, entity_id text, message text, details jsonb);
end;
$$;
comment on function private.guarded_checks(text) is 'Runs one family of checks; its failure becomes one CHECK_FAILED row (family, SQLSTATE) instead of failing public.v_integrity_checks.';
revoke all on function private.guarded_checks(text) from public;
grant execute on function private.guarded_checks(text) to authenticated, service_role;

create or replace view public.v_integrity_checks with (security_invoker = true) as
WITH settings AS (
         SELECT governance_settings.cdr_arrive_stale_hours,
            governance_settings.ecart_15c_tolerance_pct,
            governance_settings.depot_time_zone
           FROM public.governance_settings
          WHERE governance_settings.id
        ), tank_stock AS MATERIALIZED (
         SELECT c_1.id,
            c_1.code,
            c_1.nom,
            c_1.capacite_totale,
            c_1.capacite_securite,
            p.nom AS produit,
            l.date_jour,
            l.stock_ambiant,
            l.stock_15c
           FROM public.citernes c_1
             JOIN public.produits p ON p.id = c_1.produit_id
             CROSS JOIN LATERAL ( SELECT s.date_jour,
                    s.stock_ambiant,
                    s.stock_15c
                   FROM public.stocks_journaliers s
                  WHERE s.citerne_id = c_1.id
                  ORDER BY s.date_jour DESC
                 LIMIT 1) l
        ), movement_deviation AS (
         SELECT 'reception'::text AS entity_type,
            r.id,
            'Réception'::text AS label,
            r.date_reception AS moved_at,
            c_1.code AS citerne,
            r.volume_ambiant,
            r.volume_15c,
            r.temperature_c,
            r.densite_15c,
            r.calc_version,
            r.vcf_54b AS vcf,
            r.volume_15c_attendu AS expected,
            abs(r.volume_15c - r.volume_15c_attendu) / NULLIF(r.volume_15c_attendu, 0::numeric) * 100::numeric AS ecart_pct
           FROM public.receptions r
             JOIN public.citernes c_1 ON c_1.id = r.citerne_id
          WHERE (abs(r.volume_15c - r.volume_15c_attendu) / NULLIF(r.volume_15c_attendu, 0::numeric) * 100::numeric) > (( SELECT g.ecart_15c_tolerance_pct
                   FROM public.governance_settings g
                  WHERE g.id)) AND r.volume_15c_attendu > 0::numeric
        UNION ALL
         SELECT 'sortie_produit'::text AS text,
            o.id,
            'Sortie'::text AS text,
            o.date_sortie,
            c_1.code,
            o.volume_ambiant,
            o.volume_15c,
            o.temperature_c,
            o.densite_15c,
            o.calc_version,
            o.vcf_54b,
            o.volume_15c_attendu,
            abs(o.volume_15c - o.volume_15c_attendu) / NULLIF(o.volume_15c_attendu, 0::numeric) * 100::numeric
           FROM public.sorties_produit o
             JOIN public.citernes c_1 ON c_1.id = o.citerne_id
          WHERE (abs(o.volume_15c - o.volume_15c_attendu) / NULLIF(o.volume_15c_attendu, 0::numeric) * 100::numeric) > (( SELECT g.ecart_15c_tolerance_pct
                   FROM public.governance_settings g
                  WHERE g.id)) AND o.volume_15c_attendu > 0::numeric
        ), recent_movements AS (
         SELECT 'reception'::text AS entity_type,
            r.id,
            'Réception'::text AS label,
            r.date_reception AS moved_at,
            c_1.code AS citerne,
            r.calc_version
           FROM public.receptions r
             JOIN public.citernes c_1 ON c_1.id = r.citerne_id
          WHERE r.date_reception >= (( SELECT now() - make_interval(days => g.calc_coverage_days)
                   FROM public.governance_settings g
                  WHERE g.id))
        UNION ALL
         SELECT 'sortie_produit'::text AS text,
            o.id,
            'Sortie'::text AS text,
            o.date_sortie,
            c_1.code,
            o.calc_version
           FROM public.sorties_produit o
             JOIN public.citernes c_1 ON c_1.id = o.citerne_id
          WHERE o.date_sortie >= (( SELECT now() - make_interval(days => g.calc_coverage_days)
                   FROM public.governance_settings g
                  WHERE g.id))
        ), version_settings AS (
         SELECT governance_settings.current_calc_version,
            governance_settings.calc_coverage_days,
            governance_settings.depot_time_zone
           FROM public.governance_settings
          WHERE governance_settings.id
        ), security_findings AS (
         SELECT f.lint,
            f.check_code,
            f.level,
            f.object_type,
            f.object_name,
            f.detail,
            f.remediation,
            f.metadata
           FROM private.security_findings() f(lint, check_code, level, object_type, object_name, detail, remediation, metadata)
        ), checks AS (
         SELECT 'STOCK_NEGATIF'::text AS check_code,
            'CRITICAL'::text AS severity,
            'citerne'::text AS entity_type,
            t.id::text AS entity_id,
            format('Citerne %s (%s) : stock négatif au %s — ambiant %s, à 15 °C %s'::text, t.code, t.produit, to_char(t.date_jour::timestamp with time zone, 'DD/MM/YYYY'::text), private.format_litres(t.stock_ambiant), private.format_litres(t.stock_15c)) AS message,
            jsonb_build_object('citerne', t.code, 'produit', t.produit, 'date_jour', t.date_jour, 'stock_ambiant', t.stock_ambiant, 'stock_15c', t.stock_15c) AS details
           FROM tank_stock t
          WHERE t.stock_ambiant < 0::numeric OR t.stock_15c < 0::numeric
        UNION ALL
         SELECT 'STOCK_OVER_CAPACITY'::text AS text,
            'CRITICAL'::text AS text,
            'citerne'::text AS text,
            t.id::text AS id,
            format('Citerne %s (%s) : stock ambiant %s au %s, au-delà de la capacité totale %s'::text, t.code, t.produit, private.format_litres(t.stock_ambiant), to_char(t.date_jour::timestamp with time zone, 'DD/MM/YYYY'::text), private.format_litres(t.capacite_totale)) AS format,
            jsonb_build_object('citerne', t.code, 'produit', t.produit, 'date_jour', t.date_jour, 'stock_ambiant', t.stock_ambiant, 'capacite_totale', t.capacite_totale, 'capacite_securite', t.capacite_securite, 'depassement', t.stock_ambiant - t.capacite_totale) AS jsonb_build_object
           FROM tank_stock t
          WHERE t.stock_ambiant > t.capacite_totale
        UNION ALL
         SELECT 'CDR_ARRIVE_STALE'::text AS text,
            'WARN'::text AS text,
            'cours_de_route'::text AS text,
            r.id::text AS id,
            format('Camion %s arrivé le %s, non déchargé au-delà du seuil de %s h'::text, r.immatriculation, to_char((r.date_arrivee AT TIME ZONE s.depot_time_zone), 'DD/MM/YYYY HH24:MI'::text), private.format_number(s.cdr_arrive_stale_hours, 0)) AS format,
            jsonb_build_object('immatriculation', r.immatriculation, 'transporteur', r.transporteur, 'date_arrivee', r.date_arrivee, 'volume_ambiant', r.volume_ambiant, 'seuil_heures', s.cdr_arrive_stale_hours) AS jsonb_build_object
           FROM public.cours_de_route r
             CROSS JOIN settings s
          WHERE r.statut = 'ARRIVE'::text AND r.date_arrivee < (now() - make_interval(secs => (s.cdr_arrive_stale_hours * 3600::numeric)::double precision))
        UNION ALL
         SELECT 'ECART_15C'::text AS text,
            'WARN'::text AS text,
            m.entity_type,
            m.id::text AS id,
            format('%s du %s, citerne %s : volume à 15 °C enregistré %s, attendu %s (écart %s %%, tolérance %s %%)'::text, m.label, to_char((m.moved_at AT TIME ZONE s.depot_time_zone), 'DD/MM/YYYY'::text), m.citerne, private.format_litres(m.volume_15c), private.format_litres(m.expected), private.format_number(m.ecart_pct, 2), private.format_number(s.ecart_15c_tolerance_pct, 2)) AS format,
            jsonb_build_object('citerne', m.citerne, 'date', m.moved_at, 'volume_ambiant', m.volume_ambiant, 'temperature_c', m.temperature_c, 'densite_15c', m.densite_15c, 'vcf', m.vcf, 'volume_15c_attendu', m.expected, 'volume_15c_enregistre', m.volume_15c, 'ecart_pct', round(m.ecart_pct, 3), 'tolerance_pct', s.ecart_15c_tolerance_pct, 'calc_version', m.calc_version) AS jsonb_build_object
           FROM movement_deviation m
             CROSS JOIN settings s
        UNION ALL
         SELECT 'VERSION_DRIFT'::text AS text,
                CASE
                    WHEN v.source = 'database'::text THEN 'CRITICAL'::text
                    ELSE 'WARN'::text
                END AS "case",
            'component'::text AS text,
            v.component,
            format('Composant %s : version %s en service, %s %s attendue'::text, v.component, v.running_version,
                CASE v.match_rule
                    WHEN 'exact'::text THEN 'version'::text
                    ELSE 'au moins la version'::text
                END, v.expected_version) AS format,
            jsonb_build_object('component', v.component, 'running_version', v.running_version, 'expected_version', v.expected_version, 'match_rule', v.match_rule) AS jsonb_build_object
           FROM public.v_component_versions v
          WHERE v.status = 'DRIFT'::text
        UNION ALL
         SELECT 'CALC_VERSION_OVERRIDE'::text AS text,
            'WARN'::text AS text,
            m.entity_type,
            m.id::text AS id,
            format('%s du %s, citerne %s : calculée avec %s, version courante %s'::text, m.label, to_char((m.moved_at AT TIME ZONE vs.depot_time_zone), 'DD/MM/YYYY'::text), m.citerne, COALESCE(m.calc_version, '(aucune)'::text), vs.current_calc_version) AS format,
            jsonb_build_object('citerne', m.citerne, 'date', m.moved_at, 'calc_version', m.calc_version, 'current_calc_version', vs.current_calc_version, 'window_days', vs.calc_coverage_days) AS jsonb_build_object
           FROM recent_movements m
             CROSS JOIN version_settings vs
          WHERE m.moved_at >= (now() - make_interval(days => vs.calc_coverage_days)) AND m.calc_version IS DISTINCT FROM vs.current_calc_version
        UNION ALL
         SELECT f.check_code,
                CASE f.level
                    WHEN 'ERROR'::text THEN 'CRITICAL'::text
                    WHEN 'WARN'::text THEN 'WARN'::text
                    ELSE 'INFO'::text
                END AS "case",
            f.object_type,
            f.object_name,
            f.detail,
            jsonb_build_object('lint', f.lint, 'level', f.level, 'object', f.object_name, 'remediation', f.remediation) || f.metadata
           FROM security_findings f
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('data_freshness_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('sync_watchdog_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('schema_drift_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        UNION ALL
         SELECT f.check_code,
            f.severity,
            f.entity_type,
            f.entity_id,
            f.message,
            f.details
           FROM private.guarded_checks('security_event_checks'::text) f(check_code, severity, entity_type, entity_id, message, details)
        )
 SELECT check_code,
    severity,
    entity_type,
    entity_id,
    message,
    details,
    now() AS detected_at
   FROM checks c
  WHERE (CURRENT_USER <> ALL (ARRAY['anon'::name, 'authenticated'::name])) OR ( SELECT private.is_governance_reader() AS is_governance_reader);
comment on view public.v_integrity_checks is 'Anomalies detected now: STOCK_NEGATIF, STOCK_OVER_CAPACITY (CRITICAL), CDR_ARRIVE_STALE, ECART_15C (WARN), VERSION_DRIFT, CALC_VERSION_OVERRIDE, the security posture''s RLS_* / SEC_* findings, and the families of private.*_checks(), each through private.guarded_checks() (CHECK_FAILED when one fails).';
