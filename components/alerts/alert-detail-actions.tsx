'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from '@/components/ui/toaster';
import { Button } from '@/components/ui/button';
import type { Permission } from '@/lib/auth/permissions';
import { acknowledgeAlertAction, resolveAlertAction } from '@/lib/alerts/actions';
import { callAction } from '@/lib/alerts/call-action';
import { alertKeys } from '@/lib/alerts/query-keys';
import { useI18n } from '@/lib/i18n/client';
import { AlertNoteDialog, type NoteDialogSubmit, type NoteDialogTarget } from './alert-note-dialog';

/** Acknowledge / resolve from the detail page (role-gated); after success the page is re-read. */
export function AlertDetailActions({
  alert,
  permissions,
}: {
  alert: { id: string; status: string; message: string; cleared_at: string | null };
  permissions: Permission[];
}) {
  const { dict } = useI18n();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<NoteDialogTarget | null>(null);

  const canAcknowledge = permissions.includes('alerts:acknowledge') && alert.status === 'OPEN';
  const canResolve = permissions.includes('alerts:resolve') && (alert.status === 'OPEN' || alert.status === 'ACK');
  if (!canAcknowledge && !canResolve) return null;

  const submit: NoteDialogSubmit = async (target, { note, confirmActive }) => {
    const result =
      target.kind === 'resolve'
        ? await callAction(() => resolveAlertAction({ id: alert.id, note, confirmActive }), dict.errors.network)
        : await callAction(() => acknowledgeAlertAction({ id: alert.id, note: note || undefined }), dict.errors.network);
    if (!result.ok) return result;
    toast.success(target.kind === 'resolve' ? dict.actions.resolved : dict.actions.acknowledged);
    void queryClient.invalidateQueries({ queryKey: alertKeys.lists() });
    router.refresh();
    return null;
  };

  return (
    <div className="flex flex-wrap gap-2">
      {canAcknowledge ? (
        <Button
          variant="secondary"
          onClick={() => setDialog({ kind: 'acknowledge', id: alert.id, message: alert.message })}
          data-testid="alert-ack-button"
        >
          {dict.actions.acknowledge}
        </Button>
      ) : null}
      {canResolve ? (
        <Button
          onClick={() => setDialog({ kind: 'resolve', id: alert.id, message: alert.message, stillDetected: !alert.cleared_at })}
          data-testid="alert-resolve-button"
        >
          {dict.actions.resolve}
        </Button>
      ) : null}
      <AlertNoteDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSubmit={submit}
        returnFocus={() => document.getElementById('alert-detail-title')}
      />
    </div>
  );
}
