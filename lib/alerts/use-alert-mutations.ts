'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from '@/components/ui/toaster';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { acknowledgeAlertAction, bulkAcknowledgeAction, syncAlertsAction } from './actions';
import { failureMessage, unwrapAction } from './call-action';
import { markAcknowledged } from './optimistic';
import { alertKeys } from './query-keys';
import type { AlertPage } from './queries';

/**
 * Acknowledge, optimistically: the row turns ACK under the user's name at once; if the server
 * refuses (someone was first, the session expired, the network is down) the cached pages go back
 * to how they were and the server's message is shown. Either way the lists are re-read.
 */
export function useAcknowledgeAlert(userName: string) {
  const queryClient = useQueryClient();
  const { dict } = useI18n();
  return useMutation({
    mutationFn: (input: { id: string; note?: string }) => unwrapAction(() => acknowledgeAlertAction(input), dict.errors.network),
    onMutate: async ({ id }) => {
      await queryClient.cancelQueries({ queryKey: alertKeys.lists() });
      const snapshot = queryClient.getQueriesData<AlertPage>({ queryKey: alertKeys.lists() });
      const at = new Date().toISOString();
      queryClient.setQueriesData<AlertPage>({ queryKey: alertKeys.lists() }, (page) => markAcknowledged(page, [id], userName, at));
      return { snapshot };
    },
    onError: (error, _input, context) => {
      for (const [key, page] of context?.snapshot ?? []) queryClient.setQueryData(key, page);
      toast.error(failureMessage(error, dict.errors.unexpected));
    },
    onSuccess: () => {
      toast.success(dict.actions.acknowledged);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.lists() }),
  });
}

/** Acknowledge a selection; the toast says how many went through and how many others had handled. */
export function useBulkAcknowledge() {
  const queryClient = useQueryClient();
  const { dict } = useI18n();
  return useMutation({
    mutationFn: (input: { ids: string[]; note?: string }) => unwrapAction(() => bulkAcknowledgeAction(input), dict.errors.network),
    onSuccess: ({ acknowledged, skipped }) => {
      if (skipped.length === 0) toast.success(interpolate(dict.actions.acknowledgedMany, { count: acknowledged.length }));
      else toast.warning(interpolate(dict.actions.acknowledgedPartly, { done: acknowledged.length, skipped: skipped.length }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.lists() }),
  });
}

/** Run the checks now (admin) and report what changed. */
export function useSyncAlerts(onDone?: () => void) {
  const queryClient = useQueryClient();
  const { dict } = useI18n();
  return useMutation({
    mutationFn: () => unwrapAction(() => syncAlertsAction({}), dict.errors.network),
    onSuccess: (result) => {
      toast.success(
        interpolate(dict.actions.syncDone, { opened: result.opened, refreshed: result.refreshed, cleared: result.cleared }),
      );
      onDone?.();
    },
    onError: (error) => {
      toast.error(failureMessage(error, dict.errors.unexpected));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.lists() }),
  });
}
