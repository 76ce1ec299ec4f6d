import { defineMessages } from '@/lib/i18n/messages';

/**
 * The strings the shared client components read (lib/i18n/messages.ts). A plain module, so the
 * layouts that hand them to the browser can import these specs too.
 */

/** The root error page (app/error.tsx). */
export const errorPageMessages = defineMessages({ error: ['title', 'body', 'reference'], common: ['retry'] });

/** The language switch, on the sign-in page and in the console's frame. */
export const languageSwitchMessages = defineMessages({ nav: ['language', 'french', 'english'] });

/** A governance page's error boundary (SectionError): the page's title and load error. */
export const sectionPageMessages = {
  integrity: defineMessages({ integrity: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
  audit: defineMessages({ audit: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
  versions: defineMessages({ versions: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
  security: defineMessages({ security: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
  runbooks: defineMessages({ runbooks: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
  notifications: defineMessages({ notifications: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
  deliveries: defineMessages({ deliveries: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
  silences: defineMessages({ silences: ['title', 'loadError'], common: ['retry'], error: ['title', 'reference'] }),
};

export type SectionPage = keyof typeof sectionPageMessages;

/** What the root layout hands every page's browser: its error page and the language switch. */
export const rootClientMessages = [errorPageMessages, languageSwitchMessages];
