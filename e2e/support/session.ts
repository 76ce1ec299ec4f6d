import { createServerClient } from '@supabase/ssr';
import type { BrowserContext } from '@playwright/test';
import { anonKey, supabaseUrl } from '../../supabase/tests/support/env';

export const DEMO_PASSWORD = 'demo-governance';
export type DemoRole = 'admin' | 'directeur' | 'pca' | 'operateur' | 'gerant' | 'lecture';

const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

/**
 * Signs a browser context in as a demo user (or any account, by e-mail) without the sign-in form:
 * a session from the auth server, stored in the very cookies the console's sign-in writes
 * (@supabase/ssr's own format). A fresh session per call, so a test that signs out ends nobody
 * else's. The form itself is tested in session.spec.ts.
 */
export async function signIn(context: BrowserContext, who: DemoRole | `${string}@${string}`, password = DEMO_PASSWORD): Promise<void> {
  const email = who.includes('@') ? who : `${who}@depot.test`;
  const jar = new Map<string, string>();
  const supabase = createServerClient(supabaseUrl, anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
  });
  const { error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`);
  await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: baseURL, httpOnly: true, sameSite: 'Lax' as const })));
}
