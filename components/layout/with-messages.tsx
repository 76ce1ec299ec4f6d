import type { ReactNode } from 'react';
import { MessagesProvider } from '@/lib/i18n/client';
import { pickMessages, type MessageSpec } from '@/lib/i18n/messages';
import { getI18n } from '@/lib/i18n/server';

/**
 * For a layout or a page: hands the browser, in the viewer's language, the strings of the client
 * components rendered below it — the union of their specs (lib/i18n/messages.ts), nothing more.
 */
export async function WithMessages({ specs, children }: { specs: readonly MessageSpec[]; children: ReactNode }) {
  const { dict } = await getI18n();
  return <MessagesProvider messages={pickMessages(dict, specs)}>{children}</MessagesProvider>;
}
