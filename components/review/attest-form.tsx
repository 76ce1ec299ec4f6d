'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { callAction } from '@/lib/actions/call-action';
import { useI18n } from '@/lib/i18n/client';
import { attestReviewAction } from '@/lib/review/actions';
import { attestFormMessages } from './messages';

/** The PCA's « Attester : période revue » for the month and scope on screen, with an optional comment. */
export function AttestForm({ month, depot }: { month: string; depot: string | undefined }) {
  const { dict } = useI18n(attestFormMessages);
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fieldId = useId();
  const errorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await callAction(() => attestReviewAction({ month, depot, comment }), dict.errors.network);
    setPending(false);
    if (!result.ok) {
      setError(result.fieldErrors?.comment?.[0] ?? result.message);
      return;
    }
    toast.success(dict.review.attestDone);
    router.refresh();
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="mt-3 space-y-2" data-testid="review-attest-form">
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {dict.review.attestComment}
      </label>
      <textarea
        id={fieldId}
        rows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        data-testid="review-attest-comment"
        className="block w-full max-w-2xl resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700"
      />
      <p id={errorId} aria-live="polite" className="text-sm text-red-800" data-testid="review-attest-error">
        {error}
      </p>
      <Button type="submit" disabled={pending} data-testid="review-attest-button">
        {dict.review.attestButton}
      </Button>
    </form>
  );
}
