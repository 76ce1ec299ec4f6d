/**
 * Every export is logged (issue 16): record_export() writes who (the session's user and depot, never
 * an argument), what (kind, filters, rows) and when; bad input is refused and writes nothing; the log
 * is append-only for everyone; head office's admins read every entry, a depot's admin their depot's
 * people's, everyone else their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, type SignedIn, signedIn, signInAs } from './support/clients';
import { closeDb, query } from './support/db';
import { BOUAKE_DEPOT_ID } from './support/fixtures';
import { expectError } from './support/refusals';

let admin: SignedIn;
let pca: SignedIn;
let bouakeAdmin: Omit<SignedIn, 'role'>;
let bouakeDirecteur: Omit<SignedIn, 'role'>;

beforeAll(async () => {
  [admin, pca, bouakeAdmin, bouakeDirecteur] = await Promise.all([
    signedIn('admin'),
    signedIn('pca'),
    signInAs('admin.bouake@depot.test'),
    signInAs('directeur.bouake@depot.test'),
  ]);
});
afterAll(closeDb);

const logSize = async () => Number((await query<{ n: string }>('select count(*) as n from public.export_log'))[0]!.n);

/** As the console's server logs an export for `user`. */
async function record(user: { userId: string }, kind = 'alerts_csv', filters: unknown = { status: 'all' }, rows: number | null = 3) {
  const { data, error } = await serviceClient().rpc('record_export', {
    p_actor: user.userId,
    p_kind: kind,
    p_filters: filters,
    p_rows: rows,
  });
  expect(error).toBeNull();
  return Number(data);
}

describe('record_export', () => {
  it('writes who, what and when: the actor the server names, their depot from their profile', async () => {
    const id = await record(admin, 'alerts_csv', { depot: 'BOUAKE', status: 'all' }, 12);
    const [row] = await query(
      'select actor_id, actor_depot_id, kind, filters, row_count, exported_at from public.export_log where id = $1',
      [id],
    );
    expect(row).toMatchObject({
      actor_id: admin.userId,
      actor_depot_id: null,
      kind: 'alerts_csv',
      filters: { depot: 'BOUAKE', status: 'all' },
      row_count: 12,
    });
    expect(Date.now() - (row!.exported_at as Date).getTime()).toBeLessThan(60_000);
    const bouake = await record(bouakeDirecteur, 'audit_jsonl', {}, null);
    const [scoped] = await query('select actor_id, actor_depot_id, row_count from public.export_log where id = $1', [bouake]);
    expect(scoped).toEqual({ actor_id: bouakeDirecteur.userId, actor_depot_id: BOUAKE_DEPOT_ID, row_count: null });
  });

  it('refuses bad input, clearly, and writes nothing', async () => {
    const before = await logSize();
    const call = (kind: string, filters: unknown, rows: number, actor = admin.userId) =>
      serviceClient().rpc('record_export', { p_actor: actor, p_kind: kind, p_filters: filters, p_rows: rows });
    expectError(await call('pdf_secret', {}, 1), '22023', 'export_kind_invalid');
    expectError(await call('alerts_csv', ['a'], 1), '22023', 'export_filters_invalid');
    expectError(await call('alerts_csv', { q: 'x'.repeat(2100) }, 1), '22023', 'export_filters_invalid');
    expectError(await call('alerts_csv', {}, -1), '22023', 'export_rows_invalid');
    // Only for a governance user: not an operator, not someone who does not exist.
    expectError(await call('alerts_csv', {}, 1, (await signedIn('operateur')).userId), '22023', 'export_actor_invalid');
    expectError(await call('alerts_csv', {}, 1, '00000000-0000-4000-8000-0000000000ff'), '22023', 'export_actor_invalid');
    expect(await logSize()).toBe(before);
  });

  it('is the server’s only: no user — nor anon — writes the log through the API, true or made up', async () => {
    const before = await logSize();
    const args = { p_actor: admin.userId, p_kind: 'alerts_csv', p_filters: {}, p_rows: 1 };
    for (const client of [admin.client, pca.client, bouakeAdmin.client, anonClient()]) {
      expectError(await client.rpc('record_export', args), '42501');
    }
    expect(await logSize()).toBe(before);
  });
});

describe('the export log', () => {
  it('is append-only, for the API and the superuser alike', async () => {
    const id = await record(pca);
    expectError(await admin.client.from('export_log').update({ row_count: 0 }).eq('id', id).select('id'), '42501');
    expectError(await admin.client.from('export_log').delete().eq('id', id).select('id'), '42501');
    await expect(query('update public.export_log set row_count = 0 where id = $1', [id])).rejects.toMatchObject({
      hint: 'export_log_append_only',
    });
    await expect(query('delete from public.export_log where id = $1', [id])).rejects.toMatchObject({ hint: 'export_log_append_only' });
    expect((await query('select row_count from public.export_log where id = $1', [id]))[0]).toEqual({ row_count: 3 });
  });

  it("is read by head office's admins entirely, a depot's admin for their depot, everyone else for themselves", async () => {
    const mine = await record(pca);
    const theirs = await record(bouakeDirecteur);
    const adminsOwn = await record(bouakeAdmin);
    const ids = async (user: { client: SignedIn['client'] }) => {
      const { data, error } = await user.client.from('export_log').select('id, actor_id').in('id', [mine, theirs, adminsOwn]);
      expect(error).toBeNull();
      return (data ?? []).map((row) => Number(row.id)).sort((x, y) => x - y);
    };
    expect(await ids(admin)).toEqual([mine, theirs, adminsOwn].sort((x, y) => x - y));
    expect(await ids(bouakeAdmin)).toEqual([theirs, adminsOwn].sort((x, y) => x - y));
    expect(await ids(pca)).toEqual([mine]);
    expect(await ids(bouakeDirecteur)).toEqual([theirs]);
  });
});
