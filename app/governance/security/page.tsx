import type { Metadata } from 'next';
import { AnonProbeTable } from '@/components/security/anon-probe-table';
import { FindingsSummary } from '@/components/security/findings-summary';
import { FindingsTable } from '@/components/security/findings-table';
import { PolicyChanges } from '@/components/security/policy-changes';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { getSecurityPageData } from '@/lib/security/queries';
import { countByLevel } from '@/lib/security/schemas';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.security.title };
}

export default async function SecurityPage() {
  await requirePermission('governance:read', ROUTES.security);
  const [{ locale, dict }, data] = await Promise.all([getI18n(), getSecurityPageData()]);

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-1">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{dict.security.title}</h1>
          <p className="mt-1 max-w-3xl text-slate-700">{dict.security.intro}</p>
        </div>
        <p className="text-sm text-slate-600">
          <time dateTime={data.generatedAt}>
            {interpolate(dict.common.lastUpdated, { time: formatDateTime(data.generatedAt, locale) })}
          </time>
        </p>
      </header>
      <FindingsSummary counts={countByLevel(data.findings)} dict={dict} locale={locale} />
      <FindingsTable findings={data.findings} dict={dict} />
      <PolicyChanges changes={data.changes} snapshots={data.snapshots} dict={dict} locale={locale} />
      <AnonProbeTable probe={data.probe} dict={dict} locale={locale} />
    </div>
  );
}
