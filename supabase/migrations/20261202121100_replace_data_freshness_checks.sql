-- Replaces: private.data_freshness_checks() (20261202111000_replace_data_freshness_checks.sql)
-- From the review of the freshness checks:
--   - a tank created after the day due owes no stock line for it (a new tank raised a CRITICAL
--     STOCK_JOURNAL_MISSING in its first minute);
--   - a write stamped in the future (created_at, updated_at: the writer chooses them on insert) no
--     longer holds FEED_SILENT off until that date: it is not activity at all (the indexes on
--     (…, created_at desc) / (depot_id, updated_at desc) still find the latest past one);
--   - a threshold with decimals reads as written (0,25 h, not « 0 h »).

create or replace function private.data_freshness_checks()
 RETURNS TABLE(check_code text, severity text, entity_type text, entity_id text, message text, details jsonb)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
      -- A tank that did not exist yet on the day due owes no line for it.
      and (c.created_at at time zone k.zone)::date <= k.expected_day
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
          select r.created_at from public.receptions r
          where r.citerne_id = c.id and r.created_at <= now()
          order by r.created_at desc limit 1
        ) r
        where c.depot_id = k.id
        union all
        select o.created_at, 'sortie_produit'
        from public.citernes c
        cross join lateral (
          select o.created_at from public.sorties_produit o
          where o.citerne_id = c.id and o.created_at <= now()
          order by o.created_at desc limit 1
        ) o
        where c.depot_id = k.id
        union all
        (select t.updated_at, 'cours_de_route'
         from public.cours_de_route t
         where t.depot_id = k.id and t.updated_at <= now()
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
        f.code, f.nom, to_char(f.created_at at time zone f.zone, 'DD/MM/YYYY HH24:MI'), private.format_number(f.silent_hours, case when f.silent_hours = trunc(f.silent_hours) then 0 else 2 end))
      else format('Dépôt %s (%s) : aucune réception, sortie ni mise à jour de camion depuis le %s (seuil %s h)',
        f.code, f.nom, to_char(f.last_at at time zone f.zone, 'DD/MM/YYYY HH24:MI'), private.format_number(f.silent_hours, case when f.silent_hours = trunc(f.silent_hours) then 0 else 2 end))
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
$function$;
