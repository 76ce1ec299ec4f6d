import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RunbookDetail } from '@/components/checks/runbook-detail';
import { requirePermission } from '@/lib/auth/session';
import { runbookFor } from '@/lib/checks/catalogue';
import { getI18n } from '@/lib/i18n/server';
import { checkRunbookPath } from '@/lib/routes';

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ code }, { dict, locale }] = await Promise.all([params, getI18n()]);
  const entry = runbookFor(code, locale);
  return { title: entry ? `${entry.label} · ${dict.runbooks.title}` : dict.runbooks.notFoundTitle };
}

/** One check code's runbook; a code the catalogue does not hold answers 404. */
export default async function RunbookPage({ params }: Props) {
  const { code } = await params;
  await requirePermission('governance:read', checkRunbookPath(code));
  const { dict, locale } = await getI18n();
  const entry = runbookFor(code, locale);
  if (!entry) notFound();
  return <RunbookDetail entry={entry} dict={dict} />;
}
