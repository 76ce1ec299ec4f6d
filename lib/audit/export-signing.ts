import 'server-only';
import { getServerEnv } from '@/lib/server-env';
import { LOCAL_SIGNING_KEY_FINGERPRINT, parseSigningKey, type SigningKey } from './signing-key';

let cached: SigningKey | null | undefined;

/**
 * The console's export signing key, from AUDIT_SIGNING_KEY (checked at start), or null when it is
 * unset — in development only: a production server does not start without it.
 */
export function getExportSigningKey(): SigningKey | null {
  if (cached === undefined) {
    const text = getServerEnv().AUDIT_SIGNING_KEY;
    cached = text ? parseSigningKey(text) : null;
  }
  return cached;
}

/** What anyone may know of it: the audit page and GET /api/audit/public-key show this. */
export type PublicSigningKey = {
  publicKeyPem: string;
  fingerprint: string;
  /** The local stack's well-known key: a signature with it proves nothing. */
  local: boolean;
};

export function getPublicSigningKey(): PublicSigningKey | null {
  const key = getExportSigningKey();
  if (!key) return null;
  return { publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint, local: key.fingerprint === LOCAL_SIGNING_KEY_FINGERPRINT };
}
