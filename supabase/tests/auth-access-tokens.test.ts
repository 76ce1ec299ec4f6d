/**
 * Access tokens: ES256 with a `kid`, the public key published at `/auth/v1/.well-known/jwks.json`,
 * so unmodified supabase-js verifies them in-process (`auth.getClaims()` without a request to
 * `/user`), PostgREST accepts them (and the HS256 API keys) through its JWK set, and a token signed
 * with any other key is refused everywhere.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  authFetch,
  claimsOf,
  headerOf,
} from './support/auth';
import { DEMO_PASSWORD, signInFresh } from './support/clients';
import { closeDb } from './support/db';
import { anonKey, serviceRoleKey, supabaseUrl } from './support/env';

afterAll(closeDb);

type Jwk = { kty: string; kid: string; alg: string; crv?: string; x?: string; y?: string; d?: string; k?: string };

async function jwks(): Promise<Jwk[]> {
  // No API key: as on a hosted project, the public keys are public.
  const response = await fetch(`${supabaseUrl}/auth/v1/.well-known/jwks.json`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { keys: Jwk[] }).keys;
}

/** A client whose every request is recorded (path only). */
function countingClient() {
  const paths: string[] = [];
  const client = createClient(supabaseUrl, anonKey, {
    // A storage key of its own: supabase-js caches JWK sets per storage key, for the process.
    auth: { persistSession: false, autoRefreshToken: false, storageKey: `counting-${crypto.randomUUID()}` },
    global: {
      fetch: (input, init) => {
        paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
        return fetch(input, init);
      },
    },
  });
  return { client, paths };
}

/** The same claims signed with a key the stack never had. */
async function forge(token: string, kid: string | undefined) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return new SignJWT(claimsOf(token)).setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...(kid ? { kid } : {}) }).sign(privateKey);
}

async function restAs(token: string) {
  const response = await fetch(`${supabaseUrl}/rest/v1/profils?select=role&limit=1`, {
    headers: { apikey: anonKey, authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('ES256 access tokens', () => {
  it('are signed ES256 with the kid of the one public key in the JWKS, which holds no secret', async () => {
    const keys = await jwks();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', key_ops: ['verify'] });
    expect(key).not.toHaveProperty('d');
    const { client } = countingClient();
    const { data } = await client.auth.signInWithPassword({ email: 'pca@depot.test', password: DEMO_PASSWORD });
    expect(headerOf(data.session!.access_token)).toEqual({ alg: 'ES256', kid: key!.kid, typ: 'JWT' });
  });

  it('are verified by getClaims() in-process: no request to /user, the JWKS fetched once', async () => {
    const { client, paths } = countingClient();
    const { error } = await client.auth.signInWithPassword({ email: 'pca@depot.test', password: DEMO_PASSWORD });
    expect(error).toBeNull();
    paths.length = 0;
    for (let i = 0; i < 3; i++) {
      const { data, error: claimsError } = await client.auth.getClaims();
      expect(claimsError).toBeNull();
      expect(data?.claims).toMatchObject({ email: 'pca@depot.test', role: 'authenticated' });
    }
    expect(paths).toEqual(['/auth/v1/.well-known/jwks.json']);
  });

  it('are accepted by PostgREST, and so are the HS256 anon and service-role keys', async () => {
    const { client } = await signInFresh('admin');
    const { data: session } = await client.auth.getSession();
    expect(await restAs(session.session!.access_token)).toEqual({ status: 200, body: [{ role: 'admin' }] });
    // The service role reads every profile; anon reads nothing (permission denied), as before.
    const service = await restAs(serviceRoleKey);
    expect(service.status).toBe(200);
    expect(await restAs(anonKey)).toMatchObject({ status: 401, body: { code: '42501' } });
  });

  it('signed with another key, are refused by PostgREST, by getClaims() and by the auth server', async () => {
    const { client } = await signInFresh('admin');
    const { data: session } = await client.auth.getSession();
    const token = session.session!.access_token;
    const [key] = await jwks();

    for (const forged of [await forge(token, key!.kid), await forge(token, 'not-a-known-kid'), await forge(token, undefined)]) {
      const rest = await restAs(forged);
      expect(rest).toMatchObject({ status: 401, body: { code: 'PGRST301', message: 'JWSError JWSInvalidSignature' } });
      const user = await authFetch(supabaseUrl, '/user', { bearer: forged });
      expect(user.status).toBe(403);
      expect(user.body).toMatchObject({ error_code: 'bad_jwt' });
      const { client: checker } = countingClient();
      const { data, error } = await checker.auth.getClaims(forged);
      expect(data).toBeNull();
      expect(error?.message).toMatch(/Invalid JWT signature|invalid JWT/);
    }
  });
});
