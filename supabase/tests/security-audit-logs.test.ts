/**
 * security_audit_logs: written by the console's server through record_security_event() (service
 * role only), which folds repeats so no client can flood the table; read by admins (and the service
 * role); no user can write, alter or erase an entry.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn } from './support/clients';
import { closeDb, query } from './support/db';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';

let firstId = 0;
let entryId: number;
const event = (extra: Record<string, unknown> = {}) => ({
  kind: 'action_refused',
  severity: 'WARN',
  reason: `role pca lacks alerts:acknowledge (${randomUUID()})`,
  actor_role: 'pca',
  request_path: '/governance/alerts',
  ...extra,
});

async function rows(where: string, values: unknown[]) {
  return query<{ id: number; occurrences: number; reason: string; kind: string; client_address: string | null }>(
    `select id::int as id, occurrences, reason, kind, host(client_address) as client_address from public.security_audit_logs where id >= $1 and ${where} order by id`,
    [firstId, ...values],
  );
}

beforeAll(async () => {
  const [row] = await query<{ id: number }>('select coalesce(max(id), 0)::int + 1 as id from public.security_audit_logs');
  firstId = row!.id;
  const first = event();
  expect((await serviceClient().rpc('record_security_event', { event: first })).error).toBeNull();
  const [entry] = await rows('reason = $2', [first.reason]);
  entryId = entry!.id;
});

afterAll(async () => {
  // Fixtures of this file only: later suites look for their own entries in the folding window.
  await query('delete from public.security_audit_logs where id >= $1', [firstId]);
  await closeDb();
});

describe('security_audit_logs', () => {
  it('admin reads the entries', async () => {
    const { client } = await signedIn('admin');
    const { data, error } = await client.from('security_audit_logs').select('id, kind').eq('id', entryId);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: entryId, kind: 'action_refused' }]);
  });

  it.each(['directeur', 'pca', 'operateur'] as const)('%s reads nothing', async (role) => {
    const { client } = await signedIn(role);
    expectNoRows(await client.from('security_audit_logs').select('id').eq('id', entryId));
  });

  it('anon is refused', async () => {
    const answer = await anonClient().from('security_audit_logs').select('id');
    expect(answer.error?.code).toBe('42501');
  });

  it.each(['admin', 'pca'] as const)('%s cannot write, alter or erase an entry, nor record one — nothing changed', async (role) => {
    const { client } = await signedIn(role);
    const before = await query('select * from public.security_audit_logs order by id');
    expectError(
      await client.from('security_audit_logs').insert({ kind: 'sign_in_failed', severity: 'INFO', reason: 'faux' }).select(),
      '42501',
    );
    expectError(await client.from('security_audit_logs').update({ reason: 'effacé' }).eq('id', entryId).select(), '42501');
    expectError(await client.from('security_audit_logs').delete().eq('id', entryId).select(), '42501');
    expectPermissionDenied(await client.rpc('record_security_event', { event: event() }));
    expectPermissionDenied(await anonClient().rpc('record_security_event', { event: event() }));
    expect(await query('select * from public.security_audit_logs order by id')).toEqual(before);
  });

  it('the service role cannot insert, alter or erase an entry directly: it records through the function', async () => {
    const before = await query('select * from public.security_audit_logs order by id');
    expectError(await serviceClient().from('security_audit_logs').insert(event()).select(), '42501');
    expectError(await serviceClient().from('security_audit_logs').update({ reason: 'effacé' }).eq('id', entryId).select(), '42501');
    expectError(await serviceClient().from('security_audit_logs').delete().eq('id', entryId).select(), '42501');
    expect(await query('select * from public.security_audit_logs order by id')).toEqual(before);
  });

  it('refuses an unknown severity or kind, recording nothing', async () => {
    const before = await query('select count(*) from public.security_audit_logs');
    expectError(await serviceClient().rpc('record_security_event', { event: event({ severity: 'LOW' }) }), '23514');
    expectError(await serviceClient().rpc('record_security_event', { event: event({ kind: 'guess' }) }), '23514');
    expect(await query('select count(*) from public.security_audit_logs')).toEqual(before);
  });

  it('folds the same event repeated into one row with a count', async () => {
    const repeated = event({ client_address: '198.51.100.23' });
    for (let i = 0; i < 30; i++) expect((await serviceClient().rpc('record_security_event', { event: repeated })).error).toBeNull();
    expect(await rows('reason = $2', [repeated.reason])).toEqual([
      expect.objectContaining({ occurrences: 30, client_address: '198.51.100.23' }),
    ]);
    // A different address is a different event.
    await serviceClient().rpc('record_security_event', { event: { ...repeated, client_address: '198.51.100.24' } });
    expect(await rows('reason = $2', [repeated.reason])).toHaveLength(2);
  });

  it('writes at most 100 rows per kind per 10 minutes; the rest fold into one burst row', async () => {
    // 150 distinct events of one kind, as an attacker rotating e-mails would cause.
    await query(
      `do $$ begin
         perform set_config('request.jwt.claims', '{"role":"service_role"}', true);
         for i in 1..150 loop
           perform public.record_security_event(jsonb_build_object('kind', 'forbidden_page', 'severity', 'INFO',
             'reason', 'probe', 'actor_email', 'attacker' || i || '@evil.example'));
         end loop;
       end $$`,
    );
    const written = await rows(`kind = 'forbidden_page' and last_occurred_at > now() - interval '10 minutes'`, []);
    expect(written.length).toBeLessThanOrEqual(101);
    const burst = written.filter((row) => row.reason.startsWith('burst'));
    expect(burst).toHaveLength(1);
    expect(written.reduce((sum, row) => sum + row.occurrences, 0)).toBeGreaterThanOrEqual(150);
  });
});
