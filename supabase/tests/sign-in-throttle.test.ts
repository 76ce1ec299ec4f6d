/**
 * The sign-in throttle the console's server consults before a password reaches the auth server:
 * sign_in_gate() and sign_in_failed(), per account and per client address, service role only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn } from './support/clients';
import { closeDb, query } from './support/db';
import { expectError, expectPermissionDenied } from './support/refusals';
import { withSetting } from './support/settings';

type Gate = { allowed: boolean; retry_after_seconds?: number; scope?: string };

const service = serviceClient();
const someEmail = () => `guess-${randomUUID()}@depot.test`;
const someAddress = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

async function gate(email: string, address: string | null): Promise<Gate> {
  const { data, error } = await service.rpc('sign_in_gate', { email, client_address: address ?? undefined });
  expect(error).toBeNull();
  return data as Gate;
}

async function fail(email: string, address: string | null, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const { error } = await service.rpc('sign_in_failed', { email, client_address: address ?? undefined, user_agent: 'test' });
    expect(error).toBeNull();
  }
}

let restore: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const undo of restore.reverse()) await undo();
  restore = [];
});
afterAll(closeDb);

describe('sign-in throttle', () => {
  it('shuts the gate for an account after its failures, from any address, until the window ends', async () => {
    const email = someEmail();
    expect(await gate(email, someAddress())).toEqual({ allowed: true });
    await fail(email, someAddress(), 5);
    const shut = await gate(email.toUpperCase(), someAddress());
    expect(shut).toMatchObject({ allowed: false, scope: 'account' });
    expect(shut.retry_after_seconds).toBeGreaterThan(14 * 60);
    expect(shut.retry_after_seconds).toBeLessThanOrEqual(15 * 60);
    // Another account is not affected.
    expect(await gate(someEmail(), someAddress())).toEqual({ allowed: true });
    // Once the window is over, the gate opens and the stale counter goes.
    await query(`update private.sign_in_failures set window_start = now() - interval '16 minutes' where key = $1`, [email]);
    expect(await gate(email, someAddress())).toEqual({ allowed: true });
    expect(await query('select * from private.sign_in_failures where key = $1', [email])).toEqual([]);
  });

  it('shuts the gate for an address after failures over many accounts', async () => {
    const address = someAddress();
    restore.push(await withSetting('sign_in_failures_per_address', 4));
    for (let i = 0; i < 4; i++) await fail(someEmail(), address);
    expect(await gate(someEmail(), address)).toMatchObject({ allowed: false, scope: 'address' });
    expect(await gate(someEmail(), someAddress())).toEqual({ allowed: true });
    // Without an address, only the account counts.
    expect(await gate(someEmail(), null)).toEqual({ allowed: true });
  });

  it('records failures and refusals folded into counts', async () => {
    const email = someEmail();
    const address = '198.51.100.77';
    await fail(email, address, 6);
    await gate(email, address);
    await gate(email, address);
    const entries = await query<{ kind: string; occurrences: number; address: string }>(
      `select kind, occurrences, host(client_address) as address from public.security_audit_logs where actor_email = $1 order by kind`,
      [email],
    );
    expect(entries).toEqual([
      { kind: 'sign_in_failed', occurrences: 6, address },
      { kind: 'sign_in_throttled', occurrences: 2, address },
    ]);
    await query('delete from public.security_audit_logs where actor_email = $1', [email]);
  });

  it('refuses a missing or oversized e-mail, counting nothing', async () => {
    const before = await query('select * from private.sign_in_failures order by scope, key');
    expectError(await service.rpc('sign_in_failed', { email: '   ' }), '22023', 'invalid_email');
    expectError(await service.rpc('sign_in_gate', { email: `${'x'.repeat(320)}@depot.test` }), '22023', 'invalid_email');
    expect(await query('select * from private.sign_in_failures order by scope, key')).toEqual(before);
  });

  it('belongs to the console\u2019s server: anon and every user are refused, and nothing is counted', async () => {
    const before = await query('select * from private.sign_in_failures order by scope, key');
    const email = 'admin@depot.test';
    for (const client of [anonClient(), (await signedIn('admin')).client, (await signedIn('pca')).client]) {
      expectPermissionDenied(await client.rpc('sign_in_failed', { email }));
      expectPermissionDenied(await client.rpc('sign_in_gate', { email }));
    }
    expect(await query('select * from private.sign_in_failures order by scope, key')).toEqual(before);
  });
});
