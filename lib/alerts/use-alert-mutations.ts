'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { failureOf, unwrapAction } from '@/lib/actions/call-action';
import type { ActionFailure } from '@/lib/actions/result';
import { useI18n } from '@/lib/i18n/client';
import {
  acknowledgeAlertAction,
  addCommentAction,
  assignAlertAction,
  bulkAcknowledgeAction,
  bulkResolveAction,
  countersignResolutionAction,
  endSnoozeAction,
  resolveAlertAction,
  snoozeAlertAction,
  syncAlertsAction,
  type SyncResult,
} from './actions';
import { alertMutationMessages } from './messages';
import type { ResolutionReason } from './vocabulary';
import { markAcknowledged } from './optimistic';
import { alertKeys } from './query-keys';
import type { AlertPage } from './queries';

/**
 * The alert actions as TanStack mutations — the one way components call them. Each re-reads the
 * alert lists when it settles; what the user is told (toasts, inline errors) is the caller's, through
 * `onSuccess` / `onError` (as Dub's `useAction(action, { onSuccess, onError })`): lib decides
 * nothing about the UI. Failures arrive as ActionFailure values, never as raw errors.
 */
export type MutationCallbacks<T> = { onSuccess?: (data: T) => void; onError?: (failure: ActionFailure) => void };

function useAlertMutation<Input, Output>(
  run: (input: Input) => Promise<Output>,
  callbacks: MutationCallbacks<Output>,
  optimistic?: (input: Input) => (page: AlertPage | undefined) => AlertPage | undefined,
) {
  const queryClient = useQueryClient();
  const { dict } = useI18n(alertMutationMessages);
  return useMutation({
    mutationFn: run,
    onMutate: async (input: Input) => {
      if (!optimistic) return { snapshot: [] as [readonly unknown[], AlertPage | undefined][] };
      await queryClient.cancelQueries({ queryKey: alertKeys.lists() });
      const snapshot = queryClient.getQueriesData<AlertPage>({ queryKey: alertKeys.lists() });
      queryClient.setQueriesData<AlertPage>({ queryKey: alertKeys.lists() }, optimistic(input));
      return { snapshot };
    },
    onError: (error, _input, context) => {
      for (const [key, page] of context?.snapshot ?? []) queryClient.setQueryData(key, page);
      callbacks.onError?.(failureOf(error, dict.errors.unexpected));
    },
    onSuccess: (data) => callbacks.onSuccess?.(data),
    // IMPORTANT: not awaited. TanStack awaits what onSettled returns before mutateAsync settles, so
    // returning the refetch would hold the dialog's answer until the lists are re-read — while the
    // database is down, through every retry of that read.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: alertKeys.lists() });
    },
  });
}

/**
 * Acknowledge, optimistically: the row turns ACK under the user's name at once; if the server
 * refuses (someone was first, the session expired, the network is down) the cached pages go back
 * to how they were and `onError` says why.
 */
export function useAcknowledgeAlert(userName: string, callbacks: MutationCallbacks<unknown> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { id: string; note?: string }) => unwrapAction(() => acknowledgeAlertAction(input), dict.errors.network),
    callbacks,
    ({ id }) =>
      (page) =>
        markAcknowledged(page, [id], userName, new Date().toISOString()),
  );
}

/** Acknowledge a selection: `onSuccess` gets the ids acknowledged and those others had handled. */
export function useBulkAcknowledge(callbacks: MutationCallbacks<{ acknowledged: string[]; skipped: string[] }> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { ids: string[]; note?: string }) => unwrapAction(() => bulkAcknowledgeAction(input), dict.errors.network),
    callbacks,
  );
}

/**
 * Resolve a selection (directeur): `onSuccess` gets those resolved, those now awaiting a second
 * directeur's countersignature (CRITICAL and still detected), those still detected (skipped), and
 * those others had handled.
 */
export type BulkResolveOutcome = { resolved: string[]; awaitingCountersign: string[]; stillDetected: string[]; skipped: string[] };
export function useBulkResolve(callbacks: MutationCallbacks<BulkResolveOutcome> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { ids: string[]; reason: ResolutionReason; note: string; confirmActive: boolean }) =>
      unwrapAction(() => bulkResolveAction(input), dict.errors.network),
    callbacks,
  );
}

/**
 * Resolve (directeur), with the reason, the note and the "resolve anyway" confirmation;
 * `awaitingCountersign`: the database made it a request for a second directeur (four-eyes).
 */
export function useResolveAlert(callbacks: MutationCallbacks<{ awaitingCountersign: boolean }> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { id: string; reason: ResolutionReason; note: string; confirmActive: boolean }) =>
      unwrapAction(() => resolveAlertAction(input), dict.errors.network),
    callbacks,
  );
}

/** Countersign (approve) or reject another directeur's pending resolution (four-eyes). */
export function useCountersignResolution(callbacks: MutationCallbacks<{ approved: boolean }> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { id: string; approve: boolean; note?: string; requestedAt: string }) =>
      unwrapAction(() => countersignResolutionAction(input), dict.errors.network),
    callbacks,
  );
}

/** Run the checks now (admin): `onSuccess` gets what changed. */
export function useSyncAlerts(callbacks: MutationCallbacks<SyncResult> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(() => unwrapAction(() => syncAlertsAction({}), dict.errors.network), callbacks);
}

/** Comment on an alert (admin, directeur): append-only, in the ledger. */
export function useAddComment(callbacks: MutationCallbacks<unknown> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { id: string; body: string }) => unwrapAction(() => addCommentAction(input), dict.errors.network),
    callbacks,
  );
}

/** Assign, reassign or unassign (admin, directeur), naming the assignee the user saw (`expected`). */
export function useAssignAlert(callbacks: MutationCallbacks<unknown> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { id: string; assignee: string | null; expected: string | null }) =>
      unwrapAction(() => assignAlertAction(input), dict.errors.network),
    callbacks,
  );
}

/** Pause an active alert until a depot wall-clock time (admin, directeur), naming the pause the user saw. */
export function useSnoozeAlert(callbacks: MutationCallbacks<unknown> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation(
    (input: { id: string; until: string; reason: string; expected: string | null }) =>
      unwrapAction(() => snoozeAlertAction(input), dict.errors.network),
    callbacks,
  );
}

/** End an alert's pause now (admin, directeur). */
export function useEndSnooze(callbacks: MutationCallbacks<unknown> = {}) {
  const { dict } = useI18n(alertMutationMessages);
  return useAlertMutation((input: { id: string }) => unwrapAction(() => endSnoozeAction(input), dict.errors.network), callbacks);
}
