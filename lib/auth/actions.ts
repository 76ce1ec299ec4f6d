'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestClientAddress } from '@/lib/http/request-client';
import { interpolate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { createClient } from '@/lib/supabase/server';
import { createServiceClient } from '@/lib/supabase/service';
import { ROUTES } from '@/lib/routes';
import { safeNextPath } from './redirect';

export type SignInState = {
  message?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
};

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(320)),
  password: z.string().min(1).max(1024),
});

const gateAnswer = z.object({ allowed: z.boolean(), retry_after_seconds: z.number().optional() });

/**
 * Signs in with e-mail and password. Password guessing is throttled before the password reaches
 * the auth server: the database counts failures per account and per visitor address
 * (sign_in_gate / sign_in_failed, through the server's service role) and shuts the gate for a
 * while past the limits — for the right password too. The auth server throttles on its own as well
 * (it is told the visitor's address). Without a service-role key (allowed outside production) only
 * the auth server's limits apply.
 */
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

  const address = await requestClientAddress();
  const userAgent = (await headers()).get('user-agent')?.slice(0, 1000);
  const attempt = { email: parsed.data.email, client_address: address ?? undefined, user_agent: userAgent };
  const throttled = (seconds: number) => ({
    email,
    message: interpolate(dict.auth.throttled, { minutes: Math.max(1, Math.ceil(seconds / 60)) }),
  });

  const service = createServiceClient();
  if (service) {
    const { data, error } = await service.rpc('sign_in_gate', attempt);
    const gate = gateAnswer.safeParse(data);
    if (error || !gate.success) return { email, message: dict.auth.unavailable };
    if (!gate.data.allowed) return throttled(gate.data.retry_after_seconds ?? 60);
  }

  const supabase = await createClient({ forwardedFor: address });
  const { error } = await supabase.auth.signInWithPassword(parsed.data);
  if (error) {
    if (error.status === 429) return throttled(60);
    if (!error.status || error.status >= 500) return { email, message: dict.auth.unavailable };
    // Counted before answering, so parallel guesses cannot all slip past the gate.
    await service?.rpc('sign_in_failed', { ...attempt, reason: error.code ?? 'invalid_credentials' });
    return { email, message: dict.auth.invalidCredentials };
  }
  redirect(safeNextPath(formData.get('next')));
}

export async function signOutAction(): Promise<void> {
  const supabase = await createClient();
  await supabase.auth.signOut({ scope: 'local' });
  redirect(ROUTES.signIn);
}
