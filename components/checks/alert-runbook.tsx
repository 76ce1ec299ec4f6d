import { BookOpen } from 'lucide-react';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { runbookFor } from '@/lib/checks/catalogue';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { interpolate } from '@/lib/i18n/format';
import { checkRunbookPath } from '@/lib/routes';
import { RunbookSections } from './runbook-sections';

/**
 * "What to do" on an alert's page: its check's runbook in the viewer's language (rendered on the
 * server: the page carries this one runbook, no other). A code this console does not know yet —
 * the database can be newer than the console — says so rather than stay silent.
 */
export function AlertRunbook({ code, dict, locale }: { code: string; dict: Dictionary; locale: Locale }) {
  const entry = runbookFor(code, locale);
  return (
    <Card
      title={dict.runbooks.whatToDo}
      titleId="alert-runbook-title"
      actions={
        entry ? (
          <Link
            href={checkRunbookPath(entry.code)}
            className="inline-flex items-center gap-1 rounded-sm text-sm font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
          >
            <BookOpen aria-hidden="true" className="size-4" />
            {dict.runbooks.fullGuide}
          </Link>
        ) : null
      }
    >
      <div data-testid="alert-runbook" data-check={code} data-known={entry ? 'true' : 'false'}>
        {entry ? (
          <RunbookSections runbook={entry.runbook} dict={dict} level={3} />
        ) : (
          <p className="text-sm text-slate-700">{interpolate(dict.runbooks.noRunbook, { code })}</p>
        )}
      </div>
    </Card>
  );
}
