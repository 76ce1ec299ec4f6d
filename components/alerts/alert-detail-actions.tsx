'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { canBeAcknowledged, offersResolve } from '@/lib/alerts/vocabulary';
import type { Permission } from '@/lib/auth/permissions';
import { useI18n } from '@/lib/i18n/client';
import { AlertNoteDialog, type NoteDialogTarget } from './alert-note-dialog';
import { useAlertActions } from './use-alert-actions';
import { alertDetailActionsMessages } from './messages';

/** Acknowledge / resolve from the detail page (role-gated); after success the page is re-read. */
export function AlertDetailActions({
  alert,
  permissions,
  userName,
}: {
  alert: { id: string; status: string; severity: string; message: string; cleared_at: string | null; awaiting_countersign: boolean };
  permissions: Permission[];
  userName: string;
}) {
  const { dict } = useI18n(alertDetailActionsMessages);
  const [dialog, setDialog] = useState<NoteDialogTarget | null>(null);
  const { submitNote } = useAlertActions({ userName, optimistic: false });

  const canAcknowledge = permissions.includes('alerts:acknowledge') && canBeAcknowledged(alert.status);
  // A resolution awaiting a countersignature is decided in the page's four-eyes section.
  const canResolve = permissions.includes('alerts:resolve') && offersResolve(alert);
  if (!canAcknowledge && !canResolve) return null;

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
          onClick={() =>
            setDialog({
              kind: 'resolve',
              id: alert.id,
              message: alert.message,
              stillDetected: !alert.cleared_at,
              fourEyes: alert.severity === 'CRITICAL' && !alert.cleared_at,
            })
          }
          data-testid="alert-resolve-button"
        >
          {dict.actions.resolve}
        </Button>
      ) : null}
      <AlertNoteDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSubmit={submitNote}
        returnFocus={() => document.getElementById('alert-detail-title')}
      />
    </div>
  );
}
