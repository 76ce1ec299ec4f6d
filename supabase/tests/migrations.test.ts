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

/** Migrations from this version on follow the naming and `-- Replaces:` rules (older ones predate them). */
const RULES_FROM_VERSION = '20261202000000';
const VERBS = [
  'create',
  'replace',
  'alter',
  'add',
  'drop',
  'rename',
  'aggregate',
  'index',
  'grant',
  'revoke',
  'remove',
  'split',
  'backfill',
];

describe('migration style', () => {
  it('names each new migration <verb>_<object>', async () => {
    for (const { file, version, name } of await migrationFiles()) {
      if (version < RULES_FROM_VERSION) continue;
      expect(name, file).toMatch(new RegExp(`^(${VERBS.join('|')})_[a-z0-9]+(_[a-z0-9]+)*$`));
    }
  });

  it('starts a migration that redefines an existing function or view with a `-- Replaces:` line naming it', async () => {
    const files = await migrationFiles();
    const texts = new Map<string, string>();
    for (const { file } of files) texts.set(file, (await readFile(path.join(migrationsDir, file), 'utf8')).toLowerCase());
    const created = (sql: string, object: string) =>
      new RegExp(`create\\s+(or\\s+replace\\s+)?(function|view|materialized\\s+view)\\s+${object.replace('.', '\\.')}\\s*[(\\s]`).test(
        sql,
      );
    let checked = 0;
    for (const [index, { file, version }] of files.entries()) {
      if (version < RULES_FROM_VERSION) continue;
      const sql = texts.get(file)!;
      const redefined = [
        ...sql.matchAll(
          /(?:create\s+or\s+replace|drop)\s+(?:function|view|materialized\s+view)\s+(?:if\s+exists\s+)?([a-z_]+\.[a-z0-9_]+)/g,
        ),
      ]
        .map((match) => match[1]!)
        .filter((object) => files.slice(0, index).some((earlier) => created(texts.get(earlier.file)!, object)));
      const firstLine = sql.split('\n', 1)[0]!;
      for (const object of new Set(redefined)) {
        checked += 1;
        expect(firstLine, `${file} redefines ${object}`).toMatch(/^-- replaces: /);
        expect(firstLine, `${file} redefines ${object}`).toContain(object);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
