/**
 * Auth-server fixtures.
 * - Throwaway users made through the database (superuser inserts, cheap bcrypt), so tests that
 *   lock accounts or end sessions never touch the demo users other tests sign in as.
 * - An auth server of our own: `supabase/local/auth.mjs` in this process, on the test database,
 *   with settings the shared stack does not use (a short refresh-token reuse interval, a short
 *   session timebox, tight sign-in limits, another hook). It signs with a key of its own, which
 *   PostgREST does not know: use the shared stack for anything that reaches the database's API.
 * - `authFetch`: a raw call to an auth endpoint, returning status, headers and JSON body.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createAuthHandler } from '../../local/auth.mjs';
import { generateSigningKey } from '../../local/auth/keys.mjs';
import { jwtSecret } from '../../local/config.mjs';
import { query } from './db';
import { anonKey, databaseUrl } from './env';

export type ThrowawayUser = { id: string; email: string; password: string };

const throwaways: string[] = [];

/** A confirmed e-mail + password user with no profile (so no access to anything governed). */
export async function createThrowawayUser(): Promise<ThrowawayUser> {
  const id = randomUUID();
  const email = `throwaway-${id.slice(0, 8)}@auth.test`;
  const password = `pw-${randomUUID()}`;
  await query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
       confirmation_token, recovery_token, email_change_token_new, email_change)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
       extensions.crypt($3, extensions.gen_salt('bf', 4)), now(),
       '{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', '')`,
    [id, email, password],
  );
  throwaways.push(id);
  return { id, email, password };
}

/** Deletes the throwaway users (their sessions and refresh tokens go with them). */
export async function removeThrowawayUsers(): Promise<void> {
  const ids = throwaways.splice(0);
  if (ids.length > 0) await query('delete from auth.users where id = any($1::uuid[])', [ids]);
}

export type AuthServer = { url: string; close: () => Promise<void> };

type AuthServerOptions = Omit<Parameters<typeof createAuthHandler>[0], 'pool' | 'jwtSecret' | 'apiUrl' | 'signingKey'>;

/**
 * The auth handler alone, behind a minimal gateway (`/auth/v1/*`, any API key), on a free port.
 * Connects as `supabase_auth_admin`, as the stack's auth server does.
 */
export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const url = new URL(databaseUrl);
  url.username = 'supabase_auth_admin';
  url.password = 'postgres';
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  const signingKey = await generateSigningKey();
  // The handler needs the server's URL (its issuer), known once it listens.
  const mounted: { handler?: ReturnType<typeof createAuthHandler> } = {};
  const server = http.createServer((req, res) => {
    const path = /^\/auth\/v1(\/[^?]*)?/.exec(req.url ?? '')?.[1];
    if (!mounted.handler || path === undefined) {
      res.writeHead(404).end();
      return;
    }
    void mounted.handler(req, res, path);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mounted.handler = createAuthHandler({
    pool,
    jwtSecret,
    apiUrl: base,
    signingKey,
    ...options,
  });
  return {
    url: base,
    close: async () => {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await pool.end();
    },
  };
}

export type AuthAnswer = { status: number; headers: Headers; body: Record<string, unknown> };

/**
 * A raw request to `<baseUrl>/auth/v1<path>` with the anon key (and a bearer token or a client
 * address when given). Without `apiVersion`, GoTrue answers errors in its initial shape.
 */
export async function authFetch(
  baseUrl: string,
  path: string,
  options: { body?: unknown; bearer?: string; forwardedFor?: string; apiVersion?: string; method?: string } = {},
): Promise<AuthAnswer> {
  const headers: Record<string, string> = { apikey: anonKey, 'content-type': 'application/json' };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.forwardedFor) headers['x-forwarded-for'] = options.forwardedFor;
  if (options.apiVersion) headers['x-supabase-api-version'] = options.apiVersion;
  const response = await fetch(`${baseUrl}/auth/v1${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** `POST /token?grant_type=password`. */
export function passwordSignIn(baseUrl: string, email: string, password: string, forwardedFor?: string) {
  return authFetch(baseUrl, '/token?grant_type=password', { body: { email, password }, forwardedFor });
}

/** `POST /token?grant_type=refresh_token`. */
export function refresh(baseUrl: string, refreshToken: string) {
  return authFetch(baseUrl, '/token?grant_type=refresh_token', { body: { refresh_token: refreshToken } });
}

/** The payload of a JWT, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The header of a JWT. */
export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

let nextAddress = crypto.getRandomValues(new Uint16Array(1))[0] ?? 0;

/**
 * A client address no other test (nor an earlier run against the same stack, whose counts live
 * on) is likely to have used: 198.18.0.0/15 (benchmarking range) from a random start.
 */
export function freshAddress(): string {
  nextAddress = (nextAddress + 1) % 131_072;
  return `198.${18 + (nextAddress >> 16)}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
