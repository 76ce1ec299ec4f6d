import { CONSOLE_VERSION, SCHEMA_MIGRATION_NAME, SCHEMA_VERSION } from './build-info';

export type BuildInfo = {
  version: string;
  schemaVersion: string;
  schemaMigrationName: string;
  /** The git commit the build was made from (next.config.ts passes it), or null when unknown. */
  commit: string | null;
  /** When the build was made (ISO), or null when unknown. */
  builtAt: string | null;
};

/** What this console is: its version, the schema it was built for, and the build. */
export function getBuildInfo(): BuildInfo {
  const commit = process.env.CONSOLE_BUILD_COMMIT?.trim();
  const builtAt = process.env.CONSOLE_BUILT_AT?.trim();
  return {
    version: CONSOLE_VERSION,
    schemaVersion: SCHEMA_VERSION,
    schemaMigrationName: SCHEMA_MIGRATION_NAME,
    commit: commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit : null,
    builtAt: builtAt && !Number.isNaN(Date.parse(builtAt)) ? new Date(builtAt).toISOString() : null,
  };
}
