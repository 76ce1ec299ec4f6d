import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditEmpty } from '@/components/audit/audit-empty';
import { AuditEventTable } from '@/components/audit/audit-event-table';
import { AuditExport } from '@/components/audit/audit-export';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { ChainStatusPanel, ChainStatusPending, ChainStatusUnavailable } from '@/components/audit/chain-status-panel';
import { SigningKeyPanel } from '@/components/audit/signing-key-panel';
import { KeysetPagination } from '@/components/ui/keyset-pagination';
import { PageHeader } from '@/components/ui/page-header';
import { getPublicSigningKey } from '@/lib/audit/export-signing';
import { auditFiltersToQuery, depotToday, parseAuditFilters, type AuditFilters } from '@/lib/audit/filters';
import { fetchActorOptions, fetchAuditPage, verifyChain } from '@/lib/audit/queries';
import { requirePermission } from '@/lib/auth/session';
import { fetchDepots } from '@/lib/depots/queries';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { plural } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { createClient } from '@/lib/supabase/server';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.audit.title };
}

/**
 * The chain check reads every event: it streams in after the list rather than holding it up, and
 * if the database cannot finish it, the panel says so while the list stays usable.
 */
async function ChainStatus({ filters, dict, locale }: { filters: AuditFilters; dict: Dictionary; locale: Locale }) {
  const { timeZone } = filters;
  let status: Awaited<ReturnType<typeof verifyChain>> | null = null;
  try {
    status = await verifyChain(await createClient());
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', event: 'audit_chain_check', error: String(error) }));
  }
  if (!status) return <ChainStatusUnavailable retryHref={`${ROUTES.audit}${auditFiltersToQuery(filters)}`} dict={dict} />;
  const brokenEventHref =
    status.firstBrokenId == null
      ? null
      : `${ROUTES.audit}${auditFiltersToQuery({ from: '2000-01-01', to: depotToday(new Date(), timeZone), before: status.firstBrokenId + 1 })}`;
  return <ChainStatusPanel status={status} brokenEventHref={brokenEventHref} dict={dict} locale={locale} timeZone={timeZone} />;
}

/** The audit log: the chain's integrity, the ledger filtered from the URL, its exports and the key that signs them. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission('governance:read', ROUTES.audit);
  const [params, timeZone] = await Promise.all([searchParams, getDepotTimeZone()]);
  const filters = parseAuditFilters(params, timeZone);
  const supabase = await createClient();
  const depots = await fetchDepots(supabase);
  // A depot the user does not see by that code shows nothing (applyFilters), and the form says so.
  if (filters.depot) filters.depotId = depots.find((depot) => depot.code === filters.depot)?.id;
  const [{ locale, dict }, page, actors] = await Promise.all([getI18n(), fetchAuditPage(supabase, filters), fetchActorOptions(supabase)]);

  return (
    <div className="space-y-6">
      <PageHeader title={dict.audit.title} intro={dict.audit.intro} />

      <Suspense fallback={<ChainStatusPending dict={dict} />}>
        <ChainStatus filters={filters} dict={dict} locale={locale} />
      </Suspense>

      <AuditFilterForm filters={filters} actors={actors} depots={depots} dict={dict} />
      {filters.swapped ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {dict.audit.periodSwapped}
        </p>
      ) : null}

      <AuditExport filters={filters} dict={dict} />
      <SigningKeyPanel signingKey={getPublicSigningKey()} dict={dict} />

      <section aria-labelledby="audit-events-title" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="audit-events-title" className="text-lg font-semibold text-slate-900">
            {dict.audit.eventsTitle}
          </h2>
          {page.total != null ? (
            <p className="text-sm text-slate-700" data-testid="audit-total">
              {plural(dict.audit.total, page.total, locale)}
            </p>
          ) : null}
        </div>
        {page.rows.length > 0 ? (
          <AuditEventTable rows={page.rows} dict={dict} locale={locale} timeZone={timeZone} />
        ) : (
          <AuditEmpty filters={filters} dict={dict} />
        )}
        <KeysetPagination
          labels={dict.audit}
          firstHref={filters.before ? `${ROUTES.audit}${auditFiltersToQuery({ ...filters, before: undefined })}` : null}
          nextHref={page.nextBefore ? `${ROUTES.audit}${auditFiltersToQuery({ ...filters, before: page.nextBefore })}` : null}
          testIdPrefix="audit"
        />
      </section>
    </div>
  );
}
