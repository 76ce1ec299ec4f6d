'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/client';
import { webhookSecretAction } from '@/lib/notifications/actions';
import { webhookSecretMessages } from './messages';
import { useActionRunner } from '@/components/ui/use-action-runner';

/**
 * The caller's webhook signing secret, fetched only when asked (it is never in the page's HTML),
 * and its rotation after a confirmation: the old secret stops working at once.
 */
export function WebhookSecret() {
  const { dict } = useI18n(webhookSecretMessages);
  const n = dict.notifications;
  const [secret, setSecret] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState(false);
  const { run, pending, failure } = useActionRunner(webhookSecretAction, {
    networkMessage: dict.errors.network,
    refresh: false,
    onSuccess: ({ secret: value }) => {
      setSecret(value);
      setMissing(value === null);
    },
  });

  const reveal = () => {
    setRotated(false);
    run({ rotate: false });
  };
  const rotate = () => {
    setConfirming(false);
    setRotated(true);
    run({ rotate: true });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {secret ? (
          <Button variant="secondary" onClick={() => setSecret(null)} data-testid="webhook-secret-hide">
            {n.hideSecret}
          </Button>
        ) : (
          <Button variant="secondary" onClick={reveal} disabled={pending} data-testid="webhook-secret-show">
            {n.showSecret}
          </Button>
        )}
        {confirming ? null : (
          <Button variant="secondary" onClick={() => setConfirming(true)} disabled={pending} data-testid="webhook-secret-rotate">
            {n.rotateSecret}
          </Button>
        )}
      </div>
      {confirming ? (
        <div
          role="alertdialog"
          aria-label={n.rotateSecret}
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-inset ring-amber-300"
        >
          <p>{n.rotateConfirm}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button variant="danger" onClick={rotate} data-testid="webhook-secret-rotate-confirm">
              {n.rotateConfirmButton}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {n.cancel}
            </Button>
          </div>
        </div>
      ) : null}
      {secret ? (
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">{n.secretLabel}</p>
          <code
            className="mt-1 block break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-sm text-slate-900"
            data-testid="webhook-secret-value"
          >
            {secret}
          </code>
        </div>
      ) : null}
      <p role="status" className="text-sm text-slate-700 empty:hidden" data-testid="webhook-secret-status">
        {missing ? n.noSecret : rotated && secret && !pending ? n.rotated : ''}
      </p>
      <p role="alert" className="text-sm font-medium text-red-800 empty:hidden">
        {failure?.message ?? ''}
      </p>
    </div>
  );
}
