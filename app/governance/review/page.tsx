import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ReviewAttestation } from '@/components/review/review-attestation';
import { ReviewFilters } from '@/components/review/review-filters';
import { ReviewReport } from '@/components/review/review-report';
import {
  ReviewCounts,
  ReviewEntities,
  ReviewHandlingTimes,
  ReviewHeatMap,
  ReviewOnTime,
  ReviewReasons,
} from '@/components/review/review-sections';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { fetchDepots } from '@/lib/depots/queries';
import { getI18n } from '@/lib/i18n/server';
import { formatDate, interpolate } from '@/lib/i18n/format';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { parseReviewSelection, previousMonth, reviewBounds, reviewSelectionToQuery } from '@/lib/review/period';
import { fetchAttestation, fetchReportMeta, fetchReviewSummary } from '@/lib/review/queries';
import { ROUTES } from '@/lib/routes';
import { createClient } from '@/lib/supabase/server';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.review.title };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The board's review: a period (7, 30, 90 days, a month, two days) and a depot, held in the URL;
 * the figures come from review_summary(), read as the user (RLS decides which alerts count).
 */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const selection = parseReviewSelection(params);
  const canonical = reviewSelectionToQuery(selection);
  // The GET form sends every field, the blank ones too: land on the tidy URL that names the same view.
  if (Object.values(params).some((value) => value === '')) redirect(`${ROUTES.review}${canonical}`);

  const user = await requirePermission('governance:read', `${ROUTES.review}${canonical}`);
  const supabase = await createClient();
  const [{ dict, locale }, timeZone, depots] = await Promise.all([getI18n(), getDepotTimeZone(), fetchDepots(supabase)]);
  const r = dict.review;
  const now = new Date();
  const bounds = reviewBounds(selection, now, timeZone);
  const depot = selection.depot ? depots.find((candidate) => candidate.code === selection.depot) : undefined;
  const unknownDepot = selection.depot !== undefined && depot === undefined;
  const month = bounds.ok && selection.period === 'month' ? bounds.bounds.firstDay.slice(0, 7) : null;
  // The scope an attestation covers: the depot chosen, else the user's own (a depot's), else every depot.
  const scopeDepotId = depot ? depot.id : null;
  const monthScope = scopeDepotId ?? (user.depot ? (depots[0]?.id ?? null) : null);
  const [summary, attestation, report] =
    bounds.ok && !unknownDepot
      ? await Promise.all([
          // A depot's user: their depot by name, as their attestation names it (same figures, same hash).
          fetchReviewSummary(supabase, bounds.bounds, selection.depot ?? user.depot?.code),
          month ? fetchAttestation(supabase, month, monthScope) : null,
          month ? fetchReportMeta(supabase, month, monthScope) : null,
        ])
      : [null, null, null];
  const scope = depot ? `${depot.code} — ${depot.name}` : user.depot ? user.depot.name : r.allDepots;

  return (
    <div className="space-y-6">
      <PageHeader title={r.title} intro={r.intro} />
      <ReviewFilters selection={selection} month={selection.month ?? previousMonth(now, timeZone)} depots={depots} dict={dict} />
      {!bounds.ok ? (
        <p role="alert" className="rounded-md bg-amber-50 px-4 py-3 text-amber-950 ring-1 ring-amber-300" data-testid="review-invalid">
          {r.periodInvalid[bounds.reason]}
        </p>
      ) : unknownDepot ? (
        <p role="alert" className="rounded-md bg-amber-50 px-4 py-3 text-amber-950 ring-1 ring-amber-300" data-testid="review-invalid">
          {interpolate(r.unknownDepot, { depot: selection.depot ?? '' })}
        </p>
      ) : summary ? (
        <>
          <p className="text-sm font-medium text-slate-800" data-testid="review-showing">
            {interpolate(r.showing, {
              first: formatDate(`${bounds.bounds.firstDay}T12:00:00Z`, locale, 'UTC'),
              last: formatDate(`${bounds.bounds.lastDay}T12:00:00Z`, locale, 'UTC'),
              scope,
            })}
          </p>
          <ReviewCounts summary={summary} dict={dict} locale={locale} />
          <div className="grid items-start gap-4 lg:grid-cols-5">
            <div className="min-w-0 lg:col-span-3">
              <ReviewHandlingTimes summary={summary} dict={dict} locale={locale} />
            </div>
            <div className="min-w-0 space-y-4 lg:col-span-2">
              <ReviewOnTime summary={summary} dict={dict} locale={locale} />
              <ReviewReasons summary={summary} dict={dict} locale={locale} />
            </div>
          </div>
          <ReviewReport
            month={month}
            depot={selection.depot}
            monthOver={bounds.bounds.until.getTime() <= now.getTime()}
            report={report}
            dict={dict}
            locale={locale}
            timeZone={timeZone}
          />
          <ReviewAttestation
            month={month}
            depot={selection.depot}
            monthOver={bounds.bounds.until.getTime() <= now.getTime()}
            attestation={attestation}
            canAttest={can(user.role, 'review:attest')}
            dict={dict}
            locale={locale}
            timeZone={timeZone}
          />
          <ReviewEntities summary={summary} dict={dict} locale={locale} />
          <ReviewHeatMap summary={summary} dict={dict} locale={locale} />
        </>
      ) : null}
    </div>
  );
}
