import type { Metadata } from 'next';
import { AlertNotFound } from '@/components/alerts/alert-not-found';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return { title: dict.notFound.alertTitle };
}

export default async function AlertNotFoundPage() {
  const { dict } = await getI18n();
  return <AlertNotFound dict={dict} />;
}
