'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { dictionaries, type Dictionary, type Locale } from './dictionaries';

const I18nContext = createContext<{ locale: Locale; dict: Dictionary } | null>(null);

/** Gives client components the viewer's language; the server layout decides it. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, dict: dictionaries[locale] }}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it');
  return value;
}
