/**
 * The migration runner's SQL splitter: a statement ends at a semicolon that is code, never at one
 * inside a comment, a string, a quoted identifier or a dollar-quoted body — as PostgreSQL's own
 * lexer reads them (standard_conforming_strings on, as everywhere since PostgreSQL 9.1).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from './migrate.mjs';

describe('splitStatements', () => {
  it('ends a statement at each semicolon, trimmed, and keeps a last one without a semicolon', () => {
    expect(splitStatements('  select 1;\n\nselect 2 ;select 3')).toEqual(['select 1;', 'select 2 ;', 'select 3']);
  });

  it('drops empty statements and blank input', () => {
    expect(splitStatements(';;\n ; select 1;;')).toEqual(['select 1;']);
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements(' \n\t ')).toEqual([]);
  });

  describe('comments', () => {
    it('ignores semicolons and quotes in line comments; a comment stays with the statement after it', () => {
      expect(splitStatements("-- header; it's here\nselect 1; -- trailing; comment\nselect 2;")).toEqual([
        "-- header; it's here\nselect 1;",
        '-- trailing; comment\nselect 2;',
      ]);
    });

    it('ends a line comment at the end of the input', () => {
      expect(splitStatements('select 1 -- no newline; after this')).toEqual(['select 1 -- no newline; after this']);
    });

    it('ignores semicolons and quotes in block comments, across lines', () => {
      expect(splitStatements("select /* a; b\n don't; */ 1; select 2;")).toEqual(["select /* a; b\n don't; */ 1;", 'select 2;']);
    });

    it('nests block comments, as PostgreSQL does', () => {
      expect(splitStatements('select 1 /* outer; /* inner; */ still a comment; */ + 1; select 2;')).toEqual([
        'select 1 /* outer; /* inner; */ still a comment; */ + 1;',
        'select 2;',
      ]);
    });

    it('drops what is only comments: nothing to run', () => {
      expect(splitStatements('select 1;\n-- the end; really\n/* and; this */\n')).toEqual(['select 1;']);
      expect(splitStatements('select 1; /* outer /* inner */ still; outer */')).toEqual(['select 1;']);
      expect(splitStatements('-- only a comment')).toEqual([]);
    });

    it('does not read comment markers inside strings', () => {
      expect(splitStatements("select '-- not a comment;', '/* nor; this'; select 2;")).toEqual([
        "select '-- not a comment;', '/* nor; this';",
        'select 2;',
      ]);
    });
  });

  describe('strings and quoted identifiers', () => {
    it('ignores semicolons in single-quoted strings, doubled quotes included', () => {
      expect(splitStatements("insert into t values ('a;b', 'it''s; fine', ''); select 2;")).toEqual([
        "insert into t values ('a;b', 'it''s; fine', '');",
        'select 2;',
      ]);
    });

    it('reads a backslash in a standard string as itself', () => {
      expect(splitStatements("select 'C:\\'; select 2;")).toEqual(["select 'C:\\';", 'select 2;']);
    });

    it('reads backslash escapes in E strings', () => {
      expect(splitStatements("select E'it\\'s; fine', e'\\\\'; select 2;")).toEqual(["select E'it\\'s; fine', e'\\\\';", 'select 2;']);
      // An identifier ending in e is no E string.
      expect(splitStatements("select name'x\\'; select 2;")).toEqual(["select name'x\\';", 'select 2;']);
    });

    it('ignores semicolons in quoted identifiers, doubled quotes included', () => {
      expect(splitStatements('create table "a;b" ("c""; d" int); select 2;')).toEqual([
        'create table "a;b" ("c""; d" int);',
        'select 2;',
      ]);
    });

    it('does not read a quote of the other kind as a delimiter', () => {
      expect(splitStatements(`select '"; still "a string', "it's; an identifier"; select 2;`)).toEqual([
        `select '"; still "a string', "it's; an identifier";`,
        'select 2;',
      ]);
    });

    it('runs an unterminated string to the end: PostgreSQL reports it', () => {
      expect(splitStatements("select 'abc; select 2;")).toEqual(["select 'abc; select 2;"]);
    });
  });

  describe('dollar quoting', () => {
    it('ignores semicolons and quotes in a $$ body', () => {
      const create = "create function f() returns text language sql as $$ select 'a;b'; select 'c'; $$;";
      expect(splitStatements(`${create}\nselect f();`)).toEqual([create, 'select f();']);
    });

    it('closes a tagged body only with the same tag: $$ and other tags inside it are text', () => {
      const create = [
        'create function g() returns void language plpgsql as $fn$',
        'begin',
        '  execute $sql$ select 1; $sql$;',
        '  perform $$ ; $$;',
        'end;',
        '$fn$;',
      ].join('\n');
      expect(splitStatements(`${create}\nselect g();`)).toEqual([create, 'select g();']);
    });

    it('takes tags as PostgreSQL does: letters, digits after the first character, underscores', () => {
      const create = 'create function h() returns int language sql as $body_1$ select 1; $body_1$;';
      expect(splitStatements(`${create} select h();`)).toEqual([create, 'select h();']);
    });

    it('does not take parameters or identifiers holding $ for quotes', () => {
      expect(splitStatements('prepare p as select $1; execute p(1);')).toEqual(['prepare p as select $1;', 'execute p(1);']);
      expect(splitStatements('select a$b$c from t; select 2;')).toEqual(['select a$b$c from t;', 'select 2;']);
    });

    it('runs an unterminated body to the end', () => {
      expect(splitStatements('do $$ begin; select 2;')).toEqual(['do $$ begin; select 2;']);
    });
  });

  it('splits every migration, the seed and the platform surface into statements that split no further', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const migrations = path.join(root, 'supabase/migrations');
    const files = [
      ...readdirSync(migrations)
        .filter((file) => file.endsWith('.sql'))
        .map((file) => path.join(migrations, file)),
      path.join(root, 'supabase/seed.sql'),
      path.join(root, 'supabase/local/platform.sql'),
    ];
    let count = 0;
    for (const file of files) {
      for (const statement of splitStatements(readFileSync(file, 'utf8'))) {
        expect(splitStatements(statement), `${path.basename(file)}: ${statement.slice(0, 80)}`).toEqual([statement]);
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(files.length);
  });
});
