/**
 * Anonymous callers (the anon key, not signed in) get nothing: every table and view in `public`,
 * enumerated from the catalog so a new one is covered the day it is created, answers `[]` or a
 * permission error; the sync cannot be called.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from './support/clients';
import { closeDb, countAlerts, query } from './support/db';
import { expectPermissionDenied } from './support/refusals';

let relations: { name: string; kind: string }[] = [];

beforeAll(async () => {
  relations = await query<{ name: string; kind: string }>(
    `select c.relname as name, case c.relkind when 'v' then 'view' when 'm' then 'materialized view' else 'table' end as kind
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
     order by c.relname`,
  );
});
afterAll(closeDb);

describe('anon reads nothing in public', () => {
  it('finds the tables and views to probe in the catalog', () => {
    const names = relations.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['system_alerts', 'v_integrity_checks', 'citernes', 'profils']));
  });

  it('gets [] or permission denied from every table and view', async () => {
    const anon = anonClient();
    const answers = await Promise.all(
      relations.map(async ({ name, kind }) => {
        const { data, error, status } = await anon.from(name).select('*').limit(5);
        return { name, kind, data, code: error?.code ?? null, message: error?.message ?? null, status };
      }),
    );
    for (const answer of answers) {
      const label = `${answer.kind} ${answer.name}: ${JSON.stringify(answer)}`;
      if (answer.code === null) {
        expect(answer.data, label).toEqual([]);
      } else {
        // A permission error, not "relation not found" (which would prove nothing).
        expect(answer.code, label).toBe('42501');
        expect(answer.status, label).toBe(401);
      }
    }
  });
});

describe('anon cannot run the sync', () => {
  it('is refused execute on sync_system_alerts, and no alert appears', async () => {
    const before = await countAlerts();
    expectPermissionDenied(await anonClient().rpc('sync_system_alerts'));
    expect(await countAlerts()).toBe(before);
  });
});
