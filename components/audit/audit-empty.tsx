import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { auditFiltersToQuery, type AuditFilters } from '@/lib/audit/filters';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { ROUTES } from '@/lib/routes';

/** Nothing to list: for these filters, or past the last page. */
export function AuditEmpty({ filters, dict }: { filters: AuditFilters; dict: Dictionary }) {
  const pageEnd = Boolean(filters.before);
  return (
    <div
      className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
      data-testid="audit-empty"
    >
      <SearchX aria-hidden="true" className="size-10 text-slate-500" />
      <p className="mt-3 text-base font-semibold text-slate-900">{pageEnd ? dict.audit.emptyPage : dict.audit.empty}</p>
      {pageEnd ? null : <p className="mt-1 max-w-md text-sm text-slate-700">{dict.audit.emptyHint}</p>}
      <Link
        href={pageEnd ? `${ROUTES.audit}${auditFiltersToQuery({ ...filters, before: undefined })}` : ROUTES.audit}
        className={`${buttonClass('secondary')} mt-4`}
      >
        {pageEnd ? dict.audit.firstPage : dict.audit.reset}
      </Link>
    </div>
  );
}
