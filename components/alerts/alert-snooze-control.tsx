'use client';

import { CirclePause, CirclePlay } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { failureOf } from '@/lib/actions/call-action';
import { SNOOZE_MAX_DAYS, SNOOZE_REASON_MAX_LENGTH } from '@/lib/alerts/rules';
import { useEndSnooze, useSnoozeAlert } from '@/lib/alerts/use-alert-mutations';
import { useI18n } from '@/lib/i18n/client';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { instantToZoned } from '@/lib/i18n/zoned-time';
import { trimNote } from '@/lib/text/blank';
import { useHydrated } from '@/lib/use-hydrated';
import { alertSnoozeControlMessages } from './messages';

const HOUR_MS = 3_600_000;

export type SnoozeState = { until: string; reason: string | null; byName: string | null; at: string | null } | null;

/**
 * The alert's pause: shown when there is one (until when, why, by whom) with « Reprendre
 * maintenant »; otherwise, for an active alert, a form to pause it until a date-time in the
 * depot's time zone (24 hours ahead by default, 30 days at most) with a reason. The pause the
 * user saw goes with the change: if someone changed it meanwhile, the database refuses and says who.
 */
export function AlertSnoozeControl({
  alertId,
  firstSeenAt,
  snooze,
  canChange,
}: {
  alertId: string;
  /** A pause ends at most 30 days after the alert was first detected (and 30 days ahead). */
  firstSeenAt: string;
  snooze: SnoozeState;
  canChange: boolean;
}) {
  const { dict, locale, timeZone } = useI18n(alertSnoozeControlMessages);
  const router = useRouter();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ until?: string; reason?: string }>({});
  // The field's bounds and default, from the clock when the page was rendered (the server judges).
  const [now] = useState(() => Date.now());
  const latest = Math.min(now + SNOOZE_MAX_DAYS * 24 * HOUR_MS, Date.parse(firstSeenAt) + SNOOZE_MAX_DAYS * 24 * HOUR_MS);
  const [until, setUntil] = useState(() => instantToZoned(new Date(Math.min(now + 24 * HOUR_MS, latest)), timeZone));
  const [reason, setReason] = useState('');
  const untilId = useId();
  const reasonId = useId();
  const snoozeMutation = useSnoozeAlert();
  const endMutation = useEndSnooze();
  const pending = snoozeMutation.isPending || endMutation.isPending;

  async function settle(run: () => Promise<unknown>, done: string) {
    setError(null);
    setFieldErrors({});
    try {
      await run();
      toast.success(done);
    } catch (thrown) {
      const failure = failureOf(thrown, dict.errors.unexpected);
      const until = failure.fieldErrors?.until?.[0];
      const reason = failure.fieldErrors?.reason?.[0];
      if (until || reason) setFieldErrors({ until, reason });
      else setError(failure.message);
    }
    router.refresh();
  }

  async function handleSnooze(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const trimmed = trimNote(reason);
    const issues = {
      until: until ? undefined : dict.errors.snoozeUntilInvalid,
      reason: !trimmed
        ? dict.errors.snoozeReasonRequired
        : Array.from(trimmed).length > SNOOZE_REASON_MAX_LENGTH
          ? dict.errors.snoozeReasonTooLong
          : undefined,
    };
    if (issues.until || issues.reason) {
      setFieldErrors(issues);
      return;
    }
    await settle(
      () => snoozeMutation.mutateAsync({ id: alertId, until, reason: trimmed, expected: snooze?.until ?? null }),
      dict.actions.snoozed,
    );
  }

  if (snooze) {
    return (
      <div className="space-y-2" data-testid="alert-snooze" data-snoozed="true" data-interactive={hydrated}>
        <p className="flex items-center gap-2 font-medium text-slate-900" data-testid="alert-snooze-until">
          <CirclePause aria-hidden="true" className="size-4 shrink-0 text-slate-600" />
          {interpolate(dict.alerts.snoozedPill, { time: formatDateTime(snooze.until, locale, timeZone) })}
        </p>
        {snooze.reason ? (
          <p className="text-sm whitespace-pre-line text-slate-800" data-testid="alert-snooze-reason">
            {snooze.reason}
          </p>
        ) : null}
        {snooze.byName && snooze.at ? (
          <p className="text-xs text-slate-600">
            {interpolate(dict.alerts.snoozedBy, { name: snooze.byName, time: formatDateTime(snooze.at, locale, timeZone) })}
          </p>
        ) : null}
        {canChange ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            aria-busy={endMutation.isPending || undefined}
            onClick={() => void settle(() => endMutation.mutateAsync({ id: alertId }), dict.actions.snoozeEnded)}
            data-testid="alert-snooze-end"
          >
            <CirclePlay aria-hidden="true" className="size-4" />
            {endMutation.isPending ? dict.actions.submitting : dict.actions.endSnooze}
          </Button>
        ) : null}
        <p role="alert" className="text-sm text-red-800 empty:hidden" data-testid="alert-snooze-error">
          {error}
        </p>
      </div>
    );
  }

  if (!canChange) return <p className="text-sm text-slate-600">{dict.alerts.notSnoozed}</p>;

  return (
    <form
      onSubmit={handleSnooze}
      noValidate
      className="space-y-3"
      data-testid="alert-snooze"
      data-snoozed="false"
      data-interactive={hydrated}
    >
      <p className="text-sm text-slate-700">{dict.alerts.snoozeHint}</p>
      <div>
        <label htmlFor={untilId} className="block text-xs font-medium text-slate-700">
          {dict.alerts.snoozeUntilLabel}
        </label>
        <input
          id={untilId}
          type="datetime-local"
          value={until}
          // The next minute: the database refuses an end that is not in the future.
          min={instantToZoned(new Date(now + 60_000), timeZone)}
          max={instantToZoned(new Date(latest), timeZone)}
          onChange={(event) => setUntil(event.target.value)}
          aria-invalid={fieldErrors.until ? true : undefined}
          aria-describedby={`${untilId}-error`}
          data-testid="alert-snooze-until-input"
          className="mt-0.5 block min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-sky-700 focus:outline-2 focus:outline-sky-700 aria-[invalid=true]:border-red-700"
        />
        <p
          id={`${untilId}-error`}
          aria-live="polite"
          className="mt-0.5 text-sm text-red-800 empty:hidden"
          data-testid="alert-snooze-until-error"
        >
          {fieldErrors.until}
        </p>
      </div>
      <div>
        <label htmlFor={reasonId} className="block text-xs font-medium text-slate-700">
          {dict.alerts.snoozeReasonLabel}
        </label>
        <textarea
          id={reasonId}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder={dict.alerts.snoozeReasonPlaceholder}
          aria-invalid={fieldErrors.reason ? true : undefined}
          aria-describedby={`${reasonId}-error`}
          data-testid="alert-snooze-reason-input"
          className="mt-0.5 block w-full resize-y rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-sky-700 focus:outline-2 focus:outline-sky-700 aria-[invalid=true]:border-red-700"
        />
        <p
          id={`${reasonId}-error`}
          aria-live="polite"
          className="mt-0.5 text-sm text-red-800 empty:hidden"
          data-testid="alert-snooze-reason-error"
        >
          {fieldErrors.reason}
        </p>
      </div>
      <Button
        type="submit"
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-busy={snoozeMutation.isPending || undefined}
        data-testid="alert-snooze-submit"
      >
        <CirclePause aria-hidden="true" className="size-4" />
        {snoozeMutation.isPending ? dict.actions.submitting : dict.actions.snooze}
      </Button>
      <p role="alert" className="text-sm text-red-800 empty:hidden" data-testid="alert-snooze-error">
        {error}
      </p>
    </form>
  );
}
