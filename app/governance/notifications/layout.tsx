import type { ReactNode } from 'react';
import { WithMessages } from '@/components/layout/with-messages';
import { notificationsClientMessages } from '@/components/notifications/messages';

/** The strings of the page's forms and of its error state. */
export default function NotificationsLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={notificationsClientMessages}>{children}</WithMessages>;
}
