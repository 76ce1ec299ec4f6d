'use client';

import { ChevronRight, ChevronsLeft } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { alertFiltersToQuery } from '@/lib/alerts/rules';
import type { AlertFilters } from '@/lib/alerts/rules';
import { useI18n } from '@/lib/i18n/client';
import { ROUTES } from '@/lib/routes';

/**
 * Keyset pagination: "Next" carries the cursor of the last row shown, "First page" drops it;
 * going back a page is the browser's own history.
 */
export function AlertPagination({ filters, nextCursor }: { filters: AlertFilters; nextCursor: string | null }) {
  const { dict } = useI18n();
  if (!filters.cursor && !nextCursor) return null;
  return (
    <nav aria-label={dict.alerts.pagination} className="flex flex-wrap items-center justify-between gap-3">
      <div>
        {filters.cursor ? (
          <Link
            href={`${ROUTES.alerts}${alertFiltersToQuery({ ...filters, cursor: undefined })}`}
            className={buttonClass('secondary')}
            data-testid="alerts-first-page"
          >
            <ChevronsLeft aria-hidden="true" className="size-4" />
            {dict.alerts.firstPage}
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">{nextCursor ? dict.alerts.moreAfter : dict.alerts.lastPage}</p>
      <div>
        {nextCursor ? (
          <Link
            href={`${ROUTES.alerts}${alertFiltersToQuery({ ...filters, cursor: nextCursor })}`}
            className={buttonClass('secondary')}
            rel="next"
            data-testid="alerts-next-page"
          >
            {dict.alerts.next}
            <ChevronRight aria-hidden="true" className="size-4" />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
