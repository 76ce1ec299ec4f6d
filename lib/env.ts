import { z } from 'zod';

/**
 * Public configuration shared by the server, the proxy and the browser.
 *
 * IMPORTANT: Next.js inlines `NEXT_PUBLIC_*` variables into the browser bundle only when they are
 * read as literal `process.env.NEXT_PUBLIC_…` expressions, so `getPublicEnv()` names each one
 * explicitly instead of passing `process.env` around.
 */
const publicEnvSchema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: z
    .string({ error: 'is not set' })
    .trim()
    .min(1, { error: 'is not set' })
    .pipe(
      z.url({
        protocol: /^https?$/,
        hostname: z.regexes.hostname,
        error: 'must be an http(s) URL such as http://127.0.0.1:54321',
      }),
    )
    .transform((url) => url.replace(/\/+$/, '')),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z
    .string({ error: 'is not set' })
    .trim()
    .min(1, { error: 'is not set' })
    .regex(/^\S+$/, { error: 'must not contain whitespace' }),
});

export type PublicEnv = z.infer<typeof publicEnvSchema>;

export type PublicEnvSource = Partial<Record<keyof PublicEnv, string | undefined>>;

export class InvalidEnvError extends Error {
  override readonly name = 'InvalidEnvError';
  /** The names of the variables that failed validation. */
  readonly variables: readonly string[];

  constructor(variables: readonly string[], details: readonly string[]) {
    super(
      `Invalid public configuration: ${details.join('; ')}. ` +
        'Set these variables in .env.local (see .env.example) or in the environment.',
    );
    this.variables = variables;
  }
}

/** Validates a raw source (usually `process.env`) and throws an error naming each bad variable. */
export function parsePublicEnv(source: PublicEnvSource): PublicEnv {
  const result = publicEnvSchema.safeParse(source);
  if (result.success) return result.data;

  const variables: string[] = [];
  const details: string[] = [];
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? 'environment');
    if (!variables.includes(variable)) {
      variables.push(variable);
      details.push(`${variable} ${issue.message}`);
    }
  }
  throw new InvalidEnvError(variables, details);
}

let cached: PublicEnv | undefined;

/** The validated public configuration, parsed once per process (or browser tab). */
export function getPublicEnv(): PublicEnv {
  cached ??= parsePublicEnv({
    NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
  });
  return cached;
}
