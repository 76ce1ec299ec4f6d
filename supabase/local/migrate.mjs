/**
 * Applies supabase/migrations and supabase/seed.sql the way the Supabase CLI does (`db push`,
 * `db reset`): each pending migration in version order, in its own transaction, recorded in
 * `supabase_migrations.schema_migrations (version, name, statements)`; the seed once, recorded in
 * `supabase_migrations.seed_files (path, hash)`.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const migrationFileName = /^(\d{14})_(.+)\.sql$/;

/** A character that continues an identifier, a keyword or a number (PostgreSQL's `ident_cont`). */
const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uFFFF]/;

/**
 * Splits a SQL script into statements, honouring comments, quoted strings, quoted identifiers and
 * dollar-quoted bodies, so each statement can be recorded and reported on its own. Reads them as
 * PostgreSQL's lexer does (with standard_conforming_strings on): `--` and nested `/* *\/`
 * comments; `'…'` and `"…"` with doubled quotes, backslash escapes only in `E'…'`; `$$…$$` and
 * `$tag$…$tag$`, where a `$` that continues a word (`a$b`, `$1`) opens nothing. A statement that
 * is only comments and blanks is dropped; one left unterminated runs to the end of the script.
 * @param {string} sql
 * @returns {string[]}
 */
export function splitStatements(sql) {
  /** @type {string[]} */
  const statements = [];
  const dollarTag = /\$(?:[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF]*)?\$/y;
  /** The dollar-quote delimiter (`$$`, `$tag$`) at `at`, if one is there. */
  const dollarTagAt = (/** @type {number} */ at) => {
    dollarTag.lastIndex = at;
    return dollarTag.exec(sql)?.[0];
  };
  let start = 0;
  // Whether the statement so far holds anything but comments and blanks.
  let code = false;
  // Where the word (identifier, keyword, number) just read began; -1 after anything else.
  let wordStart = -1;
  let i = 0;
  while (i < sql.length) {
    const ch = /** @type {string} */ (sql[i]);
    const next = sql[i + 1];
    if (ch === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
      wordStart = -1;
    } else if (ch === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (sql[i] === "*" && sql[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
      wordStart = -1;
    } else if (ch === ";") {
      if (code) statements.push(sql.slice(start, i + 1).trim());
      i++;
      start = i;
      code = false;
      wordStart = -1;
    } else if (ch === "'" || ch === '"') {
      // E'…' (the E a word of its own): a backslash escapes the next character.
      const escapes = ch === "'" && wordStart === i - 1 && (sql[i - 1] === "E" || sql[i - 1] === "e");
      i++;
      while (i < sql.length) {
        if (escapes && sql[i] === "\\") i += 2;
        else if (sql[i] === ch && sql[i + 1] === ch) i += 2;
        else if (sql[i] === ch) break;
        else i++;
      }
      i++;
      code = true;
      wordStart = -1;
    } else {
      const tag = ch === "$" && wordStart === -1 ? dollarTagAt(i) : undefined;
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        i = end === -1 ? sql.length : end + tag.length;
      } else {
        if (WORD_CHAR.test(ch)) {
          if (wordStart === -1) wordStart = i;
        } else wordStart = -1;
        i++;
      }
      if (!/\s/.test(ch)) code = true;
    }
  }
  if (code) statements.push(sql.slice(start).trim());
  return statements;
}

/**
 * The migration files of a folder, in version order.
 * @param {string} migrationsDir
 * @returns {Promise<{version: string, name: string, file: string}[]>}
 */
export async function listMigrations(migrationsDir) {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith(".sql")).sort();
  return files.map((file) => {
    const [, version, name] = migrationFileName.exec(file) ?? [];
    if (!version || !name) {
      throw new Error(`supabase/migrations/${file}: the name must be <14-digit timestamp>_<name>.sql`);
    }
    return { version, name, file: path.join(migrationsDir, file) };
  });
}

export class MigrationError extends Error {}

/**
 * @param {import("pg").Client} client
 * @param {string} label what the statements come from, for the error
 * @param {string[]} statements
 */
async function runStatements(client, label, statements) {
  for (const statement of statements) {
    try {
      await client.query(statement);
    } catch (error) {
      const firstLine = statement.split("\n").find((line) => line.trim() && !line.trim().startsWith("--")) ?? "";
      throw new MigrationError(
        `${label} failed: ${error instanceof Error ? error.message : error}\n  in the statement starting with: ${firstLine.trim().slice(0, 120)}`,
      );
    }
  }
}

/**
 * Applies the platform surface, then every migration not yet recorded, then the seed if it has
 * never been loaded. Returns what it did.
 * @param {import("pg").Client} client connected as the superuser
 * @param {{ platformFile: string, migrationsDir: string, seedFile: string, projectRoot: string }} files
 * @returns {Promise<{ appliedNow: string[], seeded: boolean }>}
 */
export async function migrate(client, { platformFile, migrationsDir, seedFile, projectRoot }) {
  await runStatements(client, "supabase/local/platform.sql", [await readFile(platformFile, "utf8")]);

  /** @type {import("pg").QueryResult<{ version: string }>} */
  const recorded = await client.query("select version from supabase_migrations.schema_migrations");
  const applied = new Set(recorded.rows.map((r) => r.version));
  /** @type {string[]} */
  const appliedNow = [];
  for (const migration of await listMigrations(migrationsDir)) {
    if (applied.has(migration.version)) continue;
    const statements = splitStatements(await readFile(migration.file, "utf8"));
    await client.query("begin");
    try {
      await runStatements(client, `Migration ${path.basename(migration.file)}`, statements);
      await client.query("insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)", [
        migration.version,
        migration.name,
        statements,
      ]);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
    appliedNow.push(migration.version);
  }

  let seeded = false;
  const seedPath = path.relative(projectRoot, seedFile);
  const { rowCount } = await client.query("select 1 from supabase_migrations.seed_files where path = $1", [seedPath]);
  if (rowCount === 0) {
    const sql = await readFile(seedFile, "utf8");
    await client.query("begin");
    try {
      await runStatements(client, seedPath, splitStatements(sql));
      await client.query("insert into supabase_migrations.seed_files (path, hash) values ($1, $2)", [seedPath, createHash("sha256").update(sql).digest("hex")]);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
    seeded = true;
  }
  return { appliedNow, seeded };
}
