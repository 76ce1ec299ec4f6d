'use client';

import { useRouter } from 'next/navigation';
import { toast } from '@/components/ui/toaster';
import type { ActionFailure } from '@/lib/actions/result';
import { failureOf } from '@/lib/actions/call-action';
import {
  useAcknowledgeAlert,
  useBulkAcknowledge,
  useBulkResolve,
  useResolveAlert,
  useSyncAlerts,
} from '@/lib/alerts/use-alert-mutations';
import { useI18n } from '@/lib/i18n/client';
import { interpolate, plural } from '@/lib/i18n/format';
import type { NoteDialogSubmit } from './alert-note-dialog';
import { alertActionsMessages } from './messages';

/**
 * The alert actions as the alert pages use them, with what the user is told: a toast on success,
 * the dialog's own error area for a refusal it can explain (a missing note, "resolve anyway"), a
 * toast for an optimistic acknowledgement the server refused. The list and the alert page submit
 * their note dialog through the same `submitNote`.
 *
 * `optimistic`: acknowledge without waiting (the list, whose row turns ACK at once); otherwise the
 * dialog waits for the answer (the alert page, which then re-reads itself).
 */
export function useAlertActions({ userName, optimistic, onChanged }: { userName: string; optimistic: boolean; onChanged?: () => void }) {
  const { dict, locale } = useI18n(alertActionsMessages);
  const router = useRouter();
  const changed = () => (onChanged ? onChanged() : router.refresh());
  const acknowledge = useAcknowledgeAlert(userName, {
    onSuccess: () => {
      toast.success(dict.actions.acknowledged);
      if (!optimistic) changed();
    },
    onError: (failure) => {
      if (optimistic) toast.error(failure.message);
    },
  });
  const bulkAcknowledge = useBulkAcknowledge({
    onSuccess: ({ acknowledged, skipped }) => {
      if (skipped.length === 0) toast.success(plural(dict.actions.acknowledgedMany, acknowledged.length, locale));
      else {
        const done = plural(dict.actions.acknowledgedDone, acknowledged.length, locale);
        toast.warning(
          interpolate(dict.actions.acknowledgedPartly, { done, skipped: plural(dict.actions.alreadyHandled, skipped.length, locale) }),
        );
      }
    },
  });
  const bulkResolve = useBulkResolve({
    onSuccess: ({ resolved, awaitingCountersign, stillDetected, skipped }) => {
      if (awaitingCountersign.length === 0 && stillDetected.length === 0 && skipped.length === 0) {
        toast.success(plural(dict.actions.resolvedMany, resolved.length, locale));
      } else {
        // What happened to each alert, by outcome (only those that occurred).
        const parts = [
          plural(dict.actions.resolvedDone, resolved.length, locale),
          awaitingCountersign.length ? plural(dict.actions.awaitingCountersignLeft, awaitingCountersign.length, locale) : null,
          stillDetected.length ? plural(dict.actions.stillDetectedLeft, stillDetected.length, locale) : null,
          skipped.length ? plural(dict.actions.alreadyHandled, skipped.length, locale) : null,
        ];
        toast.warning(`${parts.filter(Boolean).join(dict.actions.outcomeSeparator)}.`);
      }
    },
  });
  const resolve = useResolveAlert({
    onSuccess: ({ awaitingCountersign }) => {
      if (awaitingCountersign) toast.warning(dict.actions.resolutionRequested);
      else toast.success(dict.actions.resolved);
      if (!optimistic) changed();
    },
  });
  const sync = useSyncAlerts({
    onSuccess: (result) => {
      toast.success(
        interpolate(dict.actions.syncDone, {
          opened: plural(dict.actions.syncOpened, result.opened, locale),
          refreshed: plural(dict.actions.syncRefreshed, result.refreshed, locale),
          cleared: plural(dict.actions.syncCleared, result.cleared, locale),
        }),
      );
      changed();
    },
    onError: (failure) => toast.error(failure.message),
  });

  /** Waits for a mutation; a refusal comes back as the failure the dialog shows. */
  const settle = async (run: Promise<unknown>): Promise<ActionFailure | null> => {
    try {
      await run;
      return null;
    } catch (error) {
      return failureOf(error, dict.errors.unexpected);
    }
  };

  const submitNote: NoteDialogSubmit = async (target, { reason, note, confirmActive }) => {
    if (target.kind === 'acknowledge') {
      const input = { id: target.id, note: note || undefined };
      if (!optimistic) return settle(acknowledge.mutateAsync(input));
      // The dialog closes at once; a refusal rolls the row back and says why in a toast.
      acknowledge.mutate(input);
      return null;
    }
    if (target.kind === 'bulk') return settle(bulkAcknowledge.mutateAsync({ ids: target.ids, note: note || undefined }));
    // Resolving: the dialog asks for a reason before it submits; without one there is nothing to send.
    if (!reason) return failureOf(null, dict.errors.unexpected);
    if (target.kind === 'bulkResolve') return settle(bulkResolve.mutateAsync({ ids: target.ids, reason, note, confirmActive }));
    return settle(resolve.mutateAsync({ id: target.id, reason, note, confirmActive }));
  };

  return { submitNote, sync };
}
