import { z } from 'zod';

export const COMPONENT_STATUSES = ['OK', 'DRIFT', 'STALE', 'UNKNOWN'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** One row of `public.v_component_versions` (migration 20261125130000). */
export const componentVersionSchema = z
  .object({
    component: z.string().min(1),
    source: z.enum(['database', 'client']),
    match_rule: z.enum(['exact', 'minimum']),
    expected_version: z.string().min(1),
    running_version: z.string().nullable(),
    last_reported_at: z.iso.datetime({ offset: true }).nullable(),
    reported_by_name: z.string().nullable(),
    reporter_role: z.string().nullable(),
    version_report_stale_hours: z.coerce.number().positive(),
    status: z.enum(COMPONENT_STATUSES),
    description: z.string(),
  })
  .transform((row) => ({
    component: row.component,
    source: row.source,
    matchRule: row.match_rule,
    expectedVersion: row.expected_version,
    runningVersion: row.running_version,
    lastReportedAt: row.last_reported_at,
    reportedByName: row.reported_by_name,
    reporterRole: row.reporter_role,
    staleAfterHours: row.version_report_stale_hours,
    status: row.status,
    description: row.description,
  }));
export type ComponentVersion = z.output<typeof componentVersionSchema>;

/** `public.applied_schema_version()`: null when the migration history is empty. */
export const appliedSchemaSchema = z
  .object({ version: z.string().min(1), name: z.string().nullable(), applied_count: z.number().int().nonnegative() })
  .nullable()
  .transform((row) => (row ? { version: row.version, name: row.name, appliedCount: row.applied_count } : null));
export type AppliedSchema = z.output<typeof appliedSchemaSchema>;

/**
 * One row of `public.applied_migrations()`: a migration recorded in the CLI's history and when the
 * sync first saw it applied (null until the next sync; for the migrations applied before that
 * tracking began, the latest it can have been applied).
 */
export const appliedMigrationSchema = z
  .object({
    version: z.string().regex(/^[0-9]{14}$/),
    name: z.string().nullable(),
    first_seen_at: z.iso.datetime({ offset: true }).nullable(),
    seen_before_tracking: z.boolean().nullable(),
  })
  .transform((row) => ({
    version: row.version,
    name: row.name,
    seenAt: row.first_seen_at,
    seenBeforeTracking: row.seen_before_tracking ?? false,
  }));
export type AppliedMigration = z.output<typeof appliedMigrationSchema>;

/** One row of `public.v_calc_version_coverage`. */
export const calcCoverageSchema = z
  .object({
    entity_type: z.enum(['reception', 'sortie_produit']),
    current_calc_version: z.string().min(1),
    calc_coverage_days: z.number().int().positive(),
    total: z.number().int().nonnegative(),
    current_count: z.number().int().nonnegative(),
    override_count: z.number().int().nonnegative(),
    versions: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  })
  .transform((row) => ({
    entityType: row.entity_type,
    currentCalcVersion: row.current_calc_version,
    days: row.calc_coverage_days,
    total: row.total,
    currentCount: row.current_count,
    overrideCount: row.override_count,
    versions: row.versions ?? {},
  }));
export type CalcCoverage = z.output<typeof calcCoverageSchema>;

/** One row of `public.v_calc_version_overrides`. */
export const calcOverrideSchema = z
  .object({
    entity_type: z.enum(['reception', 'sortie_produit']),
    id: z.string().min(1),
    moved_at: z.iso.datetime({ offset: true }),
    citerne: z.string(),
    calc_version: z.string(),
    current_calc_version: z.string(),
  })
  .transform((row) => ({
    entityType: row.entity_type,
    id: row.id,
    movedAt: row.moved_at,
    citerne: row.citerne,
    calcVersion: row.calc_version,
  }));
export type CalcOverride = z.output<typeof calcOverrideSchema>;
