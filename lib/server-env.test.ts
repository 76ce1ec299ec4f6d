import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './server-env';

const ed25519 = generateKeyPairSync('ed25519').privateKey;
const ed25519Pem = ed25519.export({ type: 'pkcs8', format: 'pem' }).toString();
const ed25519Der = ed25519.export({ type: 'pkcs8', format: 'der' }).toString('base64');
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('server configuration', () => {
  it('outside production, needs nothing: one proxy hop, no service key', () => {
    expect(parseServerEnv({})).toEqual({ TRUSTED_PROXY_HOPS: 1 });
  });

  it('reads a valid configuration', () => {
    expect(
      parseServerEnv({
        TRUSTED_PROXY_HOPS: '2',
        SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc',
        AUDIT_SIGNING_KEY: ed25519Der,
        NODE_ENV: 'production',
      }),
    ).toEqual({
      TRUSTED_PROXY_HOPS: 2,
      SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc',
      AUDIT_SIGNING_KEY: ed25519Der,
    });
  });

  it('takes the audit signing key as PEM, with real or escaped line breaks', () => {
    expect(parseServerEnv({ AUDIT_SIGNING_KEY: ed25519Pem }).AUDIT_SIGNING_KEY).toBe(ed25519Pem);
    const escaped = ed25519Pem.replace(/\n/g, '\\n');
    expect(
      parseServerEnv({ AUDIT_SIGNING_KEY: escaped, SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc', NODE_ENV: 'production' }).AUDIT_SIGNING_KEY,
    ).toBe(escaped);
  });

  it.each([
    [{ TRUSTED_PROXY_HOPS: 'lots' }, 'TRUSTED_PROXY_HOPS must be a whole number'],
    [{ TRUSTED_PROXY_HOPS: '0' }, 'TRUSTED_PROXY_HOPS must be at least 1'],
    [{ SUPABASE_SERVICE_ROLE_KEY: 'not a key' }, 'SUPABASE_SERVICE_ROLE_KEY must be a service-role JWT'],
    [{ NODE_ENV: 'production' }, 'SUPABASE_SERVICE_ROLE_KEY is not set (required in production'],
    [{ AUDIT_SIGNING_KEY: 'not a key' }, 'AUDIT_SIGNING_KEY must be an Ed25519 private key: PKCS#8 PEM, or the base64 of its DER'],
    [{ AUDIT_SIGNING_KEY: 'c2hvcnQ=' }, 'AUDIT_SIGNING_KEY must be an Ed25519 private key: PKCS#8 PEM'],
    [{ AUDIT_SIGNING_KEY: ecPem }, 'AUDIT_SIGNING_KEY must be an Ed25519 private key (got ec key)'],
    [{ NODE_ENV: 'production' }, 'AUDIT_SIGNING_KEY is required in production'],
    [{ NODE_ENV: 'production', AUDIT_SIGNING_KEY: '' }, 'AUDIT_SIGNING_KEY is required in production'],
  ])('names the variable that is wrong (%o)', (source, message) => {
    expect(() => parseServerEnv(source)).toThrow(message);
  });
});
