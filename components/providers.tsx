'use client';

import type { ReactNode } from 'react';
import { I18nProvider } from '@/lib/i18n/client';
import type { Locale } from '@/lib/i18n/locales';
import type { ClientMessages } from '@/lib/i18n/messages';

/**
 * Client-side context for every page: the viewer's language and the strings the root's client
 * components read. Layouts and pages add their own components' strings (MessagesProvider); the alert
 * pages also add their query cache and toasts (components/alerts/alerts-providers.tsx).
 */
export function Providers({
  locale,
  timeZone,
  messages,
  children,
}: {
  locale: Locale;
  timeZone: string;
  messages: ClientMessages;
  children: ReactNode;
}) {
  return (
    <I18nProvider locale={locale} timeZone={timeZone} messages={messages}>
      {children}
    </I18nProvider>
  );
}
