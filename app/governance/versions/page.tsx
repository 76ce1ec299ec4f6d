import type { Metadata } from 'next';
import { BuildCard } from '@/components/versions/build-card';
import { CalcCoverage } from '@/components/versions/calc-coverage';
import { ComponentsTable } from '@/components/versions/components-table';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { getVersionsPageData } from '@/lib/versions/queries';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.versions.title };
}

export default async function VersionsPage() {
  // The console reports the version it runs at each sign-in (lib/auth/actions.ts): a page view
  // writes nothing.
  await requirePermission('governance:read', ROUTES.versions);
  const [{ locale, dict }, data] = await Promise.all([getI18n(), getVersionsPageData()]);

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-1">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{dict.versions.title}</h1>
          <p className="mt-1 text-slate-700">{dict.versions.intro}</p>
        </div>
        <p className="text-sm text-slate-600">
          <time dateTime={data.generatedAt}>
            {interpolate(dict.common.lastUpdated, { time: formatDateTime(data.generatedAt, locale) })}
          </time>
        </p>
      </header>
      <BuildCard build={data.build} applied={data.appliedSchema} dict={dict} locale={locale} />
      <ComponentsTable components={data.components} dict={dict} locale={locale} />
      <CalcCoverage coverage={data.coverage} overrides={data.overrides} moreOverrides={data.moreOverrides} dict={dict} locale={locale} />
    </div>
  );
}
