/**
 * Version arithmetic shared by the versions page and its tests. It mirrors the database's
 * `private.version_parts` / `private.version_satisfies` (migration 20261125130000): the numeric
 * parts of a version compare one by one ('calc-2.10.0' > 'calc-2.9.1'); a suffix is ignored.
 */
export function versionParts(version: string): number[] {
  const match = /[0-9]+(?:\.[0-9]+)*/.exec(version);
  return match ? match[0].split('.').map(Number) : [];
}

/** Negative when a < b, 0 when equal, positive when a > b (missing parts count as absent, not 0). */
export function compareVersions(a: string, b: string): number {
  const left = versionParts(a);
  const right = versionParts(b);
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return Math.sign(difference);
  }
  return Math.sign(left.length - right.length);
}

export type SchemaAlignment = 'OK' | 'DB_BEHIND' | 'DB_AHEAD' | 'UNKNOWN';

/**
 * The console against the database: built for schema `builtFor`, running against `applied`.
 * DB_BEHIND — migrations the console needs are missing (the incident this page exists for);
 * DB_AHEAD — the database moved on and this console build is older.
 */
export function schemaAlignment(builtFor: string, applied: string | null | undefined): SchemaAlignment {
  if (!applied) return 'UNKNOWN';
  const order = compareVersions(applied, builtFor);
  if (order === 0) return 'OK';
  return order < 0 ? 'DB_BEHIND' : 'DB_AHEAD';
}

/** Share as a percentage with at most one decimal, or null without data. */
export function coverageShare(current: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((current / total) * 1000) / 10;
}
