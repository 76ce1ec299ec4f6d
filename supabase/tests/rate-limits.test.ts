/**
 * consume_rate_limit(): per-user fixed windows kept in Postgres (shared by every console instance).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { anonClient, signInFresh } from './support/clients';
import { closeDb, query } from './support/db';

afterAll(closeDb);

type Verdict = { allowed: boolean; hits: number; limit: number; retry_after_seconds: number };

describe('rate limits', () => {
  it('allow up to the limit in a window, then refuse, per user', async () => {
    const [directeur, admin] = await Promise.all([signInFresh('directeur'), signInFresh('admin')]);
    const bucket = `test_${Date.now().toString(36).replace(/[0-9]/g, 'x')}`;
    const verdicts: Verdict[] = [];
    for (let i = 0; i < 6; i++) {
      const { data, error } = await directeur.client.rpc('consume_rate_limit', { bucket, max_hits: 5, window_seconds: 3600 });
      expect(error).toBeNull();
      verdicts.push(data as Verdict);
    }
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    expect(verdicts[5]).toMatchObject({ hits: 6, limit: 5 });
    expect(verdicts[5]!.retry_after_seconds).toBeGreaterThan(0);
    // Another user's budget is untouched.
    const { data } = await admin.client.rpc('consume_rate_limit', { bucket, max_hits: 5, window_seconds: 3600 });
    expect(data).toMatchObject({ allowed: true, hits: 1 });
  });

  it('name the caller from their own profile, so an action needs no second lookup', async () => {
    const bucket = `test_${Date.now().toString(36).replace(/[0-9]/g, 'y')}`;
    for (const role of ['directeur', 'pca'] as const) {
      const user = await signInFresh(role);
      const { data, error } = await user.client.rpc('consume_rate_limit', { bucket, max_hits: 5, window_seconds: 3600 });
      expect(error).toBeNull();
      const [profile] = await query<{ role: string; nom_complet: string }>(
        'select role, nom_complet from public.profils where user_id = $1',
        [user.userId],
      );
      expect(data).toMatchObject({ allowed: true, role: profile!.role, name: profile!.nom_complet });
      expect(profile!.role).toBe(role);
    }
  });

  it('refuses anon and nonsense arguments, counting nothing', async () => {
    const before = await query('select * from private.rate_limit_windows order by user_id, bucket, window_start');
    const anon = await anonClient().rpc('consume_rate_limit', { bucket: 'mutations', max_hits: 5 });
    expect(anon.error?.code).toBe('42501');
    const { client } = await signInFresh('pca');
    for (const args of [
      { bucket: 'Mutations; drop', max_hits: 5 },
      { bucket: 'mutations', max_hits: 0 },
      { bucket: 'mutations', max_hits: 5, window_seconds: 86_400 },
    ]) {
      const answer = await client.rpc('consume_rate_limit', args);
      expect(answer.error?.code).toBe('22023');
    }
    expect(await query('select * from private.rate_limit_windows order by user_id, bucket, window_start')).toEqual(before);
  });
});
