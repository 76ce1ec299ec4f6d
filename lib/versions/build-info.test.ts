import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_VERSION, SCHEMA_MIGRATION_NAME, SCHEMA_VERSION } from './build-info';

const root = path.resolve(import.meta.dirname, '../..');

describe('build info (run `node scripts/stamp-build-info.mjs` when this fails)', () => {
  it('states the schema version of the newest migration in supabase/migrations', () => {
    const newest = readdirSync(path.join(root, 'supabase/migrations'))
      .filter((file) => file.endsWith('.sql'))
      .sort()
      .at(-1);
    expect(`${SCHEMA_VERSION}_${SCHEMA_MIGRATION_NAME}.sql`).toBe(newest);
  });

  it('states the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(CONSOLE_VERSION).toBe(pkg.version);
  });
});
