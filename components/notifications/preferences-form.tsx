'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { filterFieldClass } from '@/components/ui/filter-field';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { savePreferencesAction } from '@/lib/notifications/actions';
import type { Preferences } from '@/lib/notifications/schemas';
import { DIGESTS, isOneOf, MIN_SEVERITY_CHOICES, type Digest, type MinSeverityChoice } from '@/lib/notifications/settings-rules';
import { preferencesFormMessages } from './messages';
import { useActionRunner } from '@/components/ui/use-action-runner';

const labelClass = 'block text-sm font-medium text-slate-800';
const helpClass = 'mt-1 text-sm text-slate-600';
const errorClass = 'mt-1 text-sm text-red-800 empty:hidden';

/**
 * The caller's notification preferences: e-mail on or off, the minimum severity notified at once,
 * the digest, a webhook URL. Saved by savePreferencesAction; the database's refusals come back on
 * their field.
 */
export function PreferencesForm({ preferences }: { preferences: Omit<Preferences, 'has_webhook_secret' | 'is_default'> }) {
  const { dict } = useI18n(preferencesFormMessages);
  const n = dict.notifications;
  const id = useId();
  const [saved, setSaved] = useState(false);
  const { run, pending, failure } = useActionRunner(savePreferencesAction, {
    networkMessage: dict.errors.network,
    onSuccess: () => setSaved(true),
  });

  const severityLabel = (choice: MinSeverityChoice) =>
    choice === 'none'
      ? n.minSeverityNone
      : choice === 'CRITICAL'
        ? dict.severity.CRITICAL
        : interpolate(n.minSeverityFrom, { severity: dict.severity[choice] });
  const digestLabel: Record<Digest, string> = { none: n.digestNone, daily: n.digestDaily, weekly: n.digestWeekly };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const minSeverity = form.get('minSeverity');
    const digest = form.get('digest');
    run({
      emailEnabled: form.get('emailEnabled') === 'on',
      webhookUrl: String(form.get('webhookUrl') ?? ''),
      minSeverity: isOneOf(MIN_SEVERITY_CHOICES, minSeverity) ? minSeverity : 'none',
      digest: isOneOf(DIGESTS, digest) ? digest : 'none',
    });
  };

  const urlError = failure?.fieldErrors?.webhookUrl?.[0];
  const formError = failure && !urlError ? failure.message : '';

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" data-testid="preferences-form">
      <fieldset>
        <legend className={labelClass}>{n.email}</legend>
        <label className="mt-2 flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="emailEnabled"
            defaultChecked={preferences.email_enabled}
            className="mt-0.5 size-4 shrink-0 accent-sky-800 pointer-coarse:size-6"
            data-testid="preferences-email-enabled"
          />
          <span>
            {n.emailEnabled}
            <span className="block break-all text-slate-600">
              {interpolate(n.emailAddress, { email: preferences.email ?? n.noEmail })}
            </span>
          </span>
        </label>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-severity`} className={labelClass}>
            {n.minSeverity}
          </label>
          <select
            id={`${id}-severity`}
            name="minSeverity"
            defaultValue={preferences.min_severity ?? 'none'}
            aria-describedby={`${id}-severity-help`}
            className={filterFieldClass}
            data-testid="preferences-min-severity"
          >
            {MIN_SEVERITY_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {severityLabel(choice)}
              </option>
            ))}
          </select>
          <p id={`${id}-severity-help`} className={helpClass}>
            {n.minSeverityHelp}
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-digest`} className={labelClass}>
            {n.digest}
          </label>
          <select
            id={`${id}-digest`}
            name="digest"
            defaultValue={preferences.digest}
            className={filterFieldClass}
            data-testid="preferences-digest"
          >
            {DIGESTS.map((digest) => (
              <option key={digest} value={digest}>
                {digestLabel[digest]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div>
        <label htmlFor={`${id}-url`} className={labelClass}>
          {n.webhookUrl}
        </label>
        <input
          id={`${id}-url`}
          name="webhookUrl"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
          defaultValue={preferences.webhook_url ?? ''}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={`${id}-url-help ${id}-url-error`}
          className={`${filterFieldClass} aria-[invalid=true]:border-red-700`}
          data-testid="preferences-webhook-url"
        />
        <p id={`${id}-url-help`} className={helpClass}>
          {n.webhookUrlHelp}
        </p>
        <p id={`${id}-url-error`} aria-live="polite" className={errorClass} data-testid="preferences-webhook-url-error">
          {urlError ?? ''}
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="preferences-save">
          {pending ? n.saving : n.save}
        </Button>
        <p role="status" className="text-sm text-emerald-800 empty:hidden" data-testid="preferences-saved">
          {saved && !pending ? n.saved : ''}
        </p>
      </div>
      <p role="alert" className="text-sm font-medium text-red-800 empty:hidden" data-testid="preferences-error">
        {formError}
      </p>
    </form>
  );
}
