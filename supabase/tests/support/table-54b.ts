/**
 * ASTM D1250 Table 54B written out independently of the SQL, from DESIGN.md §2.1, to check
 * `public.vcf_table_54b` against. Returns the unrounded factor, or null outside the table's range
 * (610.5–1075 kg/m³).
 */
export function vcfTable54b(density15: number, temperatureC: number): number | null {
  if (density15 < 610.5 || density15 > 1075) return null;
  const rho2 = density15 * density15;
  let alpha: number;
  if (density15 < 770)
    alpha = 346.4228 / rho2 + 0.4388 / density15; // gasolines
  else if (density15 < 778)
    alpha = -0.00336312 + 2680.3206 / rho2; // transition zone
  else if (density15 < 839)
    alpha = 594.5418 / rho2; // jet fuels, kerosenes
  else alpha = 186.9696 / rho2 + 0.48618 / density15; // fuel oils, diesel
  const dt = temperatureC - 15;
  return Math.exp(-alpha * dt * (1 + 0.8 * alpha * dt));
}
