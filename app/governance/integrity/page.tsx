import type { Metadata } from 'next';
import { ChecksTable } from '@/components/integrity/checks-table';
import { CurrentChecks } from '@/components/integrity/current-checks';
import { HandlingTimes } from '@/components/integrity/handling-times';
import { ResolutionReasons } from '@/components/integrity/resolution-reasons';
import { SeverityCounts } from '@/components/integrity/severity-counts';
import { StatusCounts } from '@/components/integrity/status-counts';
import { TrendSection } from '@/components/integrity/trend-section';
import { DepotFilter } from '@/components/layout/depot-filter';
import { PageHeader, UpdatedAt } from '@/components/ui/page-header';
import { fetchDepots } from '@/lib/depots/queries';
import { createClient } from '@/lib/supabase/server';
import { requirePermission } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { getIntegrityPageData } from '@/lib/integrity/queries';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.integrity.title };
}

export default async function IntegrityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = (await searchParams).depot;
  await requirePermission('governance:read', ROUTES.integrity);
  const depots = await fetchDepots(await createClient());
  // One depot the user sees (head office), by its code; anything else: every depot they see.
  const depot = typeof requested === 'string' ? depots.find((candidate) => candidate.code === requested)?.code : undefined;
  const [{ locale, dict }, timeZone, { overview, checks, compliance, reasons }] = await Promise.all([
    getI18n(),
    getDepotTimeZone(),
    getIntegrityPageData(depot),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader
        title={dict.integrity.title}
        intro={dict.integrity.intro}
        actions={
          <>
            <DepotFilter action={ROUTES.integrity} depots={depots} current={depot} dict={dict} />
            {overview.lastSyncAt ? (
              <UpdatedAt at={overview.lastSyncAt} template={dict.integrity.lastSync} locale={locale} timeZone={timeZone} />
            ) : (
              <p className="text-sm text-slate-600">{dict.integrity.neverSynced}</p>
            )}
          </>
        }
      />

      <div className="grid gap-4 lg:grid-cols-2">
        <SeverityCounts
          counts={overview.activeBySeverity}
          silencedActive={overview.silencedActive}
          awaitingCountersign={overview.awaitingCountersign}
          silencesRunning={overview.silencesRunning}
          depot={depot}
          dict={dict}
          locale={locale}
        />
        <StatusCounts counts={overview.byStatus} depot={depot} dict={dict} locale={locale} />
      </div>

      <div className="grid gap-4 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-2">
          <HandlingTimes
            meanSecondsToAck={overview.meanSecondsToAck}
            meanSecondsToResolve={overview.meanSecondsToResolve}
            compliance={compliance}
            days={overview.days}
            dict={dict}
            locale={locale}
          />
        </div>
        <div className="min-w-0 lg:col-span-3">
          <TrendSection trend={overview.trend} days={overview.days} dict={dict} locale={locale} />
        </div>
      </div>

      <div className="grid items-start gap-4 lg:grid-cols-5">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <ChecksTable checks={overview.checks} dict={dict} locale={locale} />
          <ResolutionReasons reasons={reasons} days={overview.days} dict={dict} locale={locale} />
        </div>
        <div className="min-w-0 lg:col-span-3">
          <CurrentChecks
            checks={checks}
            total={overview.checks.reduce((sum, row) => sum + row.count, 0)}
            depot={depot}
            dict={dict}
            locale={locale}
            timeZone={timeZone}
          />
        </div>
      </div>
    </div>
  );
}
