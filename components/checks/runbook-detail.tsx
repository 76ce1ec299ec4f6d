import { ArrowLeft, ListFilter } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { LocalizedRunbook } from '@/lib/checks/catalogue';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { alertsOfCheckPath, ROUTES } from '@/lib/routes';
import { RunbookSections } from './runbook-sections';

/** One check's runbook page: the check, the object that computes it, the runbook, and its alerts. */
export function RunbookDetail({ entry, dict }: { entry: LocalizedRunbook; dict: Dictionary }) {
  return (
    <article className="space-y-5" data-testid="runbook-page" data-check={entry.code}>
      <Link
        href={ROUTES.checks}
        className="inline-flex items-center gap-1 text-sm font-medium text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {dict.runbooks.allGuides}
      </Link>
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <p className="text-sm font-medium text-slate-600">{entry.familyLabel}</p>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {entry.label} <code className="text-base font-normal text-slate-600 [overflow-wrap:anywhere]">{entry.code}</code>
          </h1>
          <p className="text-xs text-slate-600">
            {dict.runbooks.computedBy} <code>{entry.source}</code>
          </p>
        </div>
        <Link href={alertsOfCheckPath(entry.code)} className={buttonClass('secondary')}>
          <ListFilter aria-hidden="true" className="size-4" />
          {dict.runbooks.alertsOfCheck}
        </Link>
      </header>
      <Card className="max-w-5xl">
        <RunbookSections runbook={entry.runbook} dict={dict} level={2} />
      </Card>
    </article>
  );
}
