'use client';

import { AlertTriangle } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionFailure } from '@/lib/actions/result';
import { NOTE_MAX_LENGTH } from '@/lib/alerts/rules';
import { RESOLUTION_REASONS, type ResolutionReason } from '@/lib/alerts/vocabulary';
import { validateNoteForm, type NoteFormErrors } from '@/lib/alerts/validate';
import { useI18n } from '@/lib/i18n/client';
import { trimNote } from '@/lib/text/blank';
import { formatNumber, interpolate, plural } from '@/lib/i18n/format';
import { noteDialogMessages } from './messages';

export type NoteDialogTarget =
  | { kind: 'acknowledge'; id: string; message: string }
  /** `fourEyes`: CRITICAL and still detected — the resolution becomes a request for a second directeur. */
  | { kind: 'resolve'; id: string; message: string; stillDetected: boolean; fourEyes: boolean }
  | { kind: 'bulk'; ids: string[] }
  /** `stillDetected`: how many of the selection are still detected (resolved only if confirmed). */
  | { kind: 'bulkResolve'; ids: string[]; stillDetected: number; fourEyes: number };

/** `reason`: why the alert is resolved (resolve only; null otherwise). */
export type NoteDialogValues = { reason: ResolutionReason | null; note: string; confirmActive: boolean };

/** What the caller's submit says: null when done (the dialog closes), else the failure to show. */
export type NoteDialogSubmit = (target: NoteDialogTarget, values: NoteDialogValues) => Promise<ActionFailure | null>;

/**
 * The acknowledge / resolve / bulk-acknowledge dialog: a native modal `<dialog>` (focus moves in,
 * Escape closes, focus goes back to the opener — or, after success, to `returnFocus()`),
 * labelled by its title, with one note field checked by the rules the actions' schemas use; resolving
 * also asks why (one of the fixed reasons, as radio buttons: one tap each on a phone).
 */
export function AlertNoteDialog({
  target,
  onClose,
  onSubmit,
  returnFocus,
}: {
  target: NoteDialogTarget | null;
  onClose: () => void;
  onSubmit: NoteDialogSubmit;
  returnFocus?: (target: NoteDialogTarget) => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const lastTarget = useRef<NoteDialogTarget | null>(null);
  const pending = useRef(false);
  const succeeded = useRef(false);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (target && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      lastTarget.current = target;
      succeeded.current = false;
      dialog.showModal();
    } else if (!target && dialog.open) {
      dialog.close();
    }
  }, [target]);

  function handleClose() {
    const closed = lastTarget.current;
    const fallback = opener.current;
    const done = succeeded.current;
    onClose();
    // Cancelled: back to the opener. Done: the opener may be about to disappear (an acknowledged
    // row loses its button), so focus goes where the caller says, else to the opener if still there.
    requestAnimationFrame(() => {
      const preferred = done && closed && returnFocus ? returnFocus(closed) : null;
      const element = preferred?.isConnected ? preferred : fallback?.isConnected ? fallback : null;
      element?.focus();
    });
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="alert-dialog"
      onClose={handleClose}
      onCancel={(event) => {
        if (pending.current) event.preventDefault();
      }}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      {target ? (
        <NoteForm
          key={
            target.kind === 'bulk' || target.kind === 'bulkResolve'
              ? `${target.kind}:${target.ids.join(',')}`
              : `${target.kind}:${target.id}`
          }
          target={target}
          titleId={titleId}
          onPendingChange={(value) => {
            pending.current = value;
          }}
          onCancel={() => ref.current?.close()}
          onSubmit={async (values) => {
            const failure = await onSubmit(target, values);
            if (!failure) {
              succeeded.current = true;
              ref.current?.close();
            }
            return failure;
          }}
        />
      ) : null}
    </dialog>
  );
}

function NoteForm({
  target,
  titleId,
  onCancel,
  onSubmit,
  onPendingChange,
}: {
  target: NoteDialogTarget;
  titleId: string;
  onCancel: () => void;
  onSubmit: (values: NoteDialogValues) => Promise<ActionFailure | null>;
  onPendingChange: (pending: boolean) => void;
}) {
  const { dict, locale } = useI18n(noteDialogMessages);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<ResolutionReason | null>(null);
  const [errors, setErrors] = useState<NoteFormErrors>({});
  const [pending, setPending] = useState(false);
  // Resolving an alert still detected is an explicit "resolve anyway" from the start; the server
  // may also ask for it (the condition came back since the page was loaded).
  const [confirmActive, setConfirmActive] = useState(target.kind === 'resolve' && target.stillDetected);
  const confirmId = useId();
  const noteId = useId();
  const noteErrorId = `${noteId}-error`;
  const countId = `${noteId}-count`;
  const warningId = `${noteId}-warning`;
  const reasonErrorId = `${noteId}-reason-error`;

  const isResolve = target.kind === 'resolve' || target.kind === 'bulkResolve';
  const title =
    target.kind === 'acknowledge'
      ? dict.actions.acknowledgeTitle
      : target.kind === 'resolve'
        ? dict.actions.resolveTitle
        : target.kind === 'bulkResolve'
          ? plural(dict.actions.resolveSelectedTitle, target.ids.length, locale)
          : plural(dict.actions.acknowledgeSelectedTitle, target.ids.length, locale);
  const submitLabel = pending
    ? dict.actions.submitting
    : target.kind === 'acknowledge'
      ? dict.actions.acknowledge
      : target.kind === 'bulk'
        ? dict.actions.acknowledgeSelected
        : target.kind === 'bulkResolve'
          ? dict.actions.resolveSelected
          : confirmActive
            ? dict.actions.resolveAnyway
            : dict.actions.resolve;
  const tooLong = note.length > NOTE_MAX_LENGTH;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input =
      target.kind === 'bulk'
        ? ({ kind: 'bulk', ids: target.ids, note } as const)
        : target.kind === 'resolve'
          ? ({ kind: 'resolve', id: target.id, reason, note, confirmActive } as const)
          : target.kind === 'bulkResolve'
            ? ({ kind: 'bulkResolve', ids: target.ids, reason, note, confirmActive } as const)
            : ({ kind: 'acknowledge', id: target.id, note } as const);
    const invalid = validateNoteForm(input, dict);
    if (invalid) {
      setErrors(invalid);
      if (invalid.reason) document.querySelector<HTMLInputElement>(`input[name="reason"]`)?.focus();
      else if (invalid.note) document.getElementById(noteId)?.focus();
      return;
    }
    setErrors({});
    setPending(true);
    onPendingChange(true);
    const failure = await onSubmit({ reason: isResolve ? reason : null, note: trimNote(note), confirmActive });
    setPending(false);
    onPendingChange(false);
    if (!failure) return;
    if (failure.code === 'confirmation_required') setConfirmActive(true);
    const noteError = failure.fieldErrors?.note?.[0];
    const reasonError = failure.fieldErrors?.reason?.[0];
    setErrors(noteError ? { note: noteError } : reasonError ? { reason: reasonError } : { form: failure.message });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4 p-5 sm:p-6">
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      {target.kind === 'bulk' ? (
        <p className="text-sm text-slate-700">{dict.actions.acknowledgeSelectedHint}</p>
      ) : target.kind === 'bulkResolve' ? (
        <div className="space-y-2 text-sm text-slate-700">
          <p>{dict.actions.resolveSelectedHint}</p>
          {target.stillDetected > 0 ? (
            <label
              htmlFor={confirmId}
              className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-inset ring-amber-300"
            >
              <input
                id={confirmId}
                type="checkbox"
                checked={confirmActive}
                onChange={(event) => setConfirmActive(event.target.checked)}
                className="mt-0.5 size-4 accent-amber-700"
                data-testid="bulk-resolve-anyway"
              />
              <span>{plural(dict.actions.resolveSelectedAnyway, target.stillDetected, locale)}</span>
            </label>
          ) : null}
          {target.fourEyes > 0 ? (
            <p className="flex gap-2 text-amber-950" data-testid="bulk-four-eyes-warning">
              <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <span>{plural(dict.actions.fourEyesSelected, target.fourEyes, locale)}</span>
            </p>
          ) : null}
        </div>
      ) : (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-200">{target.message}</p>
      )}
      {target.kind === 'resolve' && confirmActive ? (
        <p
          id={warningId}
          className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-inset ring-amber-300"
          data-testid="resolve-anyway-warning"
        >
          <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{target.fourEyes ? dict.actions.fourEyesWarning : dict.actions.resolveAnywayWarning}</span>
        </p>
      ) : null}
      {isResolve ? (
        <fieldset aria-describedby={reasonErrorId} data-testid="resolution-reasons">
          <legend className="text-sm font-medium text-slate-800">
            {dict.alerts.resolutionReason} ({dict.common.required})
          </legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {RESOLUTION_REASONS.map((code) => (
              <label
                key={code}
                className="flex min-h-10 cursor-pointer items-center gap-2 rounded-md px-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-200 has-[:checked]:bg-sky-50 has-[:checked]:ring-sky-700"
              >
                <input
                  type="radio"
                  name="reason"
                  value={code}
                  checked={reason === code}
                  onChange={() => setReason(code)}
                  className="size-4 accent-sky-700"
                  data-testid={`resolution-reason-${code}`}
                />
                {dict.alerts.reasons[code]}
              </label>
            ))}
          </div>
          <p id={reasonErrorId} aria-live="polite" className="mt-1 text-sm text-red-800 empty:hidden" data-testid="alert-reason-error">
            {errors.reason}
          </p>
        </fieldset>
      ) : null}
      <div>
        <label htmlFor={noteId} className="block text-sm font-medium text-slate-800">
          {isResolve ? dict.actions.resolutionNote : dict.actions.note}
        </label>
        <textarea
          id={noteId}
          name="note"
          rows={4}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder={dict.actions.notePlaceholder}
          required={isResolve}
          aria-required={isResolve || undefined}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={`${noteErrorId} ${countId}${target.kind === 'resolve' && confirmActive ? ` ${warningId}` : ''}`}
          data-testid="alert-note"
          className="mt-1 block w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700 aria-[invalid=true]:border-red-700"
        />
        <div className="mt-1 flex items-start justify-between gap-3 text-sm">
          <p id={noteErrorId} aria-live="polite" className="text-red-800" data-testid="alert-note-error">
            {errors.note}
          </p>
          <p id={countId} className={`shrink-0 tabular-nums ${tooLong ? 'font-semibold text-red-800' : 'text-slate-600'}`}>
            {interpolate(dict.actions.noteCount, {
              count: formatNumber(note.length, locale),
              max: formatNumber(NOTE_MAX_LENGTH, locale),
            })}
          </p>
        </div>
      </div>
      <p role="alert" className="min-h-5 text-sm font-medium text-red-800 empty:min-h-0" data-testid="alert-dialog-error">
        {errors.form}
      </p>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={pending} className="flex-1 sm:flex-none">
          {dict.common.cancel}
        </Button>
        <Button
          type="submit"
          variant={isResolve && confirmActive ? 'danger' : 'primary'}
          disabled={pending}
          aria-busy={pending || undefined}
          className="flex-1 sm:flex-none"
          data-testid="alert-dialog-submit"
        >
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
