'use client';

import { AlertsErrorState } from '@/components/alerts/alerts-error-state';

export default function AlertError({ error, retry }: { error: unknown; retry: () => void }) {
  return <AlertsErrorState error={error} retry={retry} backToList />;
}
