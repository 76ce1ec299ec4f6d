/**
 * Every migration file is recorded in supabase_migrations.schema_migrations as the Supabase CLI
 * records it: version and name from the file name, and the statements it ran, taken from the file.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, query } from './support/db';

afterAll(closeDb);

const migrationsDir = path.resolve(import.meta.dirname, '../migrations');

async function migrationFiles() {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const match = /^(\d{14})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`${file}: expected YYYYMMDDHHmmss_<verb>_<object>.sql`);
    return { file, version: match[1] as string, name: match[2] as string };
  });
}

type Recorded = { version: string; name: string | null; statements: string[] | null };

describe('migration history', () => {
  it('has one row per migration file, with the same version and name', async () => {
    const files = await migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    const recorded = await query<Recorded>(
      'select version, name, statements from supabase_migrations.schema_migrations order by version',
    );
    expect(recorded.map((r) => [r.version, r.name])).toEqual(files.map((f) => [f.version, f.name]));
  });

  it("records each migration's statements, taken in order from its file", async () => {
    for (const { file, version } of await migrationFiles()) {
      const [row] = await query<Recorded>(
        'select version, name, statements from supabase_migrations.schema_migrations where version = $1',
        [version],
      );
      const statements = row?.statements ?? [];
      expect(statements.length, file).toBeGreaterThan(0);
      const sql = await readFile(path.join(migrationsDir, file), 'utf8');
      let from = 0;
      for (const statement of statements) {
        expect(statement.trim(), file).not.toBe('');
        const at = sql.indexOf(statement, from);
        expect(at, `${file}: statement not found in order: ${statement.slice(0, 80)}`).toBeGreaterThanOrEqual(0);
        from = at + statement.length;
      }
    }
  });
});
