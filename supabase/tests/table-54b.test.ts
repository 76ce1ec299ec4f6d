/**
 * public.vcf_table_54b (ASTM D1250 Table 54B) through the API, against the standard's reference
 * value and an independent TypeScript transcription of DESIGN §2.1 (support/table-54b.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signedIn } from './support/clients';
import { vcfTable54b } from './support/table-54b';

let admin: SignedIn;

beforeAll(async () => {
  admin = await signedIn('admin');
});

async function vcf(densite_15c: number, temperature_c: number): Promise<number | null> {
  const { data, error } = await admin.client.rpc('vcf_table_54b', { densite_15c, temperature_c });
  expect(error).toBeNull();
  return data === null ? null : Number(data);
}

/** The SQL rounds to 6 decimals: it must be the exact factor rounded, so within half a unit. */
function expectSixDecimals(actual: number | null, exact: number | null): void {
  expect(actual).not.toBeNull();
  expect(exact).not.toBeNull();
  expect(Math.abs((actual as number) - (exact as number))).toBeLessThanOrEqual(0.5e-6 + 1e-12);
  // …and carries no more than 6 decimals.
  expect(Number((actual as number).toFixed(6))).toBe(actual);
}

describe('Table 54B volume correction factor', () => {
  it('diesel ρ15 = 840 kg/m³ at 30 °C gives the reference 0.9873', async () => {
    const value = await vcf(840, 30);
    expect(value).not.toBeNull();
    expect(Math.abs((value as number) - 0.9873)).toBeLessThanOrEqual(0.00005);
    expectSixDecimals(value, vcfTable54b(840, 30));
  });

  it('is exactly 1 at 15 °C', async () => {
    for (const density of [640, 745, 775, 800, 840, 960]) {
      expect(await vcf(density, 15)).toBe(1);
    }
  });

  it.each([
    ['gasoline', 745, 25],
    ['jet fuel', 800, 10],
    ['transition zone', 775, 30],
    ['fuel oil', 960, 45.5],
  ])('%s (ρ15 %s at %s °C) matches the formula to 6 decimals', async (_product, density, temperature) => {
    expectSixDecimals(await vcf(density, temperature), vcfTable54b(density, temperature));
  });

  it('is above 1 below 15 °C (jet at 10 °C) and below 1 above it', async () => {
    expect(await vcf(800, 10)).toBeGreaterThan(1);
    expect(await vcf(745, 25)).toBeLessThan(1);
  });

  it.each([
    [769.9, 30],
    [770, 30],
    [777.9, 30],
    [778, 30],
    [838.9, 30],
    [839, 30],
    [610.5, 30],
    [1075, 30],
  ])('uses the right zone at its boundary (ρ15 %s)', async (density, temperature) => {
    expectSixDecimals(await vcf(density, temperature), vcfTable54b(density, temperature));
  });

  it.each([[500], [610.4], [1075.1], [1100]])('is null outside the table’s density range (ρ15 %s)', async (density) => {
    expect(await vcf(density, 30)).toBeNull();
  });
});
