import { LOCAL_SIGNING_KEY_FINGERPRINT, parseSigningKey } from '@/lib/audit/signing-key';
import { parsePublicEnv } from '@/lib/env';
import { parseServerEnv } from '@/lib/server-env';

/**
 * Stops the Node.js server when its configuration is missing or malformed, naming the variable.
 * (Imported by instrumentation.ts on the Node.js runtime only: process.exit has no Edge equivalent.)
 */
export function validateConfigurationAtStart(): void {
  try {
    parsePublicEnv({
      NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    });
    const { AUDIT_SIGNING_KEY } = parseServerEnv(process.env);
    if (!AUDIT_SIGNING_KEY) {
      console.warn('[config] AUDIT_SIGNING_KEY is not set: audit exports and /api/audit/public-key answer 503 until it is.');
    } else if (
      process.env.NODE_ENV === 'production' &&
      parseSigningKey(AUDIT_SIGNING_KEY).fingerprint === LOCAL_SIGNING_KEY_FINGERPRINT
    ) {
      // Allowed, for the test and benchmark runs of a production build against the local stack.
      console.warn(
        '[config] AUDIT_SIGNING_KEY is the local stack’s well-known key (public knowledge): exports signed with it prove nothing. Set a key of your own.',
      );
    }
  } catch (error) {
    console.error(`[config] ${error instanceof Error ? error.message : String(error)} The console cannot start.`);
    process.exit(1);
  }
}
