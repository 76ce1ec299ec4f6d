import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './server-env';

const ed25519 = generateKeyPairSync('ed25519').privateKey;
const ed25519Pem = ed25519.export({ type: 'pkcs8', format: 'pem' }).toString();
const ed25519Der = ed25519.export({ type: 'pkcs8', format: 'der' }).toString('base64');
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('server configuration', () => {
  it('defaults the rate limit to 60 per minute and accepts no service key', () => {
    expect(parseServerEnv({})).toEqual({ RATE_LIMIT_PER_MINUTE: 60 });
  });

  it('reads a valid configuration', () => {
    expect(
      parseServerEnv({ RATE_LIMIT_PER_MINUTE: '120', SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc', AUDIT_SIGNING_KEY: ed25519Der }),
    ).toEqual({
      RATE_LIMIT_PER_MINUTE: 120,
      SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc',
      AUDIT_SIGNING_KEY: ed25519Der,
    });
  });

  it('takes the audit signing key as PEM, with real or escaped line breaks', () => {
    expect(parseServerEnv({ AUDIT_SIGNING_KEY: ed25519Pem }).AUDIT_SIGNING_KEY).toBe(ed25519Pem);
    const escaped = ed25519Pem.replace(/\n/g, '\\n');
    expect(parseServerEnv({ AUDIT_SIGNING_KEY: escaped, NODE_ENV: 'production' }).AUDIT_SIGNING_KEY).toBe(escaped);
  });

  it.each([
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE must be a whole number'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE must be at least 1'],
    [{ SUPABASE_SERVICE_ROLE_KEY: 'not a key' }, 'SUPABASE_SERVICE_ROLE_KEY must be a service-role JWT'],
    [{ AUDIT_SIGNING_KEY: 'not a key' }, 'AUDIT_SIGNING_KEY must be an Ed25519 private key: PKCS#8 PEM, or the base64 of its DER'],
    [{ AUDIT_SIGNING_KEY: 'c2hvcnQ=' }, 'AUDIT_SIGNING_KEY must be an Ed25519 private key: PKCS#8 PEM'],
    [{ AUDIT_SIGNING_KEY: ecPem }, 'AUDIT_SIGNING_KEY must be an Ed25519 private key (got ec key)'],
    [{ NODE_ENV: 'production' }, 'AUDIT_SIGNING_KEY is required in production'],
    [{ NODE_ENV: 'production', AUDIT_SIGNING_KEY: '' }, 'AUDIT_SIGNING_KEY is required in production'],
  ])('names the variable that is wrong (%o)', (source, message) => {
    expect(() => parseServerEnv(source)).toThrow(message);
  });
});
