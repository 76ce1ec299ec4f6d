'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { setDeadlineAction } from '@/lib/notifications/actions';
import {
  deadlineIssues,
  DURATION_UNITS,
  parseDuration,
  splitDuration,
  type DeadlineIssue,
  type DurationUnit,
} from '@/lib/notifications/durations';
import { deadlineFormsMessages } from './messages';
import { useActionRunner } from '@/components/ui/use-action-runner';

type Severity = 'CRITICAL' | 'WARN' | 'INFO';

/** The filter fields' look (components/ui/filter-field.tsx), sized by the row they share. */
const fieldClass =
  'block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm pointer-coarse:min-h-11 focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700';
export type EditableDeadline = { severity: Severity; ack_minutes: number | null; resolve_minutes: number | null };

/** A directeur's edit of the deadlines: one small form per severity, a number and a unit per deadline. */
export function DeadlineForms({ deadlines }: { deadlines: EditableDeadline[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {deadlines.map((deadline) => (
        // Not re-mounted after a save: the fields keep what was typed (and saved), and the form its message.
        <DeadlineForm key={deadline.severity} deadline={deadline} />
      ))}
    </div>
  );
}

function DurationField({
  id,
  label,
  name,
  minutes,
  error,
  hintId,
}: {
  id: string;
  label: string;
  name: string;
  minutes: number | null;
  error: string | undefined;
  hintId: string;
}) {
  const { dict } = useI18n(deadlineFormsMessages);
  const n = dict.notifications;
  const initial = splitDuration(minutes);
  const unitLabel: Record<DurationUnit, string> = { min: n.unitMinLong, h: n.unitHLong, d: n.unitDLong };
  return (
    <div>
      <label htmlFor={`${id}-value`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={`${id}-value`}
          name={`${name}Value`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={initial.value}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${hintId} ${id}-error`}
          className={`${fieldClass} w-full min-w-0 flex-1 aria-[invalid=true]:border-red-700`}
          data-testid={`deadline-${name}-value`}
        />
        <select
          name={`${name}Unit`}
          aria-label={`${label} — ${n.unit}`}
          defaultValue={initial.unit}
          className={`${fieldClass} shrink-0`}
          data-testid={`deadline-${name}-unit`}
        >
          {DURATION_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {unitLabel[unit]}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-800 empty:hidden">
        {error ?? ''}
      </p>
    </div>
  );
}

function DeadlineForm({ deadline }: { deadline: EditableDeadline }) {
  const { dict } = useI18n(deadlineFormsMessages);
  const n = dict.notifications;
  const id = useId();
  const [issues, setIssues] = useState<{ ack?: DeadlineIssue; resolve?: DeadlineIssue }>({});
  const [saved, setSaved] = useState(false);
  const { run, pending, failure } = useActionRunner(setDeadlineAction, {
    networkMessage: dict.errors.network,
    onSuccess: () => setSaved(true),
  });
  const severityLabel = dict.severity[deadline.severity];

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const unitOf = (value: FormDataEntryValue | null): DurationUnit =>
      (DURATION_UNITS as readonly string[]).includes(String(value)) ? (value as DurationUnit) : 'min';
    const ack = parseDuration(String(form.get('ackValue') ?? ''), unitOf(form.get('ackUnit')));
    const resolve = parseDuration(String(form.get('resolveValue') ?? ''), unitOf(form.get('resolveUnit')));
    const found = deadlineIssues(ack, resolve);
    setIssues(found);
    if (found.ack || found.resolve || ack === 'invalid' || resolve === 'invalid') return;
    run({ severity: deadline.severity, ackMinutes: ack, resolveMinutes: resolve });
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-md border border-slate-200 p-3"
      data-testid={`deadline-form-${deadline.severity}`}
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {severityLabel}
      </h3>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {n.emptyMeansNone}
      </p>
      <DurationField
        id={`${id}-ack`}
        name="ack"
        label={n.ackWithin}
        minutes={deadline.ack_minutes}
        error={issues.ack ? n[issues.ack] : undefined}
        hintId={`${id}-hint`}
      />
      <DurationField
        id={`${id}-resolve`}
        name="resolve"
        label={n.resolveWithin}
        minutes={deadline.resolve_minutes}
        error={issues.resolve ? n[issues.resolve] : undefined}
        hintId={`${id}-hint`}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" disabled={pending} data-testid="deadline-save">
          {pending ? n.saving : n.saveDeadline}
        </Button>
        <p role="status" className="text-sm text-emerald-800 empty:hidden">
          {saved && !pending ? interpolate(n.deadlineSaved, { severity: severityLabel }) : ''}
        </p>
      </div>
      <p role="alert" className="text-sm font-medium text-red-800 empty:hidden">
        {failure?.message ?? ''}
      </p>
    </form>
  );
}
