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
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(100_000, { error: 'must be at most 100000' })
    .default(60),
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
    RATE_LIMIT_PER_MINUTE: source.RATE_LIMIT_PER_MINUTE || undefined,
    AUDIT_SIGNING_KEY: source.AUDIT_SIGNING_KEY || undefined,
  });
  const problems = result.success ? [] : result.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
  // An unsigned export would be worthless to a reviewer: production refuses to run without a key.
  if (source.NODE_ENV === 'production' && !source.AUDIT_SIGNING_KEY) {
    problems.push('AUDIT_SIGNING_KEY is required in production (the Ed25519 private key that signs audit exports; see .env.example)');
  }
  if (problems.length > 0 || !result.success) throw new Error(`Invalid server configuration: ${problems.join('; ')}.`);
  return result.data;
}

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
