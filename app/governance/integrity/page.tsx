import type { Metadata } from 'next';
import { ChecksTable } from '@/components/integrity/checks-table';
import { CurrentChecks } from '@/components/integrity/current-checks';
import { HandlingTimes } from '@/components/integrity/handling-times';
import { SeverityCounts } from '@/components/integrity/severity-counts';
import { StatusCounts } from '@/components/integrity/status-counts';
import { TrendSection } from '@/components/integrity/trend-section';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { getIntegrityPageData } from '@/lib/integrity/queries';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.integrity.title };
}

export default async function IntegrityPage() {
  await requirePermission('governance:read', ROUTES.integrity);
  const [{ locale, dict }, { overview, checks }] = await Promise.all([getI18n(), getIntegrityPageData()]);

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-1">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{dict.integrity.title}</h1>
          <p className="mt-1 text-slate-700">{dict.integrity.intro}</p>
        </div>
        <p className="text-sm text-slate-600">
          {overview.lastSyncAt ? (
            <time dateTime={overview.lastSyncAt}>
              {interpolate(dict.integrity.lastSync, { time: formatDateTime(overview.lastSyncAt, locale) })}
            </time>
          ) : (
            dict.integrity.neverSynced
          )}
        </p>
      </header>

      <div className="grid gap-4 lg:grid-cols-2">
        <SeverityCounts counts={overview.activeBySeverity} dict={dict} locale={locale} />
        <StatusCounts counts={overview.byStatus} dict={dict} locale={locale} />
      </div>

      <div className="grid gap-4 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-2">
          <HandlingTimes
            meanSecondsToAck={overview.meanSecondsToAck}
            meanSecondsToResolve={overview.meanSecondsToResolve}
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
        <div className="min-w-0 lg:col-span-2">
          <ChecksTable checks={overview.checks} dict={dict} locale={locale} />
        </div>
        <div className="min-w-0 lg:col-span-3">
          <CurrentChecks
            checks={checks}
            total={overview.checks.reduce((sum, row) => sum + row.count, 0)}
            dict={dict}
            locale={locale}
          />
        </div>
      </div>
    </div>
  );
}
