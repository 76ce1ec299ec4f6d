'use server';

import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { z } from 'zod';
import { logSecurityEvent } from '@/lib/audit/security-log';
import { getI18n } from '@/lib/i18n/server';
import { createClient } from '@/lib/supabase/server';
import { reportConsoleVersion } from '@/lib/versions/report';
import { safeNextPath } from './redirect';

export type SignInState = {
  message?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
};

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const { dict } = await getI18n();
  const email = String(formData.get('email') ?? '');
  const parsed = signInSchema.safeParse({ email, password: formData.get('password') ?? '' });
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
    return {
      email,
      fieldErrors: {
        ...(fields.has('email') ? { email: dict.auth.emailInvalid } : {}),
        ...(fields.has('password') ? { password: dict.auth.passwordRequired } : {}),
      },
    };
  }

  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithPassword(parsed.data);
  if (error) {
    const unavailable = !error.status || error.status >= 500;
    if (!unavailable) {
      await logSecurityEvent({
        kind: 'sign_in_failed',
        severity: 'WARN',
        reason: error.code ?? 'invalid_credentials',
        actor: { email: parsed.data.email },
        path: '/sign-in',
      });
    }
    return { email, message: unavailable ? dict.auth.unavailable : dict.auth.invalidCredentials };
  }
  // The console reports the version it runs, through the session just opened (after the response).
  after(() => reportConsoleVersion(supabase));
  redirect(safeNextPath(formData.get('next')));
}

export async function signOutAction(): Promise<void> {
  const supabase = await createClient();
  await supabase.auth.signOut({ scope: 'local' });
  redirect('/sign-in');
}
