'use client';

import { type FormEvent, useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { failureOf } from '@/lib/actions/call-action';
import { COMMENT_MAX_LENGTH, commentIssue } from '@/lib/alerts/rules';
import { useAddComment } from '@/lib/alerts/use-alert-mutations';
import { useI18n } from '@/lib/i18n/client';
import { useHydrated } from '@/lib/use-hydrated';
import { formatNumber, interpolate } from '@/lib/i18n/format';
import { trimNote } from '@/lib/text/blank';
import { alertCommentFormMessages } from './messages';

/**
 * Adds a comment to the alert (admin, directeur; any status). The text is checked here as the
 * server and the database check it (trimmed, 1 to 2000 characters); after success the page is
 * re-read, so the comment shows in the history.
 */
export function AlertCommentForm({ alertId }: { alertId: string }) {
  const { dict, locale } = useI18n(alertCommentFormMessages);
  const router = useRouter();
  const hydrated = useHydrated();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const errorId = useId();
  const countId = useId();
  const hintId = useId();
  const addComment = useAddComment();
  const length = Array.from(trimNote(body)).length;
  const tooLong = length > COMMENT_MAX_LENGTH;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (addComment.isPending) return;
    const issue = commentIssue(body);
    if (issue) {
      setError(dict.errors[issue]);
      document.getElementById(fieldId)?.focus();
      return;
    }
    setError(null);
    try {
      await addComment.mutateAsync({ id: alertId, body: trimNote(body) });
      setBody('');
      toast.success(dict.actions.commented);
      router.refresh();
    } catch (thrown) {
      const failure = failureOf(thrown, dict.errors.unexpected);
      setError(failure.fieldErrors?.body?.[0] ?? failure.message);
    }
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-2" data-testid="alert-comment-form" data-interactive={hydrated}>
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {dict.alerts.commentLabel}
      </label>
      <textarea
        id={fieldId}
        name="body"
        rows={3}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        placeholder={dict.alerts.commentPlaceholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${errorId} ${countId} ${hintId}`}
        data-testid="alert-comment-input"
        className="block w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700 aria-[invalid=true]:border-red-700"
      />
      <div className="flex items-start justify-between gap-3 text-sm">
        <p id={errorId} aria-live="polite" className="text-red-800" data-testid="alert-comment-error">
          {error}
        </p>
        <p id={countId} className={`shrink-0 tabular-nums ${tooLong ? 'font-semibold text-red-800' : 'text-slate-600'}`}>
          {interpolate(dict.actions.noteCount, { count: formatNumber(length, locale), max: formatNumber(COMMENT_MAX_LENGTH, locale) })}
        </p>
      </div>
      <p id={hintId} className="text-xs text-slate-600">
        {dict.alerts.commentHint}
      </p>
      <div className="flex justify-end">
        <Button
          type="submit"
          disabled={addComment.isPending}
          aria-busy={addComment.isPending || undefined}
          data-testid="alert-comment-submit"
        >
          {addComment.isPending ? dict.actions.submitting : dict.actions.comment}
        </Button>
      </div>
    </form>
  );
}
