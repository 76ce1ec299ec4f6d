import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { rootClientMessages } from '@/components/ui/messages';
import { pickMessages } from '@/lib/i18n/messages';
import { getI18n } from '@/lib/i18n/server';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { dict } = await getI18n();
  return {
    title: { default: dict.common.appName, template: `%s · ${dict.common.appName}` },
    description: dict.integrity.intro,
  };
}

export default async function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  const [{ locale, dict }, timeZone] = await Promise.all([getI18n(), getDepotTimeZone()]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#contenu"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow"
        >
          {dict.common.skipToContent}
        </a>
        <Providers locale={locale} timeZone={timeZone} messages={pickMessages(dict, rootClientMessages)}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
