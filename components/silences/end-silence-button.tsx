'use client';

import { BellRing } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { useI18n } from '@/lib/i18n/client';
import { endSilenceAction } from '@/lib/silences/actions';
import { endSilenceMessages } from './messages';

/**
 * « Lever le silence » (directeur): it ends now and its still-active alerts are announced. The
 * confirmation is a toast: the re-read list moves the silence to « Terminés ».
 */
export function EndSilenceButton({ id }: { id: string }) {
  const { dict } = useI18n(endSilenceMessages);
  const { run, pending, failure } = useActionRunner(endSilenceAction, {
    networkMessage: dict.errors.network,
    onSuccess: () => toast.success(dict.silences.ended),
  });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => run({ id })} data-testid="silence-end">
        <BellRing aria-hidden="true" className="size-4" />
        {pending ? dict.silences.ending : dict.silences.end}
      </Button>
      <p role="alert" className="max-w-48 text-xs font-medium text-red-800 empty:hidden">
        {failure?.message ?? ''}
      </p>
    </div>
  );
}
