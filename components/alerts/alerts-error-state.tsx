'use client';

import { TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Button, buttonClass } from '@/components/ui/button';
import { useReportedError } from '@/components/ui/use-reported-error';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { ROUTES } from '@/lib/routes';
import { alertsErrorMessages } from './messages';

/** The alert pages' error screen, inside the console's frame: what happened, retry, a way back. */
export function AlertsErrorState({ error, retry, backToList }: { error: unknown; retry: () => void; backToList?: boolean }) {
  const { dict } = useI18n(alertsErrorMessages);
  const pathname = usePathname();
  // Off the list itself (an alert's page), offer the way back to it.
  const showBack = backToList ?? pathname !== ROUTES.alerts;
  const digest = useReportedError(error);
  return (
    <section className="mx-auto max-w-2xl rounded-lg border border-red-200 bg-white p-6 shadow-sm sm:p-8" data-testid="alerts-error">
      <div role="alert" className="flex gap-3">
        <TriangleAlert aria-hidden="true" className="mt-1 size-6 shrink-0 text-red-700" />
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{dict.error.title}</h1>
          <p className="mt-2 text-slate-700">{dict.error.body}</p>
          {digest ? <p className="mt-2 text-sm text-slate-600">{interpolate(dict.error.reference, { digest })}</p> : null}
        </div>
      </div>
      <div className="mt-6 flex flex-wrap gap-2">
        <Button onClick={() => retry()}>{dict.common.retry}</Button>
        {showBack ? (
          <Link href={ROUTES.alerts} className={buttonClass('secondary')}>
            {dict.notFound.backToAlerts}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
