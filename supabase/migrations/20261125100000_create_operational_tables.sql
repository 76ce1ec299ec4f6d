-- Operational tables of the depot (a faithful subset of the operations app, which writes them;
-- this console only reads them), the user profiles that carry each user's role, and the role
-- helpers every policy uses.
--
-- Access: governance roles (admin, directeur, pca) read operational data; every user reads their
-- own profile; anon reads nothing. Nobody writes through the API here: no insert/update/delete
-- policy exists, and the grants are narrowed to select.

create schema if not exists private;
comment on schema private is 'Helpers used by policies and views; not exposed through the API.';
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Depot data -------------------------------------------------------------------------------------
create table public.depots (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  nom text not null,
  created_at timestamptz not null default now()
);
alter table public.depots enable row level security;

create table public.produits (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  nom text not null,
  densite_15c_reference numeric(7, 2) check (densite_15c_reference between 600 and 1100),
  created_at timestamptz not null default now()
);
alter table public.produits enable row level security;
comment on column public.produits.densite_15c_reference is 'Typical density at 15 °C (kg/m³) of the product.';

create table public.citernes (
  id uuid primary key default gen_random_uuid(),
  depot_id uuid not null references public.depots (id),
  produit_id uuid not null references public.produits (id),
  code text not null,
  nom text not null,
  capacite_totale numeric(14, 3) not null check (capacite_totale > 0),
  capacite_securite numeric(14, 3) not null check (capacite_securite >= 0),
  created_at timestamptz not null default now(),
  unique (depot_id, code),
  check (capacite_securite <= capacite_totale)
);
alter table public.citernes enable row level security;
create index citernes_produit_id_idx on public.citernes (produit_id);
comment on column public.citernes.capacite_totale is 'Total capacity in litres (ambient).';
comment on column public.citernes.capacite_securite is 'Safe filling limit in litres (ambient).';

create table public.stocks_journaliers (
  id uuid primary key default gen_random_uuid(),
  citerne_id uuid not null references public.citernes (id),
  date_jour date not null,
  stock_ambiant numeric(14, 3) not null,
  stock_15c numeric(14, 3) not null,
  created_at timestamptz not null default now(),
  unique (citerne_id, date_jour)
);
alter table public.stocks_journaliers enable row level security;
-- The stock checks read each tank's latest line: (citerne_id, date_jour desc) serves that directly.
create index stocks_journaliers_latest_idx on public.stocks_journaliers (citerne_id, date_jour desc);
comment on table public.stocks_journaliers is 'Daily stock book per tank, in litres; a negative value is a booking error.';

create table public.cours_de_route (
  id uuid primary key default gen_random_uuid(),
  depot_id uuid not null references public.depots (id),
  produit_id uuid not null references public.produits (id),
  immatriculation text not null,
  transporteur text,
  volume_ambiant numeric(14, 3) not null check (volume_ambiant > 0),
  statut text not null check (statut in ('CHARGEMENT', 'TRANSIT', 'FRONTIERE', 'ARRIVE', 'DECHARGE')),
  date_chargement timestamptz not null,
  date_arrivee timestamptz,
  date_dechargement timestamptz,
  created_at timestamptz not null default now(),
  check (statut not in ('ARRIVE', 'DECHARGE') or date_arrivee is not null)
);
alter table public.cours_de_route enable row level security;
create index cours_de_route_arrive_idx on public.cours_de_route (date_arrivee) where statut = 'ARRIVE';
create index cours_de_route_depot_id_idx on public.cours_de_route (depot_id);
comment on table public.cours_de_route is 'Trucks en route to the depot, from loading to unloading.';

create table public.receptions (
  id uuid primary key default gen_random_uuid(),
  citerne_id uuid not null references public.citernes (id),
  cours_de_route_id uuid references public.cours_de_route (id),
  date_reception timestamptz not null,
  volume_ambiant numeric(14, 3) not null check (volume_ambiant > 0),
  volume_15c numeric(14, 3) not null check (volume_15c > 0),
  temperature_c numeric(5, 2) not null check (temperature_c between -20 and 70),
  densite_15c numeric(7, 2) not null check (densite_15c > 0),
  calc_version text not null,
  created_at timestamptz not null default now()
);
alter table public.receptions enable row level security;
create index receptions_citerne_id_idx on public.receptions (citerne_id, date_reception desc);
create index receptions_cours_de_route_id_idx on public.receptions (cours_de_route_id);
comment on column public.receptions.calc_version is 'Version of the calculation that produced volume_15c.';

create table public.sorties_produit (
  id uuid primary key default gen_random_uuid(),
  citerne_id uuid not null references public.citernes (id),
  date_sortie timestamptz not null,
  beneficiaire text,
  volume_ambiant numeric(14, 3) not null check (volume_ambiant > 0),
  volume_15c numeric(14, 3) not null check (volume_15c > 0),
  temperature_c numeric(5, 2) not null check (temperature_c between -20 and 70),
  densite_15c numeric(7, 2) not null check (densite_15c > 0),
  calc_version text not null,
  created_at timestamptz not null default now()
);
alter table public.sorties_produit enable row level security;
create index sorties_produit_citerne_id_idx on public.sorties_produit (citerne_id, date_sortie desc);

-- Profiles ---------------------------------------------------------------------------------------
create table public.profils (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references auth.users (id) on delete cascade,
  role text not null check (role in ('admin', 'directeur', 'pca', 'gerant', 'operateur', 'lecture')),
  nom_complet text not null check (char_length(nom_complet) between 1 and 200),
  depot_id uuid references public.depots (id),
  created_at timestamptz not null default now()
);
alter table public.profils enable row level security;
comment on table public.profils is 'One profile per user; role decides what the user may see and do.';
comment on column public.profils.user_id is 'The auth user. IMPORTANT: policies match profils.user_id = auth.uid(), never profils.id.';

-- Role helpers -----------------------------------------------------------------------------------
-- security definer: it reads profils without going through profils' own policy (which calls it),
-- and returns only the caller's own role.
create function private.current_profile_role()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p.role from public.profils p where p.user_id = auth.uid()
$$;

create function private.is_governance_reader()
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(private.current_profile_role() in ('admin', 'directeur', 'pca'), false)
$$;

create function private.can_act_on_alerts()
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(private.current_profile_role() in ('admin', 'directeur'), false)
$$;

revoke all on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- Grants and policies ----------------------------------------------------------------------------
revoke all on public.depots, public.produits, public.citernes, public.stocks_journaliers,
  public.cours_de_route, public.receptions, public.sorties_produit, public.profils
  from anon, authenticated;
grant select on public.depots, public.produits, public.citernes, public.stocks_journaliers,
  public.cours_de_route, public.receptions, public.sorties_produit, public.profils
  to authenticated;

-- Governance roles review every depot's data; the checks are computed from it.
create policy depots_select_governance on public.depots
  for select to authenticated using ((select private.is_governance_reader()));
create policy produits_select_governance on public.produits
  for select to authenticated using ((select private.is_governance_reader()));
create policy citernes_select_governance on public.citernes
  for select to authenticated using ((select private.is_governance_reader()));
create policy stocks_journaliers_select_governance on public.stocks_journaliers
  for select to authenticated using ((select private.is_governance_reader()));
create policy cours_de_route_select_governance on public.cours_de_route
  for select to authenticated using ((select private.is_governance_reader()));
create policy receptions_select_governance on public.receptions
  for select to authenticated using ((select private.is_governance_reader()));
create policy sorties_produit_select_governance on public.sorties_produit
  for select to authenticated using ((select private.is_governance_reader()));

-- Every user reads their own profile (the console reads the role from it on the server).
create policy profils_select_own on public.profils
  for select to authenticated using (user_id = (select auth.uid()));
-- Governance roles read every profile, to show who acknowledged and resolved alerts by name.
create policy profils_select_governance on public.profils
  for select to authenticated using ((select private.is_governance_reader()));
