import { ChevronRight, ChevronsLeft } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { auditFiltersToQuery, type AuditFilters } from '@/lib/audit/filters';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { ROUTES } from '@/lib/routes';

/** Keyset pages by id, newest first: "Suivant" goes below the last id shown; going back is the browser's history. */
export function AuditPagination({ filters, nextBefore, dict }: { filters: AuditFilters; nextBefore: number | null; dict: Dictionary }) {
  if (!filters.before && !nextBefore) return null;
  return (
    <nav aria-label={dict.audit.pagination} className="flex flex-wrap items-center justify-between gap-3">
      <div>
        {filters.before ? (
          <Link
            href={`${ROUTES.audit}${auditFiltersToQuery({ ...filters, before: undefined })}`}
            className={buttonClass('secondary')}
            data-testid="audit-first-page"
          >
            <ChevronsLeft aria-hidden="true" className="size-4" />
            {dict.audit.firstPage}
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">{nextBefore ? dict.audit.moreAfter : dict.audit.lastPage}</p>
      <div>
        {nextBefore ? (
          <Link
            href={`${ROUTES.audit}${auditFiltersToQuery({ ...filters, before: nextBefore })}`}
            className={buttonClass('secondary')}
            rel="next"
            data-testid="audit-next-page"
          >
            {dict.audit.next}
            <ChevronRight aria-hidden="true" className="size-4" />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
