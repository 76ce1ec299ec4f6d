-- Demo data: one depot with two months of clean operations and a handful of deliberate anomalies,
-- so every integrity check fires at least once among many clean rows; a second depot whose
-- movement feed went quiet and a closed third one; and one demo user per role.
-- Deterministic: no random(); variation comes from hashes of row numbers. Dates are relative to
-- the day the seed is loaded.
--
-- Expected result of the validation query right after loading (tests rely on it):
--   STOCK_NEGATIF        CRITICAL  2   (T05 ambient < 0; T09 15 °C < 0 — latest day only)
--   STOCK_OVER_CAPACITY  CRITICAL  2   (T08, T11)
--   CDR_ARRIVE_STALE     WARN      2   (two trucks ARRIVE for 72 h and 120 h; two others 6 h and 20 h)
--   ECART_15C            WARN      3   (two receipts at +1.2 % and −1.0 %, one outflow at +0.8 %)
--   STOCK_JOURNAL_MISSING CRITICAL 1   (T06's stock book stops three days ago)
--   FEED_SILENT          CRITICAL  1   (BOUAKE: last receipt four days ago; ABENGOUROU is closed: none)
--   REFERENCE_INCOMPLETE WARN      1   (Bitume 35/50 has no reference density at 15 °C)
-- T03 had a negative line ten days ago (not its latest): no alert. One receipt is off by 0.3 %
-- (within the 0.5 % tolerance): no alert.
-- The last month's alert history (about 25 alerts, all RESOLVED and cleared) comes last.

-- Demo users (local only: password demo-governance) -----------------------------------------------
-- bcrypt at cost 10, the auth server's default (GoTrue hashes new passwords at cost 10).
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', u.id::uuid, 'authenticated', 'authenticated', u.email,
  extensions.crypt('demo-governance', extensions.gen_salt('bf', 10)), now(),
  '{"provider":"email","providers":["email"]}'::jsonb, jsonb_build_object('nom_complet', u.nom),
  now(), now(), '', '', '', ''
from (values
  ('00000000-0000-4000-8000-000000000001', 'admin@depot.test', 'Awa Koné'),
  ('00000000-0000-4000-8000-000000000002', 'directeur@depot.test', 'Jean-Baptiste Mensah'),
  -- A second directeur: four-eyes closures need one to ask and another to countersign.
  ('00000000-0000-4000-8000-000000000008', 'directeur2@depot.test', 'Aminata Ouattara'),
  ('00000000-0000-4000-8000-000000000003', 'pca@depot.test', 'Marie-Claire Diallo'),
  ('00000000-0000-4000-8000-000000000004', 'operateur@depot.test', 'Koffi Traoré'),
  ('00000000-0000-4000-8000-000000000005', 'gerant@depot.test', 'Fatou Ndiaye'),
  ('00000000-0000-4000-8000-000000000006', 'lecture@depot.test', 'Yao Kouassi'),
  -- Bouaké's own admin and directeur: they see and act on Bouaké only (the users above without a
  -- depot are head office: every depot and the platform).
  ('00000000-0000-4000-8000-000000000009', 'admin.bouake@depot.test', 'Ibrahim Sanogo'),
  ('00000000-0000-4000-8000-000000000010', 'directeur.bouake@depot.test', 'Adjoua Kouamé'),
  -- The operations app's own account: it reports the app's version (version_policies.reporter_user_id)
  -- and has no profile, so it sees no governance data.
  ('00000000-0000-4000-8000-000000000007', 'operations-app@depot.test', 'Application des opérations')
) as u (id, email, nom);

update public.version_policies set reporter_user_id = '00000000-0000-4000-8000-000000000007'
where component = 'operations-app';

insert into public.depots (id, code, nom, actif, created_at) values
  ('de000000-0000-4000-8000-000000000001', 'VRIDI', 'Dépôt pétrolier de Vridi', true, now() - interval '2 years'),
  ('de000000-0000-4000-8000-000000000002', 'BOUAKE', 'Dépôt de Bouaké', true, now() - interval '1 year'),
  ('de000000-0000-4000-8000-000000000003', 'ABENGOUROU', 'Dépôt d’Abengourou (fermé)', false, now() - interval '3 years');

-- Head office (no depot) governs every depot; the operations roles work at Vridi; Bouaké has its own
-- admin and directeur.
insert into public.profils (user_id, role, nom_complet, depot_id)
select u.id, p.role, u.raw_user_meta_data ->> 'nom_complet', p.depot_id::uuid
from auth.users u
join (values
  ('admin@depot.test', 'admin', null),
  ('directeur@depot.test', 'directeur', null),
  ('directeur2@depot.test', 'directeur', null),
  ('pca@depot.test', 'pca', null),
  ('operateur@depot.test', 'operateur', 'de000000-0000-4000-8000-000000000001'),
  ('gerant@depot.test', 'gerant', 'de000000-0000-4000-8000-000000000001'),
  ('lecture@depot.test', 'lecture', 'de000000-0000-4000-8000-000000000001'),
  ('admin.bouake@depot.test', 'admin', 'de000000-0000-4000-8000-000000000002'),
  ('directeur.bouake@depot.test', 'directeur', 'de000000-0000-4000-8000-000000000002')
) as p (email, role, depot_id) on p.email = u.email;

-- Products and tanks -------------------------------------------------------------------------------
insert into public.produits (id, code, nom, densite_15c_reference) values
  ('9d000000-0000-4000-8000-000000000001', 'GO', 'Gasoil', 840),
  ('9d000000-0000-4000-8000-000000000002', 'SP', 'Super sans plomb', 745),
  ('9d000000-0000-4000-8000-000000000003', 'JET', 'Jet A-1', 800),
  ('9d000000-0000-4000-8000-000000000004', 'PL', 'Pétrole lampant', 790),
  ('9d000000-0000-4000-8000-000000000005', 'FO', 'Fuel oil 180', 960),
  ('9d000000-0000-4000-8000-000000000006', 'BIT', 'Bitume 35/50', null);

insert into public.citernes (id, depot_id, produit_id, code, nom, capacite_totale, capacite_securite, created_at)
select ('c1000000-0000-4000-8000-0000000000' || lpad(t.n::text, 2, '0'))::uuid,
  'de000000-0000-4000-8000-000000000001', t.produit_id::uuid,
  'T' || lpad(t.n::text, 2, '0'), 'Citerne ' || lpad(t.n::text, 2, '0'), t.capacite, t.capacite * 0.95, now() - interval '2 years'
from (values
  (1, '9d000000-0000-4000-8000-000000000001', 5000000),
  (2, '9d000000-0000-4000-8000-000000000001', 5000000),
  (3, '9d000000-0000-4000-8000-000000000001', 3000000),
  (4, '9d000000-0000-4000-8000-000000000002', 4000000),
  (5, '9d000000-0000-4000-8000-000000000002', 4000000),
  (6, '9d000000-0000-4000-8000-000000000002', 2000000),
  (7, '9d000000-0000-4000-8000-000000000003', 3000000),
  (8, '9d000000-0000-4000-8000-000000000003', 3000000),
  (9, '9d000000-0000-4000-8000-000000000004', 1500000),
  (10, '9d000000-0000-4000-8000-000000000004', 1500000),
  (11, '9d000000-0000-4000-8000-000000000005', 2500000),
  (12, '9d000000-0000-4000-8000-000000000005', 2500000)
) as t (n, produit_id, capacite);

-- Bouaké's one tank (its stock book is kept; its movement feed is not).
insert into public.citernes (id, depot_id, produit_id, code, nom, capacite_totale, capacite_securite, created_at) values
  ('c1000000-0000-4000-8000-000000000101', 'de000000-0000-4000-8000-000000000002', '9d000000-0000-4000-8000-000000000001',
    'B01', 'Citerne B01', 2000000, 1900000, now() - interval '1 year');

-- Daily stock book: 60 days per tank, between 30 % and 70 % of capacity -------------------------------
insert into public.stocks_journaliers (citerne_id, date_jour, stock_ambiant, stock_15c)
select c.id, current_date - d.day_offset, level.ambiant,
  public.volume_15c_table_54b(level.ambiant, p.densite_15c_reference, 28)
from public.citernes c
join public.produits p on p.id = c.produit_id
cross join generate_series(0, 59) as d (day_offset)
cross join lateral (
  select round(c.capacite_totale * (0.30 + 0.40 * ((abs(hashtext(c.code || ':' || d.day_offset)) % 1000) / 1000.0)), 0) as ambiant
) level;

-- The anomalies of the stock book (latest day), and one old negative line that must not fire.
update public.stocks_journaliers set stock_ambiant = -1250, stock_15c = -1236.4
where citerne_id = 'c1000000-0000-4000-8000-000000000005' and date_jour = current_date;
update public.stocks_journaliers set stock_15c = -310.2
where citerne_id = 'c1000000-0000-4000-8000-000000000009' and date_jour = current_date;
update public.stocks_journaliers set stock_ambiant = 3041500, stock_15c = 3016200
where citerne_id = 'c1000000-0000-4000-8000-000000000008' and date_jour = current_date;
update public.stocks_journaliers set stock_ambiant = 2562000, stock_15c = 2530900
where citerne_id = 'c1000000-0000-4000-8000-000000000011' and date_jour = current_date;
update public.stocks_journaliers set stock_ambiant = -800, stock_15c = -790
where citerne_id = 'c1000000-0000-4000-8000-000000000003' and date_jour = current_date - 10;

-- T06's stock book stops three days ago: STOCK_JOURNAL_MISSING, whatever the hour.
delete from public.stocks_journaliers
where citerne_id = 'c1000000-0000-4000-8000-000000000006' and date_jour > current_date - 3;

-- Trucks en route: 40, most unloaded; four ARRIVE, two of them for longer than 48 h -----------------
insert into public.cours_de_route (id, depot_id, produit_id, immatriculation, transporteur, volume_ambiant,
  statut, date_chargement, date_arrivee, date_dechargement)
select
  case t.n when 37 then 'cd000000-0000-4000-8000-000000000001'::uuid
           when 38 then 'cd000000-0000-4000-8000-000000000002'::uuid
           else gen_random_uuid() end,
  'de000000-0000-4000-8000-000000000001',
  ('9d000000-0000-4000-8000-00000000000' || (1 + t.n % 5))::uuid,
  format('%s-%s-CI', 1000 + (abs(hashtext('plaque' || t.n)) % 9000), chr(65 + t.n % 26) || chr(65 + (t.n * 7) % 26)),
  (array['SOTRA Logistique', 'Trans-Lagune', 'Ivoire Citernes', 'Sahel Transport'])[1 + t.n % 4],
  30000 + (abs(hashtext('volume' || t.n)) % 10) * 1000,
  s.statut,
  now() - s.arrive_ago - interval '3 days',
  case when s.statut in ('ARRIVE', 'DECHARGE') then now() - s.arrive_ago end,
  case when s.statut = 'DECHARGE' then now() - s.arrive_ago + interval '5 hours' end
from generate_series(1, 40) as t (n)
cross join lateral (
  select case
    when t.n <= 26 then 'DECHARGE'
    when t.n <= 30 then 'CHARGEMENT'
    when t.n <= 33 then 'TRANSIT'
    when t.n <= 36 then 'FRONTIERE'
    else 'ARRIVE'
  end as statut,
  case
    when t.n = 37 then interval '72 hours'
    when t.n = 38 then interval '120 hours'
    when t.n = 39 then interval '6 hours'
    when t.n = 40 then interval '20 hours'
    when t.n <= 26 then make_interval(days => 2 + t.n * 2)
    else interval '0'
  end as arrive_ago
) s;

-- Receipts (120) and outflows (200), 15 °C volumes computed with Table 54B ---------------------------
insert into public.receptions (citerne_id, cours_de_route_id, date_reception, volume_ambiant, volume_15c,
  temperature_c, densite_15c, calc_version)
select c.id, null, now() - make_interval(hours => r.n * 11), m.volume, public.volume_15c_table_54b(m.volume, m.densite, m.temperature),
  m.temperature, m.densite, 'calc-2.3.0'
from generate_series(1, 120) as r (n)
join public.citernes c on c.code = 'T' || lpad((1 + r.n % 12)::text, 2, '0')
join public.produits p on p.id = c.produit_id
cross join lateral (
  select 20000 + (abs(hashtext('rv' || r.n)) % 20) * 1000 as volume,
    22 + (abs(hashtext('rt' || r.n)) % 120) / 10.0 as temperature,
    p.densite_15c_reference + ((abs(hashtext('rd' || r.n)) % 60) - 30) / 10.0 as densite
) m;

insert into public.sorties_produit (citerne_id, date_sortie, beneficiaire, volume_ambiant, volume_15c,
  temperature_c, densite_15c, calc_version)
select c.id, now() - make_interval(hours => o.n * 7),
  (array['Station Plateau', 'Station Yopougon', 'Aéroport FHB', 'Centrale Azito', 'Station Bouaké'])[1 + o.n % 5],
  m.volume, public.volume_15c_table_54b(m.volume, m.densite, m.temperature), m.temperature, m.densite, 'calc-2.3.0'
from generate_series(1, 200) as o (n)
join public.citernes c on c.code = 'T' || lpad((1 + (o.n * 5) % 12)::text, 2, '0')
join public.produits p on p.id = c.produit_id
cross join lateral (
  select 5000 + (abs(hashtext('sv' || o.n)) % 30) * 500 as volume,
    20 + (abs(hashtext('st' || o.n)) % 150) / 10.0 as temperature,
    p.densite_15c_reference + ((abs(hashtext('sd' || o.n)) % 40) - 20) / 10.0 as densite
) m;

-- Bouaké's feed went quiet four days ago: its last receipts were recorded then (FEED_SILENT).
insert into public.receptions (citerne_id, cours_de_route_id, date_reception, volume_ambiant, volume_15c,
  temperature_c, densite_15c, calc_version, created_at)
select 'c1000000-0000-4000-8000-000000000101', null, now() - interval '4 days' - make_interval(days => r.n * 3),
  30000, public.volume_15c_table_54b(30000, 839.0, 27.0), 27.0, 839.0, 'calc-2.3.0',
  now() - interval '4 days' - make_interval(days => r.n * 3)
from generate_series(0, 3) as r (n);

-- The 15 °C anomalies (fixed ids, so tests can find them) and one deviation within tolerance.
insert into public.receptions (id, citerne_id, cours_de_route_id, date_reception, volume_ambiant, volume_15c,
  temperature_c, densite_15c, calc_version)
values
  ('ec000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', null, now() - interval '2 days',
    36000, round(public.volume_15c_table_54b(36000, 841.5, 31.2) * 1.012, 3), 31.2, 841.5, 'calc-2.3.0'),
  ('ec000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-000000000004', null, now() - interval '5 days',
    33000, round(public.volume_15c_table_54b(33000, 744.2, 29.8) * 0.990, 3), 29.8, 744.2, 'calc-2.3.0'),
  ('ec000000-0000-4000-8000-000000000004', 'c1000000-0000-4000-8000-000000000007', null, now() - interval '3 days',
    30000, round(public.volume_15c_table_54b(30000, 801.0, 27.5) * 1.003, 3), 27.5, 801.0, 'calc-2.3.0');

insert into public.sorties_produit (id, citerne_id, date_sortie, beneficiaire, volume_ambiant, volume_15c,
  temperature_c, densite_15c, calc_version)
values
  ('ec000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-000000000002', now() - interval '1 day',
    'Station Plateau', 12000, round(public.volume_15c_table_54b(12000, 838.0, 33.0) * 1.008, 3), 33.0, 838.0, 'calc-2.3.0');

-- Alert history: the last month's anomalies, already handled (acknowledged by the admin or the
-- directeur, resolved by the directeur with a reason and a note, the condition cleared), so the overview's trend
-- and mean times have something to show. Each alert goes through its life step by step (opened,
-- acknowledged, cleared, resolved) so the audit ledger records each step at its own time. All end
-- RESOLVED and cleared: none is active, and none blocks the sync from opening today's alerts.
create temporary table seed_alert_history as
select gen_random_uuid() as id, h.*,
  case when h.n % 3 = 0 then '00000000-0000-4000-8000-000000000002'::uuid else '00000000-0000-4000-8000-000000000001'::uuid end as acked_by,
  (array['Vu, vérification en cours.', null, 'Équipe de quai prévenue.', 'Contrôle demandé au chef de dépôt.'])[1 + h.n % 4] as ack_note,
  (array['Erreur de saisie corrigée dans le livre de stock.', 'Jaugeage refait : écart expliqué par la température.',
    'Camion déchargé, bon de réception saisi.', 'Recalcul à 15 °C effectué avec la bonne densité.'])[1 + h.n % 4] as resolution_note,
  (array['fixed_at_source', 'expected_behaviour', 'fixed_at_source', 'fixed_at_source'])[1 + h.n % 4] as resolution_reason
from (
  select t.n, t.check_code, t.severity, t.entity_type, t.entity_id, t.message, t.details,
    now() - make_interval(hours => 20 * t.n + 2) as first_seen,
    now() - make_interval(hours => 20 * t.n + 2) + make_interval(mins => 20 + (t.n * 37) % 300) as acked,
    now() - make_interval(hours => 20 * t.n + 2) + make_interval(mins => 20 + (t.n * 37) % 300)
      + make_interval(hours => 2 + (t.n * 13) % 40) as resolved,
    now() - make_interval(hours => 20 * t.n + 2) + make_interval(mins => 20 + (t.n * 37) % 300)
      + make_interval(hours => 1 + (t.n * 13) % 40) as cleared
  from (
    select r.n,
      'ECART_15C' as check_code, 'WARN' as severity, 'reception' as entity_type, r.id::text as entity_id,
      format('Réception du %s, citerne %s : écart de volume à 15 °C au-delà de la tolérance', to_char(r.date_reception, 'DD/MM/YYYY'), c.code) as message,
      jsonb_build_object('citerne', c.code, 'volume_ambiant', r.volume_ambiant) as details
    from (select (row_number() over (order by date_reception desc) * 4 - 3)::int as n, * from public.receptions
          where id::text not like 'ec000000%') r
    join public.citernes c on c.id = r.citerne_id
    where r.n <= 36
    union all
    select d.n, 'CDR_ARRIVE_STALE', 'WARN', 'cours_de_route', d.id::text,
      format('Camion %s arrivé, non déchargé au-delà du seuil', d.immatriculation),
      jsonb_build_object('immatriculation', d.immatriculation, 'transporteur', d.transporteur)
    from (select (row_number() over (order by date_arrivee desc) * 4 - 2)::int as n, * from public.cours_de_route
          where statut = 'DECHARGE') d
    where d.n <= 36
    union all
    select t.n, case when t.n % 8 = 3 then 'STOCK_OVER_CAPACITY' else 'STOCK_NEGATIF' end, 'CRITICAL', 'citerne', t.id::text,
      format('Citerne %s : %s', t.code, case when t.n % 8 = 3 then 'stock au-delà de la capacité totale' else 'stock négatif dans le livre de stock' end),
      jsonb_build_object('citerne', t.code)
    from (select (row_number() over (order by code) * 4 - 1)::int as n, * from public.citernes
          where code in ('T01', 'T02', 'T04', 'T06', 'T07', 'T10', 'T12')) t
    where t.n <= 36
    union all
    -- T05 was negative once before: today's alert on it is its second occurrence (« récidive n° 1 »).
    select 30, 'STOCK_NEGATIF', 'CRITICAL', 'citerne', c.id::text,
      format('Citerne %s : stock négatif dans le livre de stock', c.code), jsonb_build_object('citerne', c.code)
    from public.citernes c where c.code = 'T05'
  ) t
) h
where h.resolved < now();

insert into public.system_alerts (id, fingerprint, check_code, severity, entity_type, entity_id, message, details,
  status, first_seen_at, last_seen_at, created_at)
select h.id, h.check_code || ':' || h.entity_type || ':' || h.entity_id, h.check_code, h.severity, h.entity_type,
  h.entity_id, h.message, h.details, 'OPEN', h.first_seen, h.cleared, h.first_seen
from seed_alert_history h order by h.first_seen;

update public.system_alerts a set status = 'ACK', acknowledged_at = h.acked, acknowledged_by = h.acked_by, ack_note = h.ack_note
from seed_alert_history h where a.id = h.id;

update public.system_alerts a set cleared_at = h.cleared
from seed_alert_history h where a.id = h.id;

update public.system_alerts a set status = 'RESOLVED', resolved_at = h.resolved,
  resolved_by = '00000000-0000-4000-8000-000000000002', resolution_note = h.resolution_note,
  resolution_reason = h.resolution_reason
from seed_alert_history h where a.id = h.id;

drop table seed_alert_history;

-- A maintenance window planned by the directeur: T02's gauge is recalibrated the day after tomorrow,
-- so an over-capacity reading during it would be expected (upcoming: it silences nothing yet).
insert into public.alert_silences (check_code, entity_type, entity_id, starts_at, ends_at, reason, created_by, created_at)
select 'STOCK_OVER_CAPACITY', 'citerne', c.id::text, date_trunc('day', now()) + interval '2 days 8 hours',
  date_trunc('day', now()) + interval '2 days 18 hours',
  'Étalonnage de la jauge de T02 par le prestataire : lectures de niveau non fiables pendant l’intervention.',
  '00000000-0000-4000-8000-000000000002', now()
from public.citernes c where c.code = 'T02';
