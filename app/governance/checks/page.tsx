import type { Metadata } from 'next';
import { RunbookIndex } from '@/components/checks/runbook-index';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getI18n } from '@/lib/i18n/server';
import { ROUTES } from '@/lib/routes';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.runbooks.title };
}

// No loading.tsx in this segment: the pages read nothing but the session, and without a loading
// boundary an unknown code answers a real 404 (see [code]/page.tsx).
export default async function RunbooksPage() {
  await requirePermission('governance:read', ROUTES.checks);
  const { dict, locale } = await getI18n();
  return (
    <div className="space-y-6">
      <PageHeader title={dict.runbooks.title} intro={dict.runbooks.intro} />
      <RunbookIndex dict={dict} locale={locale} />
    </div>
  );
}
