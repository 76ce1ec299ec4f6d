'use client';

import { useReportedError } from '@/components/ui/use-reported-error';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { errorPageMessages } from '@/components/ui/messages';

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const { dict } = useI18n(errorPageMessages);
  const digest = useReportedError(error);

  return (
    <main id="contenu" className="mx-auto max-w-3xl px-6 py-16 sm:py-24">
      <div role="alert">
        <h1 className="text-3xl font-semibold tracking-tight">{dict.error.title}</h1>
        <p className="mt-4 text-lg text-slate-700">{dict.error.body}</p>
        {digest ? <p className="mt-2 text-sm text-slate-700">{interpolate(dict.error.reference, { digest })}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-8 inline-flex rounded-md bg-sky-800 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
      >
        {dict.common.retry}
      </button>
    </main>
  );
}
