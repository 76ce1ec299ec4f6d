import type { Metadata } from 'next';
import { AnonProbeTable } from '@/components/security/anon-probe-table';
import { FindingsSummary } from '@/components/security/findings-summary';
import { FindingsTable } from '@/components/security/findings-table';
import { PolicyChanges } from '@/components/security/policy-changes';
import { PageHeader, UpdatedAt } from '@/components/ui/page-header';
import { HeadOfficeOnly } from '@/components/layout/head-office-only';
import { requirePermission } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import { getSecurityPageData } from '@/lib/security/queries';
import { countByLevel } from '@/lib/security/schemas';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.security.title };
}

export default async function SecurityPage() {
  const user = await requirePermission('governance:read', ROUTES.security);
  // The platform belongs to no depot: a depot's people are told so (the database refuses them too).
  if (user.depot) return <HeadOfficeOnly depot={user.depot} dict={(await getI18n()).dict} />;
  const [{ locale, dict }, timeZone, data] = await Promise.all([getI18n(), getDepotTimeZone(), getSecurityPageData()]);

  return (
    <div className="space-y-6">
      <PageHeader
        title={dict.security.title}
        intro={dict.security.intro}
        actions={<UpdatedAt at={data.generatedAt} template={dict.common.lastUpdated} locale={locale} timeZone={timeZone} />}
      />
      <FindingsSummary counts={countByLevel(data.findings)} dict={dict} locale={locale} />
      <FindingsTable findings={data.findings} dict={dict} />
      <PolicyChanges changes={data.changes} snapshots={data.snapshots} dict={dict} locale={locale} timeZone={timeZone} />
      <AnonProbeTable probe={data.probe} dict={dict} locale={locale} />
    </div>
  );
}
