'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { useI18n } from '@/lib/i18n/client';
import { retryDeliveryAction } from '@/lib/notifications/actions';
import { retryDeliveryMessages } from './messages';

/** « Réessayer » on a failed delivery (admin): it goes back to the queue, and the list is re-read. */
export function RetryDeliveryButton({ id }: { id: string }) {
  const { dict } = useI18n(retryDeliveryMessages);
  const [done, setDone] = useState(false);
  const { run, pending, failure } = useActionRunner(retryDeliveryAction, {
    networkMessage: dict.errors.network,
    onSuccess: () => setDone(true),
  });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" size="sm" disabled={pending || done} onClick={() => run({ id })} data-testid="delivery-retry">
        {pending ? dict.deliveries.retrying : dict.deliveries.retry}
      </Button>
      <p role="status" className="max-w-48 text-xs text-slate-700 empty:hidden">
        {done ? dict.deliveries.retried : ''}
      </p>
      <p role="alert" className="max-w-48 text-xs font-medium text-red-800 empty:hidden">
        {failure?.message ?? ''}
      </p>
    </div>
  );
}
