import 'server-only';
import { getServerEnv } from '@/lib/server-env';
import { parseSigningKey, type SigningKey } from './signing-key';

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
