'use client';

import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/dictionaries';
import { I18nProvider } from '@/lib/i18n/client';

/**
 * Client-side context for every page: the viewer's language. (The alert pages add their query
 * cache and toasts in components/alerts/alerts-providers.tsx: no other page needs them.)
 */
export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nProvider locale={locale}>{children}</I18nProvider>;
}
