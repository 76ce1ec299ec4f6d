import type { ReactNode } from 'react';
import { AlertsProviders } from '@/components/alerts/alerts-providers';
import { DeadlinesProvider } from '@/components/alerts/deadline-pill';
import { alertsClientMessages } from '@/components/alerts/messages';
import { WithMessages } from '@/components/layout/with-messages';
import { fetchAlertDeadlines } from '@/lib/alerts/queries';
import type { SeverityDeadline } from '@/lib/alerts/deadline';
import { createClient } from '@/lib/supabase/server';

/** The deadlines, or none when they cannot be read: the pages still show the alerts, without pills. */
async function readDeadlines(): Promise<SeverityDeadline[]> {
  try {
    return await fetchAlertDeadlines(await createClient());
  } catch {
    return [];
  }
}

/**
 * The alert pages share a query cache, the toasts, the strings of their actions (the other pages
 * use none) and the deadlines per severity (three rows, read once per navigation into the section).
 */
export default async function AlertsLayout({ children }: { children: ReactNode }) {
  const deadlines = await readDeadlines();
  return (
    <WithMessages specs={alertsClientMessages}>
      <AlertsProviders>
        <DeadlinesProvider deadlines={deadlines}>{children}</DeadlinesProvider>
      </AlertsProviders>
    </WithMessages>
  );
}
