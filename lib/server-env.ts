import { z } from 'zod';
import { parseSigningKey } from '@/lib/audit/signing-key';

/**
 * Server-only configuration (never NEXT_PUBLIC_), validated when the server starts
 * (instrumentation.ts) so a missing or malformed value stops it with a message naming the variable.
 * Pure (no server-only import) so it is unit-tested; only server code reads these variables.
 */
const serverEnvSchema = z.object({
  SUPABASE_SERVICE_ROLE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$|^sb_secret_[A-Za-z0-9_-]+$/, {
      error: 'must be a service-role JWT or an sb_secret_… key',
    })
    .optional(),
  /**
   * How many proxies in front of the console append the visitor's address to X-Forwarded-For: the
   * visitor is that many entries from the end (1: one load balancer, or none — then Next.js itself
   * fills the header with the connection's address unless the visitor sent one).
   */
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(10, { error: 'must be at most 10' })
    .default(1),
  /** Signs every audit export's manifest (lib/audit/manifest.ts). Required in production. */
  AUDIT_SIGNING_KEY: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseSigningKey(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    })
    .optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverEnvSchema.safeParse({
    SUPABASE_SERVICE_ROLE_KEY: source.SUPABASE_SERVICE_ROLE_KEY || undefined,
    TRUSTED_PROXY_HOPS: source.TRUSTED_PROXY_HOPS || undefined,
    AUDIT_SIGNING_KEY: source.AUDIT_SIGNING_KEY || undefined,
  });
  const problems = result.success ? [] : result.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
  if (source.NODE_ENV === 'production') {
    // The server records denied attempts, throttles sign-ins and reports its version with its own
    // key: without it those protections would be silently off.
    if (!source.SUPABASE_SERVICE_ROLE_KEY) {
      problems.push(
        'SUPABASE_SERVICE_ROLE_KEY is not set (required in production: sign-in throttling, the security log and version reports use it)',
      );
    }
    // An unsigned export would be worthless to a reviewer.
    if (!source.AUDIT_SIGNING_KEY) {
      problems.push('AUDIT_SIGNING_KEY is required in production (the Ed25519 private key that signs audit exports; see .env.example)');
    }
  }
  if (result.success && problems.length === 0) return result.data;
  throw new Error(`Invalid server configuration: ${problems.join('; ')}.`);
}

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
