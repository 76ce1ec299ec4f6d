'use client';

import type { ReactNode } from 'react';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { Locale } from '@/lib/i18n/locales';
import { I18nProvider } from '@/lib/i18n/client';

/**
 * Client-side context for every page: the viewer's language and its dictionary. (The alert pages
 * add their query cache and toasts in components/alerts/alerts-providers.tsx: no other page needs them.)
 */
export function Providers({ locale, dict, children }: { locale: Locale; dict: Dictionary; children: ReactNode }) {
  return (
    <I18nProvider locale={locale} dict={dict}>
      {children}
    </I18nProvider>
  );
}
