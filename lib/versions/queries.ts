import 'server-only';
import { z } from 'zod';
import { createClient } from '@/lib/supabase/server';
import { getBuildInfo, type BuildInfo } from './build';
import {
  appliedMigrationSchema,
  appliedSchemaSchema,
  calcCoverageSchema,
  calcOverrideSchema,
  componentVersionSchema,
  type AppliedMigration,
  type AppliedSchema,
  type CalcCoverage,
  type CalcOverride,
  type ComponentVersion,
} from './schemas';

export type VersionsPageData = {
  build: BuildInfo;
  appliedSchema: AppliedSchema;
  /** Every applied migration, newest first. */
  migrations: AppliedMigration[];
  components: ComponentVersion[];
  coverage: CalcCoverage[];
  overrides: CalcOverride[];
  /** Overrides beyond the first OVERRIDES_SHOWN, not listed. */
  moreOverrides: number;
  generatedAt: string;
};

export const OVERRIDES_SHOWN = 50;
const COMPONENT_ORDER = ['console', 'schema', 'operations-app'];

function fail(what: string, error: { code?: string } | null, cause?: unknown): never {
  throw new Error(`${what} failed (${error?.code ?? 'unexpected shape'})`, { cause: cause ?? error });
}

/**
 * Everything the versions page shows, read through the viewer's session (RLS and the functions'
 * role gates apply). IMPORTANT: throws on any database or shape error so the segment's error
 * boundary shows the designed error state; the raw error stays in the server log.
 */
export async function getVersionsPageData(): Promise<VersionsPageData> {
  const supabase = await createClient();
  const [schemaResult, migrationsResult, componentsResult, coverageResult, overridesResult] = await Promise.all([
    supabase.rpc('applied_schema_version'),
    supabase.rpc('applied_migrations'),
    supabase.from('v_component_versions').select('*'),
    supabase.from('v_calc_version_coverage').select('*').order('entity_type'),
    supabase
      .from('v_calc_version_overrides')
      .select('*', { count: 'exact' })
      .order('moved_at', { ascending: false })
      .limit(OVERRIDES_SHOWN),
  ]);
  if (schemaResult.error) fail('applied_schema_version', schemaResult.error);
  if (migrationsResult.error) fail('applied_migrations', migrationsResult.error);
  if (componentsResult.error) fail('v_component_versions', componentsResult.error);
  if (coverageResult.error) fail('v_calc_version_coverage', coverageResult.error);
  if (overridesResult.error) fail('v_calc_version_overrides', overridesResult.error);

  const appliedSchema = appliedSchemaSchema.safeParse(schemaResult.data);
  const migrations = z.array(appliedMigrationSchema).safeParse(migrationsResult.data);
  const components = z.array(componentVersionSchema).safeParse(componentsResult.data);
  const coverage = z.array(calcCoverageSchema).safeParse(coverageResult.data);
  const overrides = z.array(calcOverrideSchema).safeParse(overridesResult.data);
  if (!appliedSchema.success) fail('applied_schema_version', null, appliedSchema.error);
  if (!migrations.success) fail('applied_migrations', null, migrations.error);
  if (!components.success) fail('v_component_versions', null, components.error);
  if (!coverage.success) fail('v_calc_version_coverage', null, coverage.error);
  if (!overrides.success) fail('v_calc_version_overrides', null, overrides.error);

  const rank = (component: string) => {
    const index = COMPONENT_ORDER.indexOf(component);
    return index === -1 ? COMPONENT_ORDER.length : index;
  };
  return {
    build: getBuildInfo(),
    appliedSchema: appliedSchema.data,
    migrations: migrations.data,
    components: components.data.sort((a, b) => rank(a.component) - rank(b.component) || a.component.localeCompare(b.component)),
    coverage: coverage.data,
    overrides: overrides.data,
    moreOverrides: Math.max(0, (overridesResult.count ?? overrides.data.length) - overrides.data.length),
    generatedAt: new Date().toISOString(),
  };
}
