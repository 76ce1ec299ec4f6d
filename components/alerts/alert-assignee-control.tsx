'use client';

import { type FormEvent, useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { failureOf } from '@/lib/actions/call-action';
import { useAssignAlert } from '@/lib/alerts/use-alert-mutations';
import { isRole } from '@/lib/auth/permissions';
import { useI18n } from '@/lib/i18n/client';
import { useHydrated } from '@/lib/use-hydrated';
import { alertAssigneeControlMessages } from './messages';

export type AssigneeOption = { id: string; name: string; role: string };

/**
 * Assign, reassign or unassign the alert (admin, directeur; active alerts). The current assignee
 * goes with the change: if someone changed it meanwhile, the database refuses and the user is
 * told who, and the page is re-read to show it.
 */
export function AlertAssigneeControl({
  alertId,
  current,
  options,
}: {
  alertId: string;
  current: string | null;
  options: AssigneeOption[];
}) {
  const { dict } = useI18n(alertAssigneeControlMessages);
  const router = useRouter();
  const hydrated = useHydrated();
  const [choice, setChoice] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const errorId = useId();
  const assign = useAssignAlert();
  const unchanged = (choice || null) === current;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (assign.isPending || unchanged) return;
    setError(null);
    try {
      await assign.mutateAsync({ id: alertId, assignee: choice || null, expected: current });
      toast.success(dict.actions.assigned);
    } catch (thrown) {
      const failure = failureOf(thrown, dict.errors.unexpected);
      setError(failure.fieldErrors?.assignee?.[0] ?? failure.message);
    }
    router.refresh();
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="mt-2 space-y-1" data-testid="alert-assign-form" data-interactive={hydrated}>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={selectId} className="block text-xs font-medium text-slate-700">
            {dict.alerts.assignLabel}
          </label>
          <select
            id={selectId}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            aria-describedby={errorId}
            data-testid="alert-assign-select"
            className="mt-0.5 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-sky-700 focus:outline-2 focus:outline-sky-700"
          >
            <option value="">{dict.alerts.nobody}</option>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name} ({isRole(option.role) ? dict.roles[option.role] : option.role})
              </option>
            ))}
          </select>
        </div>
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          disabled={assign.isPending || unchanged}
          aria-busy={assign.isPending || undefined}
          data-testid="alert-assign-submit"
        >
          {assign.isPending ? dict.actions.submitting : dict.actions.assign}
        </Button>
      </div>
      <p id={errorId} aria-live="polite" className="text-sm text-red-800" data-testid="alert-assign-error">
        {error}
      </p>
    </form>
  );
}
