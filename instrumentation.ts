/**
 * Runs once when the server starts: a missing or malformed configuration stops it here, with a
 * message naming the variable, instead of failing on the first request. (NEXT_PUBLIC_* values were
 * inlined, and checked, at build time; they are checked again here for `next dev`.)
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { parsePublicEnv } = await import('./lib/env');
  const { parseServerEnv } = await import('./lib/server-env');
  try {
    parsePublicEnv({
      NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    });
    parseServerEnv(process.env);
  } catch (error) {
    console.error(`[config] ${error instanceof Error ? error.message : String(error)} The console cannot start.`);
    process.exit(1);
  }
}
