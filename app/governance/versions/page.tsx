import type { Metadata } from 'next';
import { AppliedMigrations } from '@/components/versions/applied-migrations';
import { BuildCard } from '@/components/versions/build-card';
import { CalcCoverage } from '@/components/versions/calc-coverage';
import { ComponentsTable } from '@/components/versions/components-table';
import { PageHeader, UpdatedAt } from '@/components/ui/page-header';
import { HeadOfficeOnly } from '@/components/layout/head-office-only';
import { requirePermission } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { getVersionsPageData } from '@/lib/versions/queries';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.versions.title };
}

export default async function VersionsPage() {
  // The console reports the version it runs at each sign-in (lib/auth/actions.ts): a page view
  // writes nothing.
  const user = await requirePermission('governance:read', ROUTES.versions);
  // The platform belongs to no depot: a depot's people are told so (the database refuses them too).
  if (user.depot) return <HeadOfficeOnly depot={user.depot} dict={(await getI18n()).dict} />;
  const [{ locale, dict }, timeZone, data] = await Promise.all([getI18n(), getDepotTimeZone(), getVersionsPageData()]);

  return (
    <div className="space-y-6">
      <PageHeader
        title={dict.versions.title}
        intro={dict.versions.intro}
        actions={<UpdatedAt at={data.generatedAt} template={dict.common.lastUpdated} locale={locale} timeZone={timeZone} />}
      />
      <BuildCard build={data.build} applied={data.appliedSchema} dict={dict} locale={locale} timeZone={timeZone} />
      <ComponentsTable components={data.components} dict={dict} locale={locale} />
      <CalcCoverage
        coverage={data.coverage}
        overrides={data.overrides}
        moreOverrides={data.moreOverrides}
        dict={dict}
        locale={locale}
        timeZone={timeZone}
      />
      <AppliedMigrations migrations={data.migrations} dict={dict} locale={locale} timeZone={timeZone} />
    </div>
  );
}
