/**
 * security_audit_logs: written by the console's server with the service role only; read by admins
 * (and the service role); no user can write, alter or erase an entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn } from './support/clients';
import { closeDb, query } from './support/db';
import { expectError, expectNoRows } from './support/refusals';

let entryId: number;

beforeAll(async () => {
  const { data, error } = await serviceClient()
    .from('security_audit_logs')
    .insert({ kind: 'action_refused', severity: 'WARN', reason: 'role pca lacks alerts:acknowledge', actor_role: 'pca', request_path: '/governance/alerts' })
    .select('id')
    .single();
  expect(error).toBeNull();
  entryId = data!.id;
});
afterAll(closeDb);

describe('security_audit_logs', () => {
  it('admin reads the entries', async () => {
    const { client } = await signedIn('admin');
    const { data, error } = await client.from('security_audit_logs').select('id, kind, reason').eq('id', entryId);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: entryId, kind: 'action_refused', reason: 'role pca lacks alerts:acknowledge' }]);
  });

  it.each(['directeur', 'pca', 'operateur'] as const)('%s reads nothing', async (role) => {
    const { client } = await signedIn(role);
    expectNoRows(await client.from('security_audit_logs').select('id').eq('id', entryId));
  });

  it('anon is refused', async () => {
    const answer = await anonClient().from('security_audit_logs').select('id');
    expect(answer.error?.code).toBe('42501');
  });

  it.each(['admin', 'pca'] as const)('%s cannot write, alter or erase an entry — nothing changed', async (role) => {
    const { client } = await signedIn(role);
    const before = await query('select * from public.security_audit_logs order by id');
    expectError(await client.from('security_audit_logs').insert({ kind: 'sign_in_failed', severity: 'INFO', reason: 'faux' }).select(), '42501');
    expectError(await client.from('security_audit_logs').update({ reason: 'effacé' }).eq('id', entryId).select(), '42501');
    expectError(await client.from('security_audit_logs').delete().eq('id', entryId).select(), '42501');
    expect(await query('select * from public.security_audit_logs order by id')).toEqual(before);
  });

  it('the service role cannot alter or erase an entry either', async () => {
    const before = await query('select * from public.security_audit_logs order by id');
    expectError(await serviceClient().from('security_audit_logs').update({ reason: 'effacé' }).eq('id', entryId).select(), '42501');
    expectError(await serviceClient().from('security_audit_logs').delete().eq('id', entryId).select(), '42501');
    expect(await query('select * from public.security_audit_logs order by id')).toEqual(before);
  });

  it('refuses an unknown severity or kind', async () => {
    expectError(await serviceClient().from('security_audit_logs').insert({ kind: 'action_refused', severity: 'LOW', reason: 'x' }).select(), '23514');
    expectError(await serviceClient().from('security_audit_logs').insert({ kind: 'guess', severity: 'INFO', reason: 'x' }).select(), '23514');
  });
});
