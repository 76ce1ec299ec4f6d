import { ChevronRight, ChevronsLeft } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from './button';

/**
 * Keyset pages: "next" carries the key of the last row shown, "first page" drops it; going back a
 * page is the browser's own history. Nothing at all when there is a single page. `labels` are the
 * list's own words (`pagination` names the navigation); `testIdPrefix` names the two links
 * (`<prefix>-first-page`, `<prefix>-next-page`).
 */
export function KeysetPagination({
  firstHref,
  nextHref,
  labels,
  testIdPrefix,
}: {
  /** Set when the list does not start at the first row. */
  firstHref: string | null;
  /** Set when more rows follow. */
  nextHref: string | null;
  labels: { pagination: string; firstPage: string; next: string; moreAfter: string; lastPage: string };
  testIdPrefix: string;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label={labels.pagination} className="flex flex-wrap items-center justify-between gap-3">
      <div>
        {firstHref ? (
          <Link href={firstHref} className={buttonClass('secondary')} data-testid={`${testIdPrefix}-first-page`}>
            <ChevronsLeft aria-hidden="true" className="size-4" />
            {labels.firstPage}
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">{nextHref ? labels.moreAfter : labels.lastPage}</p>
      <div>
        {nextHref ? (
          <Link href={nextHref} className={buttonClass('secondary')} rel="next" data-testid={`${testIdPrefix}-next-page`}>
            {labels.next}
            <ChevronRight aria-hidden="true" className="size-4" />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
