'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from './locales';
import { mergeMessages, missingMessages, type ClientMessages, type MessageSpec, type MessagesOf } from './messages';

const I18nContext = createContext<{ locale: Locale; timeZone: string; messages: ClientMessages } | null>(null);

/**
 * Gives client components the viewer's language and the strings the root layout's components read.
 * The server decides the language and picks the strings (./messages.ts): they travel once, in the
 * page's RSC payload, so the browser bundle carries no dictionary — and a page carries only the
 * strings its client components show, never the other language's. `timeZone`: the depot's, which
 * dates are shown in (the server read the setting).
 */
export function I18nProvider({
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
  const value = useMemo(() => ({ locale, timeZone, messages }), [locale, timeZone, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** A layout's or page's own strings, added below the root's for the client components under it. */
export function MessagesProvider({ messages, children }: { messages: ClientMessages; children: ReactNode }) {
  const outer = useContext(I18nContext);
  if (!outer) throw new Error('<MessagesProvider> needs an <I18nProvider> above it');
  const value = useMemo(() => ({ ...outer, messages: mergeMessages(outer.messages, messages) }), [outer, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * The viewer's language, and the strings `spec` names, typed to those keys. IMPORTANT: the
 * providers above must have been given the spec (the layout or page lists the specs of the client
 * components it renders); otherwise this throws, naming what is missing, rather than show blanks.
 */
export function useI18n(): { locale: Locale; timeZone: string };
export function useI18n<const Spec extends MessageSpec>(spec: Spec): { locale: Locale; timeZone: string; dict: MessagesOf<Spec> };
export function useI18n(spec?: MessageSpec): { locale: Locale; timeZone: string; dict?: unknown } {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it');
  if (!spec) return { locale: value.locale, timeZone: value.timeZone };
  const missing = missingMessages(value.messages, spec);
  if (missing.length > 0) {
    throw new Error(
      `useI18n(): the page's providers do not give the browser ${missing.join(', ')}: add this component's messages to them`,
    );
  }
  return { locale: value.locale, timeZone: value.timeZone, dict: value.messages };
}
