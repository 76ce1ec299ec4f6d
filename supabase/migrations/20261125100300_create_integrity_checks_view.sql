-- public.v_integrity_checks: one row per anomaly detected in the operational data right now.
-- The sync turns these rows into alerts; reviewers read them directly. Later checks add their own
-- codes to this view, so every finding flows through one pipeline (check → alert → workflow → audit).
--
-- security_invoker: the caller's own policies apply to the tables underneath. The explicit role
-- gate also hides every row from users outside the governance roles, whatever the tables' policies
-- become; internal callers (the sync, running as the owner; the service role) see everything.
--
-- The deployment log's validation query must keep working unchanged:
--   select check_code, severity, count(*) from public.v_integrity_checks group by check_code, severity;

-- '12 500 L' — French grouping with a narrow no-break space, for the messages.
create function private.format_litres(value numeric)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select replace(to_char(round(value), 'FM999,999,999,990'), ',', U&'\202F') || ' L'
$$;

create function private.format_number(value numeric, decimals integer)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select replace(to_char(round(value, decimals), 'FM999999990' || case when decimals > 0 then '.' || repeat('0', decimals) else '' end), '.', ',')
$$;

revoke all on function private.format_litres(numeric), private.format_number(numeric, integer) from public, anon;
grant execute on function private.format_litres(numeric), private.format_number(numeric, integer) to authenticated, service_role;

create view public.v_integrity_checks
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
)
select c.check_code, c.severity, c.entity_type, c.entity_id, c.message, c.details, now() as detected_at
from checks c
where current_user not in ('anon', 'authenticated')
  or (select private.is_governance_reader());

comment on view public.v_integrity_checks is
  'Anomalies detected now: STOCK_NEGATIF, STOCK_OVER_CAPACITY (CRITICAL), CDR_ARRIVE_STALE, ECART_15C (WARN).';

revoke all on public.v_integrity_checks from anon, authenticated;
grant select on public.v_integrity_checks to authenticated;
