import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localAuditSigningKey } from '../../supabase/local/config.mjs';
import { LOCAL_SIGNING_KEY_FINGERPRINT, keyFingerprint, parsePublicKey, parseSigningKey } from './signing-key';

describe('signing key', () => {
  it('derives the public key, its PEM and its fingerprint (SHA-256 of the SPKI DER)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key = parseSigningKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    expect(key.fingerprint).toBe(createHash('sha256').update(spki).digest('hex'));
    expect(key.publicKeyPem).toBe(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(keyFingerprint(parsePublicKey(key.publicKeyPem))).toBe(key.fingerprint);
    expect(keyFingerprint(parsePublicKey(spki.toString('base64')))).toBe(key.fingerprint);
  });

  it('knows the local stack’s well-known key by its fingerprint', () => {
    expect(parseSigningKey(localAuditSigningKey).fingerprint).toBe(LOCAL_SIGNING_KEY_FINGERPRINT);
  });

  it('refuses what is not an Ed25519 public key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => parsePublicKey(ec)).toThrow('not an Ed25519 public key (got ec key)');
    expect(() => parsePublicKey('keys/console.pem')).toThrow('not a public key');
    expect(() => parsePublicKey('AAAA')).toThrow('not a public key');
  });
});
