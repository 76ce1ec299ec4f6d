'use client';

import { AlarmClock } from 'lucide-react';
import { createContext, useContext, type ReactNode } from 'react';
import { Pill } from '@/components/ui/pill';
import { useNow } from '@/components/ui/relative-time';
import { alertDeadline, secondsLeft, type SeverityDeadline } from '@/lib/alerts/deadline';
import { useI18n } from '@/lib/i18n/client';
import { formatSeconds } from '@/lib/i18n/date-words';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { deadlinePillMessages } from './messages';

const DeadlinesContext = createContext<readonly SeverityDeadline[]>([]);

/** The deadlines per severity, read once by the alert pages' layout, for every pill below it. */
export function DeadlinesProvider({ deadlines, children }: { deadlines: readonly SeverityDeadline[]; children: ReactNode }) {
  return <DeadlinesContext.Provider value={deadlines}>{children}</DeadlinesContext.Provider>;
}

/**
 * The next deadline of an active alert: « Acquittement : reste 12 minutes », or in red
 * « Acquittement en retard depuis 3 heures ». Before the page's clock runs (server rendering), the
 * due time itself. Nothing for a resolved alert or a severity without deadline.
 */
export function DeadlinePill({ alert }: { alert: { status: string | null; severity: string | null; first_seen_at: string | null } }) {
  const { dict, locale, timeZone } = useI18n(deadlinePillMessages);
  const deadline = alertDeadline(alert, useContext(DeadlinesContext));
  const now = useNow();
  if (!deadline) return null;
  const step = deadline.step === 'ack' ? dict.alerts.deadlineAck : dict.alerts.deadlineResolve;
  const left = now === null ? null : secondsLeft(deadline, now);
  const overdue = left !== null && left <= 0;
  const text =
    left === null
      ? interpolate(dict.alerts.deadlineDue, { step, time: formatDateTime(deadline.dueAt, locale, timeZone) })
      : interpolate(overdue ? dict.alerts.deadlineOverdue : dict.alerts.deadlineLeft, {
          step,
          duration: formatSeconds(Math.max(Math.abs(left), 60), locale),
        });
  return (
    <Pill
      tone={overdue ? 'redLight' : 'slate'}
      weight="medium"
      wrap
      data-testid="alert-deadline"
      data-overdue={overdue ? 'true' : 'false'}
      data-step={deadline.step}
      title={interpolate(dict.alerts.deadlineDue, { step, time: formatDateTime(deadline.dueAt, locale, timeZone) })}
    >
      <AlarmClock aria-hidden="true" className="size-3.5" />
      {text}
    </Pill>
  );
}
