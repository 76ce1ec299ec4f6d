import { describe, expect, it } from 'vitest';
import { heatMapGrid, reviewSummarySchema } from './schemas';

describe('the heat map grid', () => {
  it('lists depots by code with the platform last, checks by code, and finds each cell', () => {
    const grid = heatMapGrid([
      { depot_code: null, check_code: 'SCHEMA_DRIFT', alerts: 1, critical: 1 },
      { depot_code: 'VRIDI', check_code: 'STOCK_NEGATIF', alerts: 7, critical: 7 },
      { depot_code: 'BOUAKE', check_code: 'FEED_SILENT', alerts: 2, critical: 2 },
      { depot_code: 'VRIDI', check_code: 'FEED_SILENT', alerts: 1, critical: 1 },
    ]);
    expect(grid.depots).toEqual(['BOUAKE', 'VRIDI', null]);
    expect(grid.checks).toEqual(['FEED_SILENT', 'SCHEMA_DRIFT', 'STOCK_NEGATIF']);
    expect(grid.at('VRIDI', 'FEED_SILENT')).toMatchObject({ alerts: 1 });
    expect(grid.at(null, 'SCHEMA_DRIFT')).toMatchObject({ alerts: 1 });
    expect(grid.at('BOUAKE', 'STOCK_NEGATIF')).toBeUndefined();
    expect(grid.max).toBe(7);
  });

  it('is empty without cells', () => {
    expect(heatMapGrid([])).toMatchObject({ depots: [], checks: [], max: 0 });
  });
});

describe('the summary as the database answers it', () => {
  it('refuses a shape it does not know instead of showing wrong figures', () => {
    expect(reviewSummarySchema.safeParse({ opened: 1 }).success).toBe(false);
  });
});
