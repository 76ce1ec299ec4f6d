'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Dictionary } from './dictionaries';
import type { Locale } from './locales';

const I18nContext = createContext<{ locale: Locale; dict: Dictionary } | null>(null);

/**
 * Gives client components the viewer's language. The server layout decides it and passes that
 * language's dictionary down (it travels once, in the page's RSC payload), so the browser bundle
 * carries no dictionary, and never the other language's.
 */
export function I18nProvider({ locale, dict, children }: { locale: Locale; dict: Dictionary; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, dict }}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it');
  return value;
}
