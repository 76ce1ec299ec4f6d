'use client';

import { ShieldX, Signature } from 'lucide-react';
import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { failureOf } from '@/lib/actions/call-action';
import { NOTE_MAX_LENGTH } from '@/lib/alerts/rules';
import { useCountersignResolution } from '@/lib/alerts/use-alert-mutations';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { trimNote } from '@/lib/text/blank';
import { useHydrated } from '@/lib/use-hydrated';
import { alertCountersignControlMessages } from './messages';

/**
 * Four-eyes, for a directeur who did not ask: countersign the pending resolution (the alert is
 * resolved with the requester's reason and note; an optional note of one's own) or reject it (a
 * note is required: the requester reads why in the history). The database decides who may; of two
 * decisions at once the second is told the request is no longer pending, and a request made since
 * the page was read (rejected and asked again) is refused rather than decided unseen.
 */
export function AlertCountersignControl({ alertId, requestedAt }: { alertId: string; requestedAt: string }) {
  const { dict, locale } = useI18n(alertCountersignControlMessages);
  const router = useRouter();
  const hydrated = useHydrated();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const noteId = useId();
  const mutation = useCountersignResolution();

  async function decide(approve: boolean) {
    if (mutation.isPending) return;
    setError(null);
    setNoteError(null);
    const trimmed = trimNote(note);
    if (trimmed.length > NOTE_MAX_LENGTH) return setNoteError(dict.errors.noteTooLong);
    if (!approve && !trimmed) return setNoteError(dict.errors.countersignNoteRequired);
    setDeciding(approve ? 'approve' : 'reject');
    try {
      await mutation.mutateAsync({ id: alertId, approve, note: trimmed || undefined, requestedAt });
      toast.success(approve ? dict.actions.countersigned : dict.actions.rejected);
    } catch (thrown) {
      const failure = failureOf(thrown, dict.errors.unexpected);
      const field = failure.fieldErrors?.note?.[0];
      if (field) setNoteError(field);
      else setError(failure.message);
    } finally {
      setDeciding(null);
    }
    router.refresh();
  }

  return (
    <div className="space-y-3" data-testid="alert-countersign-control" data-interactive={hydrated}>
      <p className="text-sm text-slate-700">
        {dict.actions.countersignHint} {dict.actions.rejectHint}
      </p>
      <div>
        <label htmlFor={noteId} className="block text-xs font-medium text-slate-700">
          {dict.actions.countersignNoteLabel}
        </label>
        <textarea
          id={noteId}
          rows={2}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={`${noteId}-error ${noteId}-count`}
          data-testid="alert-countersign-note"
          className="mt-0.5 block w-full resize-y rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-sky-700 focus:outline-2 focus:outline-sky-700 aria-[invalid=true]:border-red-700"
        />
        <p id={`${noteId}-count`} className="mt-0.5 text-xs text-slate-600">
          {interpolate(dict.actions.noteCount, {
            count: new Intl.NumberFormat(locale).format(trimNote(note).length),
            max: new Intl.NumberFormat(locale).format(NOTE_MAX_LENGTH),
          })}
        </p>
        <p
          id={`${noteId}-error`}
          aria-live="polite"
          className="mt-0.5 text-sm text-red-800 empty:hidden"
          data-testid="alert-countersign-note-error"
        >
          {noteError}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          disabled={mutation.isPending}
          aria-busy={deciding === 'approve' || undefined}
          onClick={() => void decide(true)}
          data-testid="alert-countersign-approve"
        >
          <Signature aria-hidden="true" className="size-4" />
          {deciding === 'approve' ? dict.actions.submitting : dict.actions.countersign}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={mutation.isPending}
          aria-busy={deciding === 'reject' || undefined}
          onClick={() => void decide(false)}
          data-testid="alert-countersign-reject"
        >
          <ShieldX aria-hidden="true" className="size-4" />
          {deciding === 'reject' ? dict.actions.submitting : dict.actions.reject}
        </Button>
      </div>
      <p role="alert" className="text-sm text-red-800 empty:hidden" data-testid="alert-countersign-error">
        {error}
      </p>
    </div>
  );
}
