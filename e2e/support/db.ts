/**
 * Fixtures and checks for the browser tests, shared with the database tests: new anomalous rows
 * inserted as the superuser and synced, so each test acts on alerts of its own; and re-reads of the
 * database to prove what the browser did (or did not) change.
 */
export { closeDb, mustReadAlert, query, sync } from '../../supabase/tests/support/db';
export { withSetting } from '../../supabase/tests/support/settings';
export {
  activeAlertFor,
  BOUAKE_DEPOT_ID,
  createNegativeStockTank,
  createStaleTruck,
  openAlert,
  removeFixtures,
} from '../../supabase/tests/support/fixtures';

/** The code of a fixture tank, as its alert message shows it (`ZT-…`). */
export function tankCode(entityId: string): string {
  return `ZT-${entityId.slice(0, 8)}`;
}

/** The plate of a fixture truck, as its alert message shows it (`TEST-…-CI`). */
export function truckPlate(entityId: string): string {
  return `TEST-${entityId.slice(0, 6)}-CI`;
}

export const DEMO_USER_IDS = {
  admin: '00000000-0000-4000-8000-000000000001',
  directeur: '00000000-0000-4000-8000-000000000002',
  pca: '00000000-0000-4000-8000-000000000003',
  directeur2: '00000000-0000-4000-8000-000000000008',
} as const;
