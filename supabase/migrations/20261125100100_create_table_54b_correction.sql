-- The volume correction factor to 15 °C of refined petroleum products, ASTM D1250 / API MPMS
-- Chapter 11.1 (1980), Table 54B "Generalized Products — Correction of Volume to 15 °C against
-- Density at 15 °C". The ECART_15C check recomputes each receipt's and outflow's 15 °C volume
-- with it.
--
--   Δt  = T − 15 °C
--   α15 = K0 / ρ15² + K1 / ρ15                     (the transition zone: α15 = A + B / ρ15²)
--   VCF = exp(−α15 · Δt · (1 + 0.8 · α15 · Δt))
--
--   zone                  ρ15 (kg/m³)          K0 / A          K1 / B
--   gasolines             [ρmin, 770)          346.4228        0.4388
--   transition            [770, 778)           −0.00336312     2680.3206
--   jet fuels, kerosenes  [778, 839)           594.5418        0
--   fuel oils, diesel     [839, 1075]          186.9696        0.48618
--
-- Reference: diesel ρ15 = 840 kg/m³ at 30 °C → VCF ≈ 0.9873. The table's published range starts at
-- 610.5 kg/m³; outside [610.5, 1075] the factor is undefined and the function returns null.

create function public.vcf_table_54b(densite_15c numeric, temperature_c numeric)
returns numeric
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  with alpha as (
    select case
      when densite_15c < 610.5 or densite_15c > 1075 then null
      when densite_15c < 770 then 346.4228 / (densite_15c * densite_15c) + 0.4388 / densite_15c
      when densite_15c < 778 then -0.00336312 + 2680.3206 / (densite_15c * densite_15c)
      when densite_15c < 839 then 594.5418 / (densite_15c * densite_15c)
      else 186.9696 / (densite_15c * densite_15c) + 0.48618 / densite_15c
    end as a,
    temperature_c - 15 as dt
  )
  select round(exp(-a * dt * (1 + 0.8 * a * dt)), 6) from alpha
$$;

comment on function public.vcf_table_54b(numeric, numeric) is
  'ASTM D1250 Table 54B volume correction factor to 15 °C, to 6 decimals (the printed table shows 4); null outside 610.5–1075 kg/m³.';

create function public.volume_15c_table_54b(volume_ambiant numeric, densite_15c numeric, temperature_c numeric)
returns numeric
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select round(volume_ambiant * public.vcf_table_54b(densite_15c, temperature_c), 3)
$$;

comment on function public.volume_15c_table_54b(numeric, numeric, numeric) is
  'Ambient volume corrected to 15 °C with ASTM D1250 Table 54B (litres, 3 decimals).';

-- Pure arithmetic, but the standard holds: the anon key reaches nothing.
revoke all on function public.vcf_table_54b(numeric, numeric) from public, anon;
revoke all on function public.volume_15c_table_54b(numeric, numeric, numeric) from public, anon;
grant execute on function public.vcf_table_54b(numeric, numeric) to authenticated, service_role;
grant execute on function public.volume_15c_table_54b(numeric, numeric, numeric) to authenticated, service_role;
