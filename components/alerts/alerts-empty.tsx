'use client';

import { Inbox, SearchX } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { emptyKind } from '@/lib/alerts/list-state';
import { alertFiltersToQuery } from '@/lib/alerts/rules';
import type { AlertFilters } from '@/lib/alerts/rules';
import { useI18n } from '@/lib/i18n/client';
import { ROUTES } from '@/lib/routes';
import { alertsEmptyMessages } from './messages';

export function AlertsEmpty({ filters }: { filters: AlertFilters }) {
  const { dict } = useI18n(alertsEmptyMessages);
  const kind = emptyKind(filters);
  const Icon = kind === 'none' ? Inbox : SearchX;
  const title = kind === 'none' ? dict.alerts.emptyAll : kind === 'filtered' ? dict.alerts.empty : dict.alerts.emptyPage;
  const hint = kind === 'none' ? dict.alerts.emptyAllHint : kind === 'filtered' ? dict.alerts.emptyHint : null;
  return (
    <div
      className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
      data-testid="alerts-empty"
      data-empty-kind={kind}
    >
      <Icon aria-hidden="true" className={`size-10 ${kind === 'none' ? 'text-emerald-700' : 'text-slate-500'}`} />
      <p className="mt-3 text-base font-semibold text-slate-900">{title}</p>
      {hint ? <p className="mt-1 max-w-md text-sm text-slate-700">{hint}</p> : null}
      {kind === 'filtered' ? (
        <Link href={ROUTES.alerts} className={`${buttonClass('secondary')} mt-4`}>
          {dict.alerts.reset}
        </Link>
      ) : null}
      {kind === 'pageEnd' ? (
        <Link
          href={`${ROUTES.alerts}${alertFiltersToQuery({ ...filters, cursor: undefined })}`}
          className={`${buttonClass('secondary')} mt-4`}
        >
          {dict.alerts.firstPage}
        </Link>
      ) : null}
    </div>
  );
}
