'use client';

import type { ReactNode } from 'react';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import type { Locale } from '@/lib/i18n/locales';
import { I18nProvider } from '@/lib/i18n/client';

/**
 * Client-side context for every page: the viewer's language and its dictionary. (The alert pages
 * add their toasts in app/governance/alerts/layout.tsx: no other page has any.)
 */
export function Providers({ locale, dict, children }: { locale: Locale; dict: Dictionary; children: ReactNode }) {
  return (
    <I18nProvider locale={locale} dict={dict}>
      {children}
    </I18nProvider>
  );
}
