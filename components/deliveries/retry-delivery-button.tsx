'use client';

import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { useI18n } from '@/lib/i18n/client';
import { retryDeliveryAction } from '@/lib/notifications/actions';
import { retryDeliveryMessages } from './messages';

/**
 * « Réessayer » on a failed delivery (admin): it goes back to the queue, and the list is re-read.
 * The confirmation is a toast, not text in the row: the re-read takes the button away (the delivery
 * is no longer failed) and, under « Échec », the row itself.
 */
export function RetryDeliveryButton({ id }: { id: string }) {
  const { dict } = useI18n(retryDeliveryMessages);
  const { run, pending, failure } = useActionRunner(retryDeliveryAction, {
    networkMessage: dict.errors.network,
    onSuccess: () => toast.success(dict.deliveries.retried),
  });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => run({ id })} data-testid="delivery-retry">
        {pending ? dict.deliveries.retrying : dict.deliveries.retry}
      </Button>
      <p role="alert" className="max-w-48 text-xs font-medium text-red-800 empty:hidden">
        {failure?.message ?? ''}
      </p>
    </div>
  );
}
