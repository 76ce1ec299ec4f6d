'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { callAction } from '@/lib/actions/call-action';
import type { ActionFailure, ActionResult } from '@/lib/actions/result';

/**
 * One server action from a form or a button: pending while it runs, its failure (message and
 * field errors) kept to show, the page re-read after a success so the server-rendered parts show
 * what the database now holds.
 */
export function useActionRunner<Input, Output>(
  action: (input: Input) => Promise<ActionResult<Output>>,
  { networkMessage, onSuccess, refresh = true }: { networkMessage: string; onSuccess?: (data: Output) => void; refresh?: boolean },
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  const run = (input: Input) => {
    setFailure(null);
    startTransition(async () => {
      const result = await callAction(() => action(input), networkMessage);
      if (!result.ok) {
        setFailure(result);
        return;
      }
      onSuccess?.(result.data);
      if (refresh) router.refresh();
    });
  };

  return { run, pending, failure, setFailure };
}
