-- Replaces: private.sync_alerts_from_checks, private.format_litres, private.format_number, private.severity_rank, private.data_freshness_checks, private.security_findings
--
-- Earlier definitions: sync_alerts_from_checks (20261202100900), format_litres and format_number
-- (20261125100300), severity_rank (20261125100500), data_freshness_checks (20261202121100),
-- security_findings (20261125130100).
--
-- The sync at scale 100 (10k checks) spent its time in three places this migration removes:
-- * The message helpers ran as real function calls, ~4x the cost of their expression: a function
--   with a SET clause (search_path) is never inlined, and format_* were declared immutable around
--   to_char(), which is only stable, which also forbids inlining. They now have SQL-standard bodies
--   (RETURN ...): their names are bound when the function is created, so no caller's search_path
--   can redirect them, and the planner inlines them. The security posture check therefore no longer
--   asks a function with such a body to pin its search_path (SEC_FUNCTION_SEARCH_PATH_MUTABLE is
--   about names resolved at call time, which these do not have).
-- * The sync copied the checks into a temporary table, then indexed and analysed it; it is now
--   one statement whose data-modifying CTEs share the materialised checks (they all see the same
--   snapshot, and touch disjoint alerts: refreshed = detected and active, cleared = not detected,
--   opened = detected with no active or uncleared alert). work_mem is raised for it so the
--   de-duplicating sort of ~6 MB stays in memory.
-- * STOCK_JOURNAL_MISSING looked up every tank's last stock line; only the missing ones need it.
--
-- Measured at scale 100 (psql, same machine, interleaved): the sync 590 -> 400 ms, the view
-- 216 -> 180 ms (docs/benchmarks.md has the bench's figures).

create or replace function private.format_litres(value numeric)
returns text
language sql
stable
parallel safe
return replace(to_char(round(value), 'FM999,999,999,990'), ',', U&'\202F') || ' L';

create or replace function private.format_number(value numeric, decimals integer)
returns text
language sql
stable
parallel safe
return replace(
  to_char(round(value, decimals), 'FM999999990' || case when decimals > 0 then '.' || repeat('0', decimals) else '' end),
  '.', ',');

create or replace function private.severity_rank(severity text)
returns integer
language sql
immutable
parallel safe
return case severity when 'CRITICAL' then 3 when 'WARN' then 2 when 'INFO' then 1 else 0 end;

-- CREATE OR REPLACE keeps a function's settings: drop the old search_path explicitly.
alter function private.format_litres(numeric) reset all;
alter function private.format_number(numeric, integer) reset all;
alter function private.severity_rank(text) reset all;

CREATE OR REPLACE FUNCTION private.sync_alerts_from_checks()
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET work_mem TO '32MB'
AS $function$
declare
  started_at timestamptz := clock_timestamp();
  previous_run_at timestamptz;
  counts record;
  result jsonb;
begin
  -- public.sync_system_alerts() has checked the caller and holds the sync's lock.
  select s.last_run_at into previous_run_at from public.alert_sync_state s where s.id for update;

  with detected as materialized (
    select distinct on (fingerprint) *
    from (
      select c.check_code || ':' || c.entity_type || ':' || c.entity_id as fingerprint, c.*,
        private.severity_rank(c.severity) as rank
      from public.v_integrity_checks c
    ) checks
    order by fingerprint, rank desc
  ),
  -- Only what changed: the condition came back, or the severity worsened, or the message or the
  -- numbers differ. An unchanged alert is not written at all.
  refreshed_alerts as (
    update public.system_alerts a
    set last_seen_at = now(),
      cleared_at = null,
      severity = case when d.rank > a.severity_rank then d.severity else a.severity end,
      message = d.message,
      details = d.details
    from detected d
    where a.fingerprint = d.fingerprint
      and a.status in ('OPEN', 'ACK')
      and (a.cleared_at is not null
        or d.rank > a.severity_rank
        or a.message is distinct from d.message
        or a.details is distinct from d.details)
    returning 1
  ),
  -- Cleared: last seen by the previous run (or by its last change, if that is later).
  cleared_alerts as (
    update public.system_alerts a
    set cleared_at = now(),
      last_seen_at = greatest(a.last_seen_at, previous_run_at)
    where a.cleared_at is null
      and not exists (select 1 from detected d where d.fingerprint = a.fingerprint)
    returning 1
  ),
  opened_alerts as (
    insert into public.system_alerts
      (fingerprint, check_code, severity, entity_type, entity_id, message, details, first_seen_at, last_seen_at)
    select d.fingerprint, d.check_code, d.severity, d.entity_type, d.entity_id, d.message, d.details, now(), now()
    from detected d
    where not exists (
      select 1 from public.system_alerts a
      where a.fingerprint = d.fingerprint
        and (a.status in ('OPEN', 'ACK') or a.cleared_at is null)
    )
    order by d.fingerprint
    on conflict (fingerprint) where status in ('OPEN', 'ACK') do nothing
    returning 1
  )
  select (select count(*) from detected) as checks,
    (select count(*) from opened_alerts) as opened,
    (select count(*) from refreshed_alerts) as refreshed,
    (select count(*) from cleared_alerts) as cleared
  into counts;

  result := jsonb_build_object(
    'checks', counts.checks,
    'opened', counts.opened,
    'refreshed', counts.refreshed,
    'cleared', counts.cleared,
    'ran_at', now(),
    'duration_ms', round(extract(epoch from clock_timestamp() - started_at) * 1000)
  );
  update public.alert_sync_state s set last_run_at = now(), last_result = result where s.id;
  return result;
end;
$function$;

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
    -- The last line is looked up only for the tanks that miss one (a subquery in the select list
    -- runs after the filter; a lateral join ran it for every tank).
    select c.id, c.code, p.nom as produit, k.code as depot, k.expected_day, k.cutoff_hour,
      (select max(j.date_jour) from public.stocks_journaliers j where j.citerne_id = c.id) as last_day
    from public.citernes c
    join depot_clock k on k.id = c.depot_id and k.actif
    join public.produits p on p.id = c.produit_id
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

CREATE OR REPLACE FUNCTION private.security_findings()
 RETURNS TABLE(lint text, check_code text, level text, object_type text, object_name text, detail text, remediation text, metadata jsonb)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  with exposed as (
    select coalesce(
      nullif(array_remove(string_to_array(replace(coalesce(current_setting('pgrst.db_schemas', true), ''), ' ', ''), ','), ''), '{}'),
      array['public']) as schemas
  ),
  rels as (
    select c.oid, n.nspname as schema_name, c.relname as name, c.relkind, c.relrowsecurity as rls,
      c.reloptions, format('%I.%I', n.nspname, c.relname) as qualified
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    cross join exposed e
    where n.nspname = any (e.schemas)
      and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')
  ),
  policies as (
    select pol.oid, c.oid as table_oid, n.nspname as schema_name, c.relname as table_name, pol.polname as name,
      format('%I.%I.%I', n.nspname, c.relname, pol.polname) as qualified,
      case pol.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
        when 'd' then 'DELETE' else 'ALL' end as command,
      pol.polpermissive as permissive,
      case when pol.polroles = '{0}' then array['public']
        else array(select r.rolname::text from pg_catalog.pg_roles r where r.oid = any (pol.polroles) order by r.rolname)
      end as roles,
      pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) as qual,
      pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) as with_check
    from pg_catalog.pg_policy pol
    join pg_catalog.pg_class c on c.oid = pol.polrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema')
  ),
  funcs as (
    select p.oid, n.nspname as schema_name, p.proname as name, p.prosecdef as security_definer, p.proconfig,
      p.oid::regprocedure::text as signature, n.nspname = any (e.schemas) as exposed,
      -- A SQL-standard body (RETURN / BEGIN ATOMIC) binds its names when created, not when called.
      p.prosqlbody is not null as names_bound
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    cross join exposed e
    where p.prokind in ('f', 'p')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'auth', 'extensions', 'storage',
        'graphql', 'graphql_public', 'realtime', 'supabase_functions', 'supabase_migrations', 'vault', 'pgsodium',
        'pgsodium_masks', 'pgbouncer', 'cron', 'net', 'pgtle', 'repack', 'tiger', 'topology', 'net', '_realtime')
      and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
      and not exists (select 1 from pg_catalog.pg_depend d where d.objid = p.oid and d.deptype = 'e')
  ),
  findings as (
    -- rls_disabled_in_public: a table the API can reach, with no row level security at all.
    select 'rls_disabled_in_public' as lint, 'RLS_DISABLED_IN_PUBLIC' as check_code, 'ERROR' as level,
      'table' as object_type, r.qualified as object_name,
      format('La table %s est exposée par l’API sans sécurité au niveau des lignes (RLS) : tout rôle qui a un privilège sur elle lit ou modifie toutes ses lignes.', r.qualified) as detail,
      format('alter table %s enable row level security; puis une politique par commande et par public, « to authenticated ».', r.qualified) as remediation,
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0013_rls_disabled_in_public',
        'anon_select', pg_catalog.has_table_privilege('anon', r.oid, 'SELECT'),
        'authenticated_select', pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT')) as metadata
    from rels r
    where r.relkind in ('r', 'p') and not r.rls
      and (pg_catalog.has_table_privilege('anon', r.oid, 'SELECT,INSERT,UPDATE,DELETE')
        or pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT,INSERT,UPDATE,DELETE'))

    union all
    -- policy_exists_rls_disabled: policies written, but RLS off, so none of them applies.
    select 'policy_exists_rls_disabled', 'RLS_POLICY_EXISTS_RLS_DISABLED', 'ERROR', 'table', r.qualified,
      format('La table %s a des politiques (%s) mais la RLS n’est pas activée : elles ne s’appliquent pas.',
        r.qualified, (select string_agg(p.name, ', ' order by p.name) from policies p where p.table_oid = r.oid)),
      format('alter table %s enable row level security;', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0007_policy_exists_rls_disabled',
        'policies', (select jsonb_agg(p.name order by p.name) from policies p where p.table_oid = r.oid))
    from rels r
    where r.relkind in ('r', 'p') and not r.rls
      and exists (select 1 from policies p where p.table_oid = r.oid)

    union all
    -- rls_enabled_no_policy: RLS on and no policy: nobody but the owner and the service role sees a row.
    select 'rls_enabled_no_policy', 'RLS_ENABLED_NO_POLICY', 'INFO', 'table', r.qualified,
      format('La table %s a la RLS activée mais aucune politique : aucun utilisateur de l’API ne voit ses lignes.', r.qualified),
      'Ajouter les politiques nécessaires (une par commande et par public), ou retirer les privilèges si la table est interne.',
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0008_rls_enabled_no_policy')
    from rels r
    where r.relkind in ('r', 'p') and r.rls
      and not exists (select 1 from policies p where p.table_oid = r.oid)

    union all
    -- security_definer_view: a view that runs with its owner's rights, bypassing the caller's RLS.
    select 'security_definer_view', 'SEC_SECURITY_DEFINER_VIEW', 'ERROR', 'view', r.qualified,
      format('La vue %s s’exécute avec les droits de son propriétaire (security definer) : elle contourne la RLS de l’appelant.', r.qualified),
      format('alter view %s set (security_invoker = true);', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0010_security_definer_view',
        'reloptions', to_jsonb(r.reloptions))
    from rels r
    where r.relkind = 'v'
      and not (lower(coalesce(r.reloptions::text, '{}'))::text[]
        && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])
      and (pg_catalog.has_table_privilege('anon', r.oid, 'SELECT')
        or pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT'))

    union all
    -- function_search_path_mutable: a function resolving names through the caller's search_path.
    select 'function_search_path_mutable', 'SEC_FUNCTION_SEARCH_PATH_MUTABLE', 'WARN', 'function', f.signature,
      format('La fonction %s n’a pas de search_path fixé%s : un objet homonyme placé plus tôt dans le search_path de l’appelant peut détourner ses appels.',
        f.signature, case when f.security_definer then ' alors qu’elle est security definer' else '' end),
      format('alter function %s set search_path = '''';', f.signature),
      jsonb_build_object('schema', f.schema_name, 'name', f.name, 'security_definer', f.security_definer,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0011_function_search_path_mutable')
    from funcs f
    where not f.names_bound
      and not exists (select 1 from unnest(coalesce(f.proconfig, '{}')) c where c like 'search\_path=%')

    union all
    -- rls_policy_always_true: a permissive policy that lets every row through.
    select 'rls_policy_always_true', 'RLS_POLICY_ALWAYS_TRUE', 'WARN', 'policy', p.qualified,
      format('La politique %s (%s, rôles %s) est toujours vraie (%s) : elle n’exerce aucun contrôle.',
        p.qualified, p.command, array_to_string(p.roles, ', '),
        concat_ws(', ', case when p.qual = 'true' then 'using (true)' end,
          case when p.with_check = 'true' then 'with check (true)' end)),
      'Remplacer « true » par la condition réelle (rôle, propriétaire, dépôt…), ou supprimer la politique.',
      jsonb_build_object('schema', p.schema_name, 'table', p.table_name, 'policy', p.name, 'command', p.command,
        'roles', to_jsonb(p.roles), 'qual', p.qual, 'with_check', p.with_check,
        'docs', 'https://supabase.com/docs/guides/database/database-linter')
    from policies p
    cross join exposed e
    where p.schema_name = any (e.schemas) and p.permissive
      and (
        (p.command in ('UPDATE', 'DELETE', 'ALL') and p.qual = 'true')
        or (p.command in ('INSERT', 'UPDATE', 'ALL') and p.with_check = 'true')
        -- A read that lets every row through is a leak when anon can reach it.
        or (p.command = 'SELECT' and p.qual = 'true' and p.roles && array['public', 'anon'])
      )

    union all
    -- anon_security_definer_function_executable: the anon key can run code with its owner's rights.
    select 'anon_security_definer_function_executable', 'SEC_ANON_SECURITY_DEFINER_FUNCTION', 'WARN', 'function', f.signature,
      format('La fonction security definer %s est exécutable avec la clé anon (hors connexion) via /rest/v1/rpc.', f.signature),
      format('revoke execute on function %s from public, anon;', f.signature),
      jsonb_build_object('schema', f.schema_name, 'name', f.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0028_anon_security_definer_function_executable')
    from funcs f
    where f.exposed and f.security_definer
      and pg_catalog.has_function_privilege('anon', f.oid, 'EXECUTE')

    union all
    -- auth_users_exposed: a view over auth.users readable through the API (e-mails, metadata).
    select 'auth_users_exposed', 'SEC_AUTH_USERS_EXPOSED', 'ERROR', case r.relkind when 'm' then 'materialized_view' else 'view' end,
      r.qualified,
      format('La vue %s lit auth.users et est lisible par %s : les comptes (e-mails, métadonnées) sont exposés par l’API.',
        r.qualified, concat_ws(' et ',
          case when pg_catalog.has_table_privilege('anon', r.oid, 'SELECT') then 'anon' end,
          case when pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT') then 'authenticated' end)),
      format('revoke select on %s from anon, authenticated; ou ne lire que public.profils.', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name,
        'docs', 'https://supabase.com/docs/guides/database/database-linter?lint=0002_auth_users_exposed')
    from rels r
    where r.relkind in ('v', 'm')
      and (pg_catalog.has_table_privilege('anon', r.oid, 'SELECT')
        or pg_catalog.has_table_privilege('authenticated', r.oid, 'SELECT'))
      and exists (
        select 1
        from pg_catalog.pg_rewrite rw
        join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = rw.oid
        where rw.ev_class = r.oid and d.refobjid = 'auth.users'::regclass)
      and (r.relkind = 'm' or not (lower(coalesce(r.reloptions::text, '{}'))::text[]
        && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on']))

    union all
    -- This product's standard: zero policies granted to the `public` role (it includes anon).
    select 'policy_to_public_role', 'RLS_POLICY_TO_PUBLIC', 'ERROR', 'policy', p.qualified,
      format('La politique %s (%s) s’applique au rôle public, donc aussi à anon (clé anonyme) : %s.',
        p.qualified, p.command, coalesce('using (' || p.qual || ')', 'with check (' || p.with_check || ')', '—')),
      format('drop policy %I on %I.%I; puis la recréer « to authenticated » avec la condition de rôle.',
        p.name, p.schema_name, p.table_name),
      jsonb_build_object('schema', p.schema_name, 'table', p.table_name, 'policy', p.name, 'command', p.command,
        'qual', p.qual, 'with_check', p.with_check)
    from policies p
    where 'public' = any (p.roles)
      and p.schema_name not in ('auth', 'storage', 'realtime', 'supabase_functions', 'vault')

    union all
    -- This product's standard: anon holds no privilege on any exposed table or view.
    select 'anon_table_grant', 'SEC_ANON_TABLE_GRANT', 'WARN',
      case r.relkind when 'v' then 'view' when 'm' then 'materialized_view' when 'f' then 'foreign_table' else 'table' end,
      r.qualified,
      format('Le rôle anon (clé anonyme) détient %s sur %s : seule la RLS le sépare des données.',
        g.privileges, r.qualified),
      format('revoke all on %s from anon;', r.qualified),
      jsonb_build_object('schema', r.schema_name, 'name', r.name, 'privileges', to_jsonb(g.list), 'rls', r.rls)
    from rels r
    cross join lateral (
      select string_agg(distinct x.privilege_type, ', ' order by x.privilege_type) as privileges,
        array_agg(distinct x.privilege_type order by x.privilege_type) as list
      from pg_catalog.pg_class c,
        aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) x
      where c.oid = r.oid
        and x.grantee in (0, (select ro.oid from pg_catalog.pg_roles ro where ro.rolname = 'anon'))
    ) g
    where g.privileges is not null
  )
  select f.lint, f.check_code, f.level, f.object_type, f.object_name, f.detail, f.remediation, f.metadata
  from findings f
$function$;
