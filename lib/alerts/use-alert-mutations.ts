'use client';

import { useState } from 'react';
import { toast } from '@/components/ui/toaster';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { acknowledgeAlertAction, bulkAcknowledgeAction, syncAlertsAction } from './actions';
import { failureMessage, unwrapAction } from './call-action';
import { markAcknowledged } from './optimistic';
import { alertListStore } from './use-alert-list';

/**
 * Acknowledge, optimistically: the row turns ACK under the user's name at once; if the server
 * refuses (someone was first, the session expired, the network is down) the cached pages go back
 * to how they were and the server's message is shown. Either way the lists are re-read.
 */
export function useAcknowledgeAlert(userName: string) {
  const { dict } = useI18n();
  return {
    mutate: (input: { id: string; note?: string }) => {
      alertListStore.cancelAll();
      const snapshot = alertListStore.snapshot();
      const at = new Date().toISOString();
      alertListStore.setPages((page) => markAcknowledged(page, [input.id], userName, at) ?? page);
      void unwrapAction(() => acknowledgeAlertAction(input), dict.errors.network)
        .then(
          () => toast.success(dict.actions.acknowledged),
          (error: unknown) => {
            alertListStore.setPages((page, key) => snapshot.get(key) ?? page);
            toast.error(failureMessage(error, dict.errors.unexpected));
          },
        )
        .finally(() => alertListStore.invalidateAll());
    },
  };
}

/**
 * Acknowledge a selection; the toast says how many went through and how many others had handled.
 * `mutateAsync` throws what unwrapAction throws (an ActionFailedError for a refusal).
 */
export function useBulkAcknowledge() {
  const { dict } = useI18n();
  return {
    mutateAsync: async (input: { ids: string[]; note?: string }) => {
      try {
        const { acknowledged, skipped } = await unwrapAction(() => bulkAcknowledgeAction(input), dict.errors.network);
        if (skipped.length === 0) toast.success(interpolate(dict.actions.acknowledgedMany, { count: acknowledged.length }));
        else toast.warning(interpolate(dict.actions.acknowledgedPartly, { done: acknowledged.length, skipped: skipped.length }));
      } finally {
        await alertListStore.invalidateAll();
      }
    },
  };
}

/** Run the checks now (admin) and report what changed. */
export function useSyncAlerts(onDone?: () => void) {
  const { dict } = useI18n();
  const [isPending, setPending] = useState(false);
  return {
    isPending,
    mutate: () => {
      setPending(true);
      void unwrapAction(() => syncAlertsAction({}), dict.errors.network)
        .then(
          (result) => {
            toast.success(
              interpolate(dict.actions.syncDone, { opened: result.opened, refreshed: result.refreshed, cleared: result.cleared }),
            );
            onDone?.();
          },
          (error: unknown) => toast.error(failureMessage(error, dict.errors.unexpected)),
        )
        .finally(async () => {
          await alertListStore.invalidateAll();
          setPending(false);
        });
    },
  };
}
