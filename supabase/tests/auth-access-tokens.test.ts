/**
 * Access tokens: ES256 with a `kid`, the public key published at `/auth/v1/.well-known/jwks.json`,
 * so unmodified supabase-js verifies them in-process (`auth.getClaims()` without a request to
 * `/user`), PostgREST accepts them (and the HS256 API keys) through its JWK set, and a token signed
 * with any other key is refused everywhere. Their claims come through the custom access token hook
 * (`public.custom_access_token_hook`: `user_role`).
 */
import { generateKeyPairSync } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  authFetch,
  claimsOf,
  createThrowawayUser,
  headerOf,
  passwordSignIn,
  refresh,
  removeThrowawayUsers,
  startAuthServer,
} from './support/auth';
import { DEMO_PASSWORD, signInFresh } from './support/clients';
import { closeDb, query } from './support/db';
import { anonKey, serviceRoleKey, supabaseUrl } from './support/env';

afterAll(async () => {
  await removeThrowawayUsers();
  await closeDb();
});

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
      expect(data?.claims).toMatchObject({ email: 'pca@depot.test', role: 'authenticated', user_role: 'pca' });
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

describe('custom access token hook', () => {
  it('puts the profile role in the token as user_role, at sign-in and at every refresh', async () => {
    const answer = await passwordSignIn(supabaseUrl, 'admin@depot.test', DEMO_PASSWORD);
    expect(answer.status).toBe(200);
    expect(claimsOf(String(answer.body.access_token))).toMatchObject({ sub: '00000000-0000-4000-8000-000000000001', user_role: 'admin' });
    const refreshed = await refresh(supabaseUrl, String(answer.body.refresh_token));
    expect(refreshed.status).toBe(200);
    expect(claimsOf(String(refreshed.body.access_token))).toMatchObject({ user_role: 'admin' });
  });

  it('gives user_role null to a user without a profile, with every claim GoTrue requires', async () => {
    const user = await createThrowawayUser();
    const answer = await passwordSignIn(supabaseUrl, user.email, user.password);
    expect(answer.status).toBe(200);
    const claims = claimsOf(String(answer.body.access_token));
    expect(claims).toMatchObject({ sub: user.id, email: user.email, role: 'authenticated', aal: 'aal1', is_anonymous: false });
    expect(claims.user_role).toBeNull();
    expect(answer.body.expires_at).toBe(claims.exp);
  });

  it('can be turned off', async () => {
    const server = await startAuthServer({ accessTokenHook: null });
    try {
      const answer = await passwordSignIn(server.url, 'admin@depot.test', DEMO_PASSWORD);
      expect(answer.status).toBe(200);
      expect(claimsOf(String(answer.body.access_token))).not.toHaveProperty('user_role');
    } finally {
      await server.close();
    }
  });

  describe('a hook that fails or returns bad claims', () => {
    // Test-only hooks in a schema of their own, dropped afterwards.
    afterAll(async () => {
      await query('drop schema if exists auth_hook_test cascade');
    });

    async function hook(name: string, body: string) {
      await query('create schema if not exists auth_hook_test');
      await query('grant usage on schema auth_hook_test to supabase_auth_admin');
      await query(
        `create or replace function auth_hook_test.${name}(event jsonb) returns jsonb language plpgsql as $$ begin ${body} end $$`,
      );
      await query(`grant execute on function auth_hook_test.${name}(jsonb) to supabase_auth_admin`);
      return `pg-functions://postgres/auth_hook_test/${name}`;
    }

    async function signInThrough(uri: string) {
      const server = await startAuthServer({ accessTokenHook: uri });
      try {
        const user = await createThrowawayUser();
        const answer = await authFetch(server.url, '/token?grant_type=password', {
          body: { email: user.email, password: user.password },
          apiVersion: '2024-01-01',
        });
        const [row] = await query<{ n: number }>('select count(*)::int as n from auth.sessions where user_id = $1', [user.id]);
        return { ...answer, sessions: row?.n };
      } finally {
        await server.close();
      }
    }

    it('refuses the sign-in with GoTrue’s error and keeps no session', async () => {
      const missing = await signInThrough(
        await hook('drops_a_claim', "return jsonb_set(event, '{claims}', (event -> 'claims') - 'session_id');"),
      );
      expect(missing).toMatchObject({
        status: 500,
        body: {
          code: 'unexpected_failure',
          message: 'output claims do not conform to the expected schema: \n- (root): session_id is required\n',
        },
        sessions: 0,
      });

      const refusing = await signInThrough(
        await hook('refuses', `return '{"error": {"http_code": 403, "message": "Not on Sundays"}}'::jsonb;`),
      );
      expect(refusing).toMatchObject({ status: 403, body: { code: 'unknown', message: 'Not on Sundays' }, sessions: 0 });

      const raising = await signInThrough(await hook('raises', "raise exception 'boom';"));
      expect(raising).toMatchObject({
        status: 500,
        body: { code: 'unexpected_failure', message: 'Error running hook URI: pg-functions://postgres/auth_hook_test/raises' },
        sessions: 0,
      });
    });
  });
});
