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
    parseServerEnv(process.env);
  } catch (error) {
    console.error(`[config] ${error instanceof Error ? error.message : String(error)} The console cannot start.`);
    process.exit(1);
  }
}
