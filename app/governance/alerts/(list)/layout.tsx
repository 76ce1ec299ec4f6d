import type { ReactNode } from 'react';
import { alertListClientMessages } from '@/components/alerts/messages';
import { WithMessages } from '@/components/layout/with-messages';

/** The list's own strings: its filters, table, pages and empty states. */
export default function AlertListLayout({ children }: { children: ReactNode }) {
  return <WithMessages specs={alertListClientMessages}>{children}</WithMessages>;
}
