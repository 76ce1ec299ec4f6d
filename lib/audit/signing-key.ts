import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The console's Ed25519 key that signs audit export manifests (lib/audit/manifest.ts), and how the
 * verifier reads the public half. Pure node:crypto, no server-only import: the server (from
 * AUDIT_SIGNING_KEY), the offline verifier (scripts/audit-verify.ts) and the tests share it.
 *
 *   private key: PKCS#8, as PEM (`-----BEGIN PRIVATE KEY-----`) or as the base64 of its DER
 *   public key:  SPKI, as PEM (`-----BEGIN PUBLIC KEY-----`) or as the base64 of its DER
 *   fingerprint: hex SHA-256 of the public key's SPKI DER (what the audit page shows and every
 *                manifest names in key_fingerprint)
 */
export type SigningKey = {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
};

/**
 * The fingerprint of the embedded local stack's well-known key (supabase/local/config.mjs,
 * localAuditSigningKey): public knowledge, so a signature with it proves nothing outside development.
 * A unit test keeps the two equal.
 */
export const LOCAL_SIGNING_KEY_FINGERPRINT = '11531dc95407fb5021a194ce863fce5fcda398d38688b32882926057ac121937';

const PEM_HEADER = /-----BEGIN ([A-Z ]+)-----/;

/** An environment variable may carry a PEM's line breaks as literal `\n`. */
function normalisePem(text: string): string {
  return text.replace(/\\n/g, '\n').trim();
}

function readKey(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  if (PEM_HEADER.test(trimmed)) {
    const pem = normalisePem(trimmed);
    return kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  }
  if (!/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) throw new Error('neither PEM nor base64');
  const der = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64');
  return kind === 'private'
    ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    : createPublicKey({ key: der, format: 'der', type: 'spki' });
}

export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** AUDIT_SIGNING_KEY's value → the key pair; throws with a readable reason when it is not an Ed25519 private key. */
export function parseSigningKey(text: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = readKey(text, 'private');
  } catch {
    throw new Error('must be an Ed25519 private key: PKCS#8 PEM, or the base64 of its DER');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`must be an Ed25519 private key (got ${privateKey.asymmetricKeyType ?? 'an unknown'} key)`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

/** A public key the reviewer trusts (PEM text or base64 SPKI DER); throws when it is not Ed25519. */
export function parsePublicKey(text: string): KeyObject {
  let publicKey: KeyObject;
  try {
    publicKey = readKey(text, 'public');
  } catch {
    throw new Error('not a public key: expected a PEM (-----BEGIN PUBLIC KEY-----) or the base64 of its SPKI DER');
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`not an Ed25519 public key (got ${publicKey.asymmetricKeyType ?? 'an unknown'} key)`);
  }
  return publicKey;
}
