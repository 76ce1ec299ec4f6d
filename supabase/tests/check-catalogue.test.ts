/**
 * The check catalogue (lib/checks/catalogue.ts: each code's label and runbook) and the database
 * agree: every check code the database can emit has a runbook, and every runbook belongs to a code
 * the database emits — from the object the catalogue says computes it.
 *
 * How the codes the database can emit are found. A check code reaches the console only as an
 * alert, and alerts are written only by database functions (users and the API cannot insert them:
 * grants, RLS, and the system_alerts_refuse_api_insert trigger); today one function,
 * private.sync_alerts_from_checks(), and it copies rows of public.v_integrity_checks. So the scan
 * starts from that view and from every function whose code inserts into public.system_alerts, and
 * follows every function and view they name, transitively, reading their live definitions
 * (pg_get_viewdef, pg_proc.prosrc — what `npm run db:schema` writes to supabase/schema/). In that
 * text, outside comments, every whole string literal of a check code's shape (CHECK_CODE_PATTERN:
 * `STOCK_NEGATIF`, `RLS_POLICY_TO_PUBLIC`) is a code the database can emit. Today no other literal
 * of that shape exists in any function or view of the project's schemas, so the shape alone tells
 * codes from other words; a future literal of that shape that is not a check fails here, loudly,
 * and belongs in NOT_CHECK_CODES with a reason.
 *
 * What the scan cannot see: a code assembled at run time ('RLS_' || …) or read from a table. The
 * project writes codes as literals (the tests would not find them otherwise either), and the last
 * test is the net behind the scan: every code the view reports right now has a runbook.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_CODE_PATTERN, CHECK_CODES, CHECK_FAMILIES, checkEntry, isCheckCode } from '../../lib/checks/catalogue';
import { databaseUrl } from './support/env';

/** Literals of a check code's shape that are not check codes, each with its reason. None today. */
const NOT_CHECK_CODES: Record<string, string> = {};

const SCHEMAS = ['public', 'private', 'api_guard'];

type SqlText = { literals: string[]; code: string };

/**
 * A piece of SQL split into its string literals and the rest (comments dropped). Dollar-quoted
 * text counts as a literal and is read as SQL too (a format() template, a dynamic statement).
 */
function splitSql(text: string): SqlText {
  const literals: string[] = [];
  let code = '';
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('--')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (rest.startsWith('/*')) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (text[i] === "'" || (/[eE]/.test(text[i]!) && text[i + 1] === "'" && !/\w/.test(text[i - 1] ?? ''))) {
      const escapes = text[i] !== "'";
      let j = escapes ? i + 2 : i + 1;
      let value = '';
      while (j < text.length) {
        if (escapes && text[j] === '\\') {
          value += text[j + 1] ?? '';
          j += 2;
        } else if (text[j] === "'" && text[j + 1] === "'") {
          value += "'";
          j += 2;
        } else if (text[j] === "'") break;
        else value += text[j++];
      }
      literals.push(value);
      code += ' ';
      i = j + 1;
    } else if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      const stop = end === -1 ? text.length : end + 1;
      code += text.slice(i, stop);
      i = stop;
    } else if (text[i] === '$' && /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.test(rest)) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest)![0];
      const end = text.indexOf(tag, i + tag.length);
      const body = text.slice(i + tag.length, end === -1 ? text.length : end);
      const inner = splitSql(body);
      literals.push(body, ...inner.literals);
      code += ` ${inner.code} `;
      i = end === -1 ? text.length : end + tag.length;
    } else {
      code += text[i++];
    }
  }
  return { literals, code };
}

type SqlObject = { name: string; kind: 'function' | 'view'; literals: string[]; references: string[]; writesAlerts: boolean };

const objects = new Map<string, SqlObject>();

/** `private.security_findings()` and `public.v_integrity_checks` alike → the object's qualified name. */
function objectName(source: string): string {
  return source.replace(/\(\)$/, '');
}

beforeAll(async () => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // An empty search_path makes pg_get_viewdef qualify every name, as the schema files show them.
    await client.query("set search_path = ''");
    const { rows } = await client.query<{ name: string; kind: 'function' | 'view'; definition: string }>(
      `select n.nspname || '.' || p.proname as name, 'function' as kind, p.prosrc as definition
         from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        where n.nspname = any ($1::text[])
       union all
       select n.nspname || '.' || c.relname, 'view', pg_catalog.pg_get_viewdef(c.oid)
         from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any ($1::text[]) and c.relkind in ('v', 'm')`,
      [SCHEMAS],
    );
    for (const row of rows) {
      const { literals, code } = splitSql(row.definition);
      const references = [...code.matchAll(/\b(public|private|api_guard)\s*\.\s*"?([a-z_][a-z0-9_]*)"?/gi)].map(
        (match) => `${match[1]!.toLowerCase()}.${match[2]!.toLowerCase()}`,
      );
      const writesAlerts = /\binsert\s+into\s+public\s*\.\s*system_alerts\b/i.test(code);
      // Overloads of one function share a name: the scan reads them together.
      const known = objects.get(row.name);
      if (known) {
        known.literals.push(...literals);
        known.references.push(...references);
        known.writesAlerts ||= writesAlerts;
      } else objects.set(row.name, { name: row.name, kind: row.kind, literals, references, writesAlerts });
    }
  } finally {
    await client.end();
  }
});

afterAll(() => objects.clear());

/** The check-code literals of `roots` and of every function and view they reach, not descending into `stopAt`. */
function codesReachedFrom(roots: string[], stopAt: ReadonlySet<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  const codes = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift()!;
    const object = objects.get(name);
    if (!object || seen.has(name)) continue;
    seen.add(name);
    for (const literal of object.literals) if (CHECK_CODE_PATTERN.test(literal) && !(literal in NOT_CHECK_CODES)) codes.add(literal);
    for (const reference of object.references) if (!stopAt.has(reference) || roots.includes(reference)) queue.push(reference);
  }
  return codes;
}

function alertWriters(): string[] {
  return [...objects.values()].filter((object) => object.writesAlerts).map((object) => object.name);
}

/** Every code the database can emit: from the view and from whatever writes alerts. */
function emittedCodes(): Set<string> {
  return codesReachedFrom(['public.v_integrity_checks', ...alertWriters()]);
}

function sorted(codes: Iterable<string>): string[] {
  return [...codes].sort();
}

describe('the check catalogue and the database', () => {
  it('reads the definitions: the view, the writer of alerts, and the check codes inside them', () => {
    expect(objects.get('public.v_integrity_checks')?.kind).toBe('view');
    expect(alertWriters()).toContain('private.sync_alerts_from_checks');
    // A code written in the view itself, and one reached through a function it calls.
    expect(sorted(emittedCodes())).toEqual(expect.arrayContaining(['STOCK_NEGATIF', 'VERSION_DRIFT', 'RLS_POLICY_TO_PUBLIC']));
  });

  it('has a runbook for every check code the database can emit', () => {
    expect(sorted([...emittedCodes()].filter((code) => !isCheckCode(code)))).toEqual([]);
  });

  it('has no runbook for a code the database does not emit', () => {
    const emitted = emittedCodes();
    expect(CHECK_CODES.filter((code) => !emitted.has(code))).toEqual([]);
  });

  it('finds each code in the database object its family names, and each of those objects exists', () => {
    const sources = new Set(Object.values(CHECK_FAMILIES).map((family) => objectName(family.source)));
    for (const source of sources) expect(objects.has(source), source).toBe(true);
    const emitted = emittedCodes();
    const misplaced = CHECK_CODES.filter((code) => emitted.has(code))
      .map((code) => ({ code, source: objectName(CHECK_FAMILIES[checkEntry(code).family].source) }))
      .filter(({ code, source }) => !codesReachedFrom([source], sources).has(code))
      .map(({ code, source }) => `${code} is not computed in ${source}`);
    expect(misplaced).toEqual([]);
  });

  it('has a runbook for every check the view reports right now', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ check_code: string }>('select distinct check_code from public.v_integrity_checks');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.check_code).filter((code) => !isCheckCode(code))).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
