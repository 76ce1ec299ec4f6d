/**
 * The speed-ups of 20261125140000_speed_up_integrity_checks.sql change no result: the stored Table
 * 54B columns equal the functions, and ECART_15C names exactly the movements a full recomputation
 * names. (Timings live in `npm run bench`, never in tests.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, query } from './support/db';

afterAll(closeDb);

describe('stored Table 54B columns and the faster v_integrity_checks', () => {
  it('vcf_54b and volume_15c_attendu equal the functions on every movement', async () => {
    const rows = await query<{ n: string }>(`
      select count(*) as n from (
        select vcf_54b, volume_15c_attendu, densite_15c, temperature_c, volume_ambiant from public.receptions
        union all
        select vcf_54b, volume_15c_attendu, densite_15c, temperature_c, volume_ambiant from public.sorties_produit
      ) m
      where m.vcf_54b is distinct from public.vcf_table_54b(m.densite_15c, m.temperature_c)
        or m.volume_15c_attendu is distinct from public.volume_15c_table_54b(m.volume_ambiant, m.densite_15c, m.temperature_c)`);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('ECART_15C names the movements a full recomputation names, with the same numbers', async () => {
    const recomputed = await query<{ entity_id: string; ecart: string }>(`
      select m.id::text as entity_id, round(abs(m.volume_15c - e.expected) / e.expected * 100, 3)::text as ecart
      from (select id, volume_15c, volume_ambiant, densite_15c, temperature_c from public.receptions
            union all
            select id, volume_15c, volume_ambiant, densite_15c, temperature_c from public.sorties_produit) m
      cross join lateral (select public.volume_15c_table_54b(m.volume_ambiant, m.densite_15c, m.temperature_c) as expected) e
      where e.expected > 0
        and abs(m.volume_15c - e.expected) / e.expected * 100
          > (select ecart_15c_tolerance_pct from public.governance_settings where id)
      order by 1`);
    const view = await query<{ entity_id: string; ecart: string }>(`
      select entity_id, (details ->> 'ecart_pct') as ecart from public.v_integrity_checks
      where check_code = 'ECART_15C' order by 1`);
    expect(view.map((r) => [r.entity_id, Number(r.ecart)])).toEqual(recomputed.map((r) => [r.entity_id, Number(r.ecart)]));
    expect(view.length).toBeGreaterThan(0);
  });
});
