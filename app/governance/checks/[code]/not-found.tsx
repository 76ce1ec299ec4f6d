import { SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { getI18n } from '@/lib/i18n/server';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.runbooks.notFoundTitle };
}

/** No check has this code: say so inside the console, and lead back to the runbooks. */
export default async function RunbookNotFound() {
  const { dict } = await getI18n();
  return (
    <section
      className="mx-auto max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      data-testid="runbook-not-found"
    >
      <p className="text-sm font-medium uppercase tracking-wider text-sky-800">{dict.error.code404}</p>
      <div className="mt-2 flex gap-3">
        <SearchX aria-hidden="true" className="mt-1 size-6 shrink-0 text-slate-500" />
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{dict.runbooks.notFoundTitle}</h1>
          <p className="mt-2 text-slate-700">{dict.runbooks.notFoundBody}</p>
        </div>
      </div>
      <Link href={ROUTES.checks} className={`${buttonClass('primary')} mt-6`}>
        {dict.runbooks.allGuides}
      </Link>
    </section>
  );
}
