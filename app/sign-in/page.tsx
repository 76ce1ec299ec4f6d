import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { signInFormMessages } from '@/components/auth/messages';
import { SignInForm } from '@/components/auth/sign-in-form';
import { ApiStatus, ApiStatusSkeleton } from '@/components/health/api-status';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { WithMessages } from '@/components/layout/with-messages';
import { safeNextPath } from '@/lib/auth/redirect';
import { getSessionUser } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { dict } = await getI18n();
  return { title: dict.auth.signInTitle };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const [{ dict }, params, user] = await Promise.all([getI18n(), searchParams, getSessionUser()]);
  const next = safeNextPath(Array.isArray(params.next) ? params.next[0] : params.next);
  if (user) redirect(next);

  return (
    <main id="contenu" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-6 py-12">
      <div className="mb-6 flex justify-end">
        <LanguageSwitch tone="light" />
      </div>
      <p className="text-sm font-medium uppercase tracking-wider text-sky-800">{dict.common.depot}</p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight">{dict.common.appName}</h1>
      <p className="mt-3 text-slate-700">{dict.auth.signInIntro}</p>
      <section aria-labelledby="sign-in-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="sign-in-title" className="mb-5 text-lg font-semibold">
          {dict.auth.signInTitle}
        </h2>
        <WithMessages specs={[signInFormMessages]}>
          <SignInForm next={next} />
        </WithMessages>
      </section>
      <section aria-label={dict.auth.apiStatus} className="mt-6">
        <Suspense fallback={<ApiStatusSkeleton dict={dict} />}>
          <ApiStatus dict={dict} />
        </Suspense>
      </section>
    </main>
  );
}
