/**
 * api_guard.check_request(), PostgREST's db-pre-request hook: it holds for every client alike — the
 * console's actions and raw API calls with the anon key and a user's own token.
 *   - writes per user per minute (governance_settings.api_writes_per_minute), set by the system;
 *   - at most alerts_per_write alerts changed by one request;
 *   - a signed-out or ended session's token is refused at once, not when it expires;
 *   - no planned or estimated counts (they reveal table sizes RLS hides).
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn, signInFresh } from './support/clients';
import { anonKey, supabaseUrl } from './support/env';
import { closeDb, mustReadAlert, query } from './support/db';
import { openAlert, removeFixtures } from './support/fixtures';
import { expectError } from './support/refusals';
import { withSetting } from './support/settings';

/** The Supabase CLI's well-known local JWT secret (supabase/local/config.mjs): local stacks only. */
const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

let restore: (() => Promise<void>) | null = null;

afterEach(async () => {
  await restore?.();
  restore = null;
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

async function accessToken(user: SignedIn): Promise<string> {
  const { data } = await user.client.auth.getSession();
  if (!data.session) throw new Error('no session');
  return data.session.access_token;
}

/** A request to PostgREST as a user would make it by hand. */
function rest(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${supabaseUrl}/rest/v1${path}`, {
    ...init,
    headers: { apikey: anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
}

/**
 * Waits, when the database's clock is in the last 10 seconds of a minute, for the next minute: the
 * budget counts per calendar minute, and a test must not see its window roll over half-way.
 */
async function awayFromMinuteEdge(): Promise<void> {
  const [row] = await query<{ seconds: number }>('select extract(second from now())::float8 as seconds');
  if (row!.seconds >= 50) await new Promise((resolve) => setTimeout(resolve, (60 - row!.seconds + 0.2) * 1000));
}

async function budgetOf(userId: string): Promise<{ writes: number }[]> {
  return query<{ writes: number }>('select writes from private.api_write_budget where user_id = $1', [userId]);
}

describe('writes per user per minute', () => {
  let admin: SignedIn;

  beforeAll(async () => {
    admin = await signInFresh('admin');
  });

  it('past the limit, a write is refused (429, Retry-After) through supabase-js and raw HTTP alike, and nothing is applied', async () => {
    const { alert } = await openAlert();
    const before = await mustReadAlert(alert.id);
    await awayFromMinuteEdge();
    await query('delete from private.api_write_budget where user_id = $1', [admin.userId]);
    restore = await withSetting('api_writes_per_minute', 3);

    // Three writes that match nothing still spend the budget (they could have changed rows).
    for (let i = 0; i < 3; i++) {
      const { error } = await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', randomUUID());
      expect(error).toBeNull();
    }
    const refused = await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).select();
    expect(refused.status).toBe(429);
    expect(refused.error?.code).toBe('rate_limited');
    expect(JSON.parse(refused.error!.details!)).toMatchObject({ retry_after_seconds: expect.any(Number) });

    const raw = await rest(`/system_alerts?id=eq.${alert.id}`, await accessToken(admin), {
      method: 'PATCH',
      body: JSON.stringify({ status: 'ACK' }),
    });
    expect(raw.status).toBe(429);
    const retryAfter = Number(raw.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await raw.json()).toMatchObject({ code: 'rate_limited' });

    expect(await mustReadAlert(alert.id)).toEqual(before);
    // A refused write is not counted (it rolled back with its request).
    expect(await budgetOf(admin.userId)).toEqual([{ writes: 3 }]);
  });

  it('each user has a budget of their own', async () => {
    const directeur = await signedIn('directeur');
    await awayFromMinuteEdge();
    await query('delete from private.api_write_budget where user_id = any($1::uuid[])', [[admin.userId, directeur.userId]]);
    restore = await withSetting('api_writes_per_minute', 1);
    expect((await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', randomUUID())).error).toBeNull();
    expect((await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', randomUUID())).status).toBe(429);
    expect((await directeur.client.from('system_alerts').update({ status: 'ACK' }).eq('id', randomUUID())).error).toBeNull();
  });

  it('reads spend nothing: GETs, stable functions and the ledger check', async () => {
    await query('delete from private.api_write_budget where user_id = $1', [admin.userId]);
    restore = await withSetting('api_writes_per_minute', 1);
    for (let i = 0; i < 5; i++) {
      expect((await admin.client.from('system_alerts').select('id').limit(1)).error).toBeNull();
      expect((await admin.client.rpc('governance_overview')).error).toBeNull();
      expect((await admin.client.rpc('verify_alert_event_chain')).error).toBeNull();
    }
    expect(await budgetOf(admin.userId)).toEqual([]);
  });

  it('writes through functions count too: an on-demand sync spends the budget', async () => {
    await awayFromMinuteEdge();
    await query('delete from private.api_write_budget where user_id = $1', [admin.userId]);
    restore = await withSetting('api_writes_per_minute', 1);
    expect((await admin.client.rpc('sync_system_alerts')).error).toBeNull();
    const second = await admin.client.rpc('sync_system_alerts');
    expect(second.error?.code).toBe('rate_limited');
  });

  it('no caller chooses a bucket, a limit or a window: consume_rate_limit is gone, and the budget is one row per user', async () => {
    const answer = await admin.client.rpc('consume_rate_limit', { bucket: 'mutations', max_hits: 100000, window_seconds: 1 });
    expect(answer.error?.code).toBe('PGRST202');
    for (let i = 0; i < 3; i++) await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', randomUUID());
    expect(await budgetOf(admin.userId)).toHaveLength(1);
    const [{ n }] = (await query<{ n: number }>(
      `select count(*)::int as n from private.api_write_budget b where not exists (select 1 from auth.users u where u.id = b.user_id)`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe('alerts changed by one request', () => {
  it('a PATCH over more alerts than alerts_per_write is refused whole; nothing changes', async () => {
    const admin = await signedIn('admin');
    const alerts = [await openAlert(), await openAlert(), await openAlert()].map((a) => a.alert.id);
    const before = await Promise.all(alerts.map(mustReadAlert));
    restore = await withSetting('alerts_per_write', 2);
    expectError(await admin.client.from('system_alerts').update({ status: 'ACK' }).in('id', alerts).select(), '22023', 'too_many_alerts');
    // And a PATCH with no filter at all, as a raw request would send it.
    const raw = await rest('/system_alerts?status=eq.OPEN', await accessToken(admin), {
      method: 'PATCH',
      body: JSON.stringify({ status: 'ACK' }),
    });
    expect(raw.status).toBe(400);
    expect(await Promise.all(alerts.map(mustReadAlert))).toEqual(before);
    // Within the limit, it goes through.
    const { data, error } = await admin.client.from('system_alerts').update({ status: 'ACK' }).in('id', alerts.slice(0, 2)).select('id');
    expect(error).toBeNull();
    expect(data).toHaveLength(2);
  });
});

describe('sessions', () => {
  it('after sign-out, the same unexpired token is refused at once, for reads and writes', async () => {
    const pca = await signInFresh('pca');
    const token = await accessToken(pca);
    const ledger = await rest('/system_alert_events?select=id&limit=1', token);
    expect(ledger.status).toBe(200);

    const { error } = await pca.client.auth.signOut({ scope: 'local' });
    expect(error).toBeNull();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(claims.exp * 1000).toBeGreaterThan(Date.now() + 60_000);

    const after = await rest('/system_alert_events?select=id&limit=1', token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'session_not_found' });
    expect(after.headers.get('www-authenticate')).toContain('invalid_token');
    const write = await rest('/rpc/sync_system_alerts', token, { method: 'POST', body: '{}' });
    expect(write.status).toBe(401);
  });

  it('a session past its end (not_after) is refused', async () => {
    const pca = await signInFresh('pca');
    const token = await accessToken(pca);
    expect((await rest('/system_alerts?select=id&limit=1', token)).status).toBe(200);
    await query(`update auth.sessions set not_after = now() - interval '1 second' where id = $1`, [pca.sessionId]);
    const answer = await rest('/system_alerts?select=id&limit=1', token);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ code: 'session_not_found' });
  });

  it('a validly signed token must name a session of its own user, or none is accepted', async () => {
    const [pca, admin] = await Promise.all([signedIn('pca'), signedIn('admin')]);
    const key = new TextEncoder().encode(LOCAL_JWT_SECRET);
    const forge = (claims: Record<string, unknown>) =>
      new SignJWT({ aud: 'authenticated', role: 'authenticated', ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key);
    // Another user's live session, no session, a session id that is not a UUID.
    for (const claims of [
      { sub: admin.userId, session_id: pca.sessionId },
      { sub: admin.userId },
      { sub: admin.userId, session_id: 'not-a-uuid' },
    ]) {
      const answer = await rest('/system_alerts?select=id&limit=1', await forge(claims));
      expect(answer.status, JSON.stringify(claims)).toBe(401);
    }
    // The same forging with the user's own live session is what a real token is: accepted.
    expect((await rest('/system_alerts?select=id&limit=1', await forge({ sub: admin.userId, session_id: admin.sessionId }))).status).toBe(
      200,
    );
  });
});

describe('counts', () => {
  it.each(['planned', 'estimated'])('Prefer: count=%s is refused to every caller (it would reveal table sizes)', async (count) => {
    const operateur = await signedIn('operateur');
    for (const client of [operateur.client, anonClient()]) {
      const answer = await client.from('system_alerts').select('id', { count: count as 'planned' | 'estimated', head: true });
      expect(answer.status).toBe(400);
      expect(answer.count).toBeNull();
    }
  });

  it('an exact count counts only what RLS lets the caller see', async () => {
    const operateur = await signedIn('operateur');
    const answer = await operateur.client.from('system_alerts').select('id', { count: 'exact', head: true });
    expect(answer.error).toBeNull();
    expect(answer.count).toBe(0);
  });
});
