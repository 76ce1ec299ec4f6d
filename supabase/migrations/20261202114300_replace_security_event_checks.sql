-- Replaces: private.security_event_checks() (20261202110000_add_check_families.sql)
--
-- Security events as findings, in the same pipeline as every other check (check → alert →
-- workflow → ledger):
--   * AUTH_FAILURE_SPIKE — refused sign-ins (wrong passwords and attempts while the gate was shut,
--     private.sign_in_refusals) within governance_settings.auth_failure_window_minutes: per
--     account at auth_failures_per_account (WARN: someone is guessing one password), and for all
--     e-mail addresses together at auth_failures_overall (CRITICAL: a campaign). Attempts on e-mail
--     addresses that match no account count in the overall figure only, never named.
--   * RULES_DISAGREE (CRITICAL) — actions the console allowed and the database refused
--     (security_audit_logs kind rules_disagree, reported by the console's server), per (action,
--     rule) seen within rules_disagree_window_minutes, with the count and the last occurrence.
--   * SEC_ANON_PROBE_ROWS (CRITICAL) — a relation from which the scheduled anon probe read rows
--     (private.anon_probe_results), named with its row count.
-- Each clears by itself once its evidence leaves the window (or the probe reads nothing again); the
-- alert stays for a human to resolve. Bounded reads only: the refusal counters hold the window's
-- minutes, the disagreements an index range of a window, the probe one row per exposed relation.

alter table public.governance_settings
  add column rules_disagree_window_minutes integer not null default 60
    constraint governance_settings_rules_disagree_window_minutes_check check (rules_disagree_window_minutes between 1 and 10080);

comment on column public.governance_settings.rules_disagree_window_minutes is
  'RULES_DISAGREE: an action the database refused although the console allowed it stays detected this many minutes after its last occurrence.';

create or replace function private.security_event_checks()
returns table (check_code text, severity text, entity_type text, entity_id text, message text, details jsonb)
language sql
stable
security definer
set search_path = ''
as $$
  with settings as materialized (
    select g.auth_failure_window_minutes, g.auth_failures_per_account, g.auth_failures_overall,
      g.rules_disagree_window_minutes, g.depot_time_zone,
      now() - make_interval(mins => g.auth_failure_window_minutes) as auth_since,
      now() - make_interval(mins => g.rules_disagree_window_minutes) as rules_since
    from public.governance_settings g
    where g.id
  ), refusals as materialized (
    select r.account_id, sum(r.failures)::integer as failures, sum(r.throttled)::integer as throttled,
      max(r.minute) as last_minute
    from private.sign_in_refusals r
    where r.minute > (select s.auth_since from settings s)
    group by r.account_id
  ), overall as (
    select sum(f.failures + f.throttled)::integer as refused, sum(f.failures)::integer as failures,
      sum(f.throttled)::integer as throttled,
      count(*) filter (where f.account_id <> '00000000-0000-0000-0000-000000000000')::integer as accounts,
      coalesce(sum(f.failures + f.throttled) filter (where f.account_id = '00000000-0000-0000-0000-000000000000'), 0)::integer
        as unknown_refused,
      max(f.last_minute) as last_minute
    from refusals f
  ), disagreements as (
    select coalesce(l.details ->> 'action', 'burst') as action, coalesce(l.details ->> 'rule', 'burst') as rule,
      string_agg(distinct l.details ->> 'sqlstate', ', ' order by l.details ->> 'sqlstate') as sqlstates,
      sum(l.occurrences)::integer as occurrences, min(l.occurred_at) as first_at, max(l.last_occurred_at) as last_at,
      count(distinct l.actor_id)::integer as actors,
      string_agg(distinct l.actor_role, ', ' order by l.actor_role) as roles
    from public.security_audit_logs l
    where l.kind = 'rules_disagree' and l.last_occurred_at > (select s.rules_since from settings s)
    group by 1, 2
  )
  select 'AUTH_FAILURE_SPIKE'::text, 'WARN'::text, 'account'::text, f.account_id::text,
    format('Compte %s (%s) : %s connexions refusées en %s min (%s mots de passe erronés, %s tentatives bloquées), seuil %s — dernière vers %s',
      u.email, coalesce(p.nom_complet || ', ' || p.role, 'sans profil'), f.failures + f.throttled, s.auth_failure_window_minutes,
      f.failures, f.throttled, s.auth_failures_per_account,
      to_char(f.last_minute at time zone s.depot_time_zone, 'DD/MM/YYYY HH24:MI')),
    jsonb_build_object('compte', u.email, 'role', p.role, 'connexions_refusees', f.failures + f.throttled,
      'mots_de_passe_errones', f.failures, 'tentatives_bloquees', f.throttled, 'derniere_tentative', f.last_minute,
      'fenetre_minutes', s.auth_failure_window_minutes, 'seuil', s.auth_failures_per_account)
  from refusals f
  cross join settings s
  join auth.users u on u.id = f.account_id
  left join public.profils p on p.user_id = u.id
  where f.account_id <> '00000000-0000-0000-0000-000000000000'
    and f.failures + f.throttled >= s.auth_failures_per_account
  union all
  select 'AUTH_FAILURE_SPIKE', 'CRITICAL', 'account', 'overall',
    format('Connexions refusées, tous comptes : %s en %s min, seuil %s (%s mots de passe erronés, %s tentatives bloquées ; comptes existants visés : %s ; tentatives sur des adresses inconnues : %s) — dernière vers %s',
      o.refused, s.auth_failure_window_minutes, s.auth_failures_overall, o.failures, o.throttled, o.accounts, o.unknown_refused,
      to_char(o.last_minute at time zone s.depot_time_zone, 'DD/MM/YYYY HH24:MI')),
    jsonb_build_object('connexions_refusees', o.refused, 'mots_de_passe_errones', o.failures, 'tentatives_bloquees', o.throttled,
      'comptes_vises', o.accounts, 'adresses_inconnues_refusees', o.unknown_refused, 'derniere_tentative', o.last_minute,
      'fenetre_minutes', s.auth_failure_window_minutes, 'seuil', s.auth_failures_overall)
  from overall o
  cross join settings s
  where o.refused >= s.auth_failures_overall
  union all
  select 'RULES_DISAGREE', 'CRITICAL', 'console_action', d.action || ':' || d.rule,
    case when d.action = 'burst' then
      format('Désaccords console / base : plus de 100 événements distincts en 10 min, %s de plus repliés sans détail — dernier le %s',
        d.occurrences, to_char(d.last_at at time zone s.depot_time_zone, 'DD/MM/YYYY HH24:MI'))
    else
      format('Action « %s » autorisée par la console mais refusée par la base (règle %s, SQLSTATE %s) : %s fois depuis le %s, dernière le %s (%s compte%s : %s)',
        d.action, d.rule, d.sqlstates, d.occurrences,
        to_char(d.first_at at time zone s.depot_time_zone, 'DD/MM/YYYY HH24:MI'),
        to_char(d.last_at at time zone s.depot_time_zone, 'DD/MM/YYYY HH24:MI'),
        d.actors, case when d.actors > 1 then 's' else '' end,
        coalesce(d.roles, 'rôle inconnu'))
    end,
    jsonb_build_object('action', d.action, 'regle', d.rule, 'sqlstate', d.sqlstates, 'occurrences', d.occurrences,
      'premiere_occurrence', d.first_at, 'derniere_occurrence', d.last_at, 'comptes', d.actors, 'roles', d.roles,
      'fenetre_minutes', s.rules_disagree_window_minutes)
  from disagreements d
  cross join settings s
  union all
  select 'SEC_ANON_PROBE_ROWS', 'CRITICAL', a.relation_kind, a.relation_schema || '.' || a.relation_name,
    -- No probe time here: the probe runs every minute, and the alert's last_seen_at already says it
    -- (a time in the message would rewrite the alert at every sync).
    format('La clé anon lit %s ligne%s de %s.%s (%s) par l''API : la sonde anonyme planifiée les a reçues sans session',
      a.row_count, case when a.row_count > 1 then 's' else '' end, a.relation_schema, a.relation_name,
      case a.relation_kind when 'view' then 'vue' when 'materialized_view' then 'vue matérialisée'
        when 'foreign_table' then 'table étrangère' else 'table' end),
    jsonb_build_object('relation', a.relation_schema || '.' || a.relation_name, 'lignes_lisibles', a.row_count)
  from private.anon_probe_results a
  where a.outcome = 'rows';
$$;
