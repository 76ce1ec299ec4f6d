import type { ReactNode } from 'react';
import { AlertsProviders } from '@/components/alerts/alerts-providers';

/** The alert pages share a query cache and the toasts (the other pages use neither). */
export default function AlertsLayout({ children }: { children: ReactNode }) {
  return <AlertsProviders>{children}</AlertsProviders>;
}
