import type { ReactNode } from 'react';
import { AlertsProviders } from '@/components/alerts/alerts-providers';
import { alertsClientMessages } from '@/components/alerts/messages';
import { WithMessages } from '@/components/layout/with-messages';

/** The alert pages share a query cache, the toasts and the strings of their actions (the other pages use none). */
export default function AlertsLayout({ children }: { children: ReactNode }) {
  return (
    <WithMessages specs={alertsClientMessages}>
      <AlertsProviders>{children}</AlertsProviders>
    </WithMessages>
  );
}
