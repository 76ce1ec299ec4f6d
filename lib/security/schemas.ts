import { z } from 'zod';

export const FINDING_LEVELS = ['ERROR', 'WARN', 'INFO'] as const;
export type FindingLevel = (typeof FINDING_LEVELS)[number];

/** One row of `public.security_posture_findings()` (migration 20261125130100). */
export const findingSchema = z
  .object({
    lint: z.string().min(1),
    check_code: z.string().min(1),
    level: z.enum(FINDING_LEVELS),
    object_type: z.string().min(1),
    object_name: z.string().min(1),
    detail: z.string(),
    remediation: z.string(),
    metadata: z.record(z.string(), z.json()).nullable(),
  })
  .transform((row) => ({
    lint: row.lint,
    checkCode: row.check_code,
    level: row.level,
    objectType: row.object_type,
    objectName: row.object_name,
    detail: row.detail,
    remediation: row.remediation,
    docs: typeof row.metadata?.docs === 'string' ? row.metadata.docs : null,
  }));
export type Finding = z.output<typeof findingSchema>;

const policyStateSchema = z
  .object({
    command: z.string(),
    permissive: z.boolean(),
    roles: z.array(z.string()),
    qual: z.string().nullable(),
    with_check: z.string().nullable(),
  })
  .transform((row) => ({
    command: row.command,
    permissive: row.permissive,
    roles: row.roles,
    qual: row.qual,
    withCheck: row.with_check,
  }));
export type PolicyState = z.output<typeof policyStateSchema>;

/** One row of `public.v_policy_changes`. */
export const policyChangeSchema = z
  .object({
    change: z.enum(['added', 'removed', 'modified']),
    schema_name: z.string(),
    table_name: z.string(),
    policy_name: z.string(),
    before: policyStateSchema.nullable(),
    after: policyStateSchema.nullable(),
  })
  .transform((row) => ({
    change: row.change,
    schemaName: row.schema_name,
    tableName: row.table_name,
    policyName: row.policy_name,
    before: row.before,
    after: row.after,
  }));
export type PolicyChange = z.output<typeof policyChangeSchema>;

/** One row of `public.policy_snapshots`. */
export const snapshotSchema = z
  .object({
    id: z.number().int(),
    taken_at: z.iso.datetime({ offset: true }),
    last_confirmed_at: z.iso.datetime({ offset: true }),
    policy_count: z.number().int().nonnegative(),
  })
  .transform((row) => ({ id: row.id, takenAt: row.taken_at, lastConfirmedAt: row.last_confirmed_at, policyCount: row.policy_count }));
export type Snapshot = z.output<typeof snapshotSchema>;

/** One row of `public.exposed_relations()`. */
export const exposedRelationSchema = z
  .object({ schema_name: z.string().min(1), name: z.string().min(1), kind: z.string().min(1) })
  .transform((row) => ({ schemaName: row.schema_name, name: row.name, kind: row.kind }));

/** Most severe first, then by rule and object: the order of the findings table. */
export function byLevel(a: Finding, b: Finding): number {
  return (
    FINDING_LEVELS.indexOf(a.level) - FINDING_LEVELS.indexOf(b.level) ||
    a.lint.localeCompare(b.lint) ||
    a.objectName.localeCompare(b.objectName)
  );
}

export function countByLevel(findings: Finding[]): Record<FindingLevel, number> {
  const counts: Record<FindingLevel, number> = { ERROR: 0, WARN: 0, INFO: 0 };
  for (const finding of findings) counts[finding.level] += 1;
  return counts;
}
