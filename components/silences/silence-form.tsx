'use client';

import { BellOff } from 'lucide-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { useI18n } from '@/lib/i18n/client';
import { instantToZoned } from '@/lib/i18n/zoned-time';
import { createSilenceAction } from '@/lib/silences/actions';
import { SILENCE_REASON_MAX_LENGTH } from '@/lib/silences/rules';
import { trimNote } from '@/lib/text/blank';
import { silenceFormMessages } from './messages';

const HOUR_MS = 3_600_000;
const fieldClass =
  'mt-0.5 block w-full min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-sky-700 focus:outline-2 focus:outline-sky-700 aria-[invalid=true]:border-red-700';

type Option = { value: string; label: string };
type Field = 'check' | 'entity' | 'startsAt' | 'endsAt' | 'reason';

/**
 * A new silence (directeur): a check, a tank, truck or depot, a window in the depot's time (from
 * now by default, for 24 hours) and a reason. The page can hand it a check and an object (an alert's
 * « Créer un silence »). The database checks everything again and has the last word.
 */
export function SilenceForm({
  checks,
  entities,
  initialCheck,
  initialEntity,
}: {
  checks: { label: string; checks: { code: string; label: string }[] }[];
  entities: { depots: Option[]; tanks: Option[]; trucks: Option[] };
  initialCheck?: string | undefined;
  initialEntity?: string | undefined;
}) {
  const { dict, timeZone } = useI18n(silenceFormMessages);
  const [now] = useState(() => Date.now());
  const [check, setCheck] = useState(initialCheck ?? '');
  const [entity, setEntity] = useState(initialEntity ?? '');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState(() => instantToZoned(new Date(now + 24 * HOUR_MS), timeZone));
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const ids = { check: useId(), entity: useId(), startsAt: useId(), endsAt: useId(), reason: useId() };
  const { run, pending, failure } = useActionRunner(createSilenceAction, {
    networkMessage: dict.errors.network,
    onSuccess: () => {
      toast.success(dict.silences.created);
      setReason('');
    },
  });
  const errorOf = (name: Field) => issues[name] ?? failure?.fieldErrors?.[name]?.[0];
  const formError = failure && !Object.keys(failure.fieldErrors ?? {}).some((key) => key !== 'form') ? failure.message : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const trimmed = trimNote(reason);
    const found: Partial<Record<Field, string>> = {};
    if (!check) found.check = dict.errors.silenceCheckInvalid;
    if (!entity) found.entity = dict.errors.silenceEntityInvalid;
    if (!endsAt) found.endsAt = dict.errors.silenceEndsInvalid;
    if (!trimmed) found.reason = dict.errors.silenceReasonRequired;
    else if (Array.from(trimmed).length > SILENCE_REASON_MAX_LENGTH) found.reason = dict.errors.silenceReasonTooLong;
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    run({ check, entity, startsAt, endsAt, reason: trimmed });
  }

  const labelled = (name: Field, label: string, control: ReactNode, help?: string) => (
    <div>
      <label htmlFor={ids[name]} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {control}
      {help ? <p className="mt-0.5 text-xs text-slate-600">{help}</p> : null}
      <p
        id={`${ids[name]}-error`}
        aria-live="polite"
        className="mt-0.5 text-sm text-red-800 empty:hidden"
        data-testid={`silence-${name}-error`}
      >
        {errorOf(name)}
      </p>
    </div>
  );
  const described = (name: Field) => ({
    id: ids[name],
    'aria-invalid': errorOf(name) ? true : undefined,
    'aria-describedby': `${ids[name]}-error`,
    'data-testid': `silence-${name}`,
    className: fieldClass,
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2" data-testid="silence-form">
      {labelled(
        'check',
        dict.silences.check,
        <select {...described('check')} value={check} onChange={(event) => setCheck(event.target.value)}>
          <option value="">{dict.silences.chooseCheck}</option>
          {checks.map((family) => (
            <optgroup key={family.label} label={family.label}>
              {family.checks.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.label} ({entry.code})
                </option>
              ))}
            </optgroup>
          ))}
        </select>,
      )}
      {labelled(
        'entity',
        dict.silences.entity,
        <select {...described('entity')} value={entity} onChange={(event) => setEntity(event.target.value)}>
          <option value="">{dict.silences.chooseEntity}</option>
          {(
            [
              [dict.silences.depots, entities.depots],
              [dict.silences.tanks, entities.tanks],
              [dict.silences.trucks, entities.trucks],
            ] as const
          ).map(([label, options]) =>
            options.length > 0 ? (
              <optgroup key={label} label={label}>
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>,
      )}
      {labelled(
        'startsAt',
        dict.silences.startsAt,
        <input
          {...described('startsAt')}
          type="datetime-local"
          value={startsAt}
          min={instantToZoned(new Date(now), timeZone)}
          onChange={(event) => setStartsAt(event.target.value)}
        />,
        dict.silences.startsAtHelp,
      )}
      {labelled(
        'endsAt',
        dict.silences.endsAt,
        <input
          {...described('endsAt')}
          type="datetime-local"
          value={endsAt}
          min={instantToZoned(new Date(now + 60_000), timeZone)}
          onChange={(event) => setEndsAt(event.target.value)}
        />,
      )}
      <div className="sm:col-span-2">
        {labelled(
          'reason',
          dict.silences.reason,
          <textarea
            {...described('reason')}
            rows={2}
            value={reason}
            placeholder={dict.silences.reasonPlaceholder}
            onChange={(event) => setReason(event.target.value)}
          />,
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending} aria-busy={pending || undefined} data-testid="silence-submit">
          <BellOff aria-hidden="true" className="size-4" />
          {pending ? dict.silences.creating : dict.silences.create}
        </Button>
        <p role="alert" className="text-sm font-medium text-red-800 empty:hidden" data-testid="silence-form-error">
          {formError ?? ''}
        </p>
      </div>
    </form>
  );
}
