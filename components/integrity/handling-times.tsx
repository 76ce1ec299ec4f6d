import { AlarmClockCheck, Hourglass, Timer, type LucideIcon } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, interpolate } from '@/lib/i18n/format';
import type { DeadlineCompliance } from '@/lib/integrity/schemas';
import { formatSeconds } from '@/lib/i18n/date-words';

/** One figure of the card: its label, its value ("—" without data) and a line below it. */
function Figure({
  icon: Icon,
  label,
  value,
  footnote,
  dict,
  testId,
}: {
  icon: LucideIcon;
  label: string;
  value: string | null;
  footnote: string;
  dict: Dictionary;
  testId: string;
}) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
      <dt className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <Icon aria-hidden="true" className="size-4 shrink-0 text-slate-600" />
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid={testId}>
        {value ?? (
          <>
            <span aria-hidden="true">{dict.common.none}</span>
            <span className="sr-only">{dict.integrity.noData}</span>
          </>
        )}
      </dd>
      <dd className="text-xs text-slate-600">{footnote}</dd>
    </div>
  );
}

/** A mean duration: formatSeconds(0) is empty (date-fns drops zero units), so "under a second". */
function duration(seconds: number | null, dict: Dictionary, locale: Locale): string | null {
  return seconds === null ? null : formatSeconds(seconds, locale) || dict.integrity.lessThanSecond;
}

/** « 87 % » of the steps that fell due; null (shown "—") when none did. */
function share(onTime: number, due: number, locale: Locale): string | null {
  return due === 0 ? null : `${formatNumber(Math.floor((onTime / due) * 100), locale)} %`;
}

/**
 * Mean time to acknowledge and to resolve over the overview's window, and the share of those
 * steps done within their deadline; "—" without data.
 */
export function HandlingTimes({
  meanSecondsToAck,
  meanSecondsToResolve,
  compliance,
  days,
  dict,
  locale,
}: {
  meanSecondsToAck: number | null;
  meanSecondsToResolve: number | null;
  compliance: DeadlineCompliance;
  days: number;
  dict: Dictionary;
  locale: Locale;
}) {
  const overDays = interpolate(dict.integrity.overDays, { days });
  const onTimeOf = (onTime: number, due: number) =>
    interpolate(dict.integrity.onTimeOf, { onTime: formatNumber(onTime, locale), due: formatNumber(due, locale) });
  return (
    <Card title={dict.integrity.delays} titleId="integrity-delays-title" className="h-full">
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
        <Figure
          icon={Timer}
          label={dict.integrity.meanToAck}
          value={duration(meanSecondsToAck, dict, locale)}
          footnote={overDays}
          dict={dict}
          testId="integrity-mtta"
        />
        <Figure
          icon={Hourglass}
          label={dict.integrity.meanToResolve}
          value={duration(meanSecondsToResolve, dict, locale)}
          footnote={overDays}
          dict={dict}
          testId="integrity-mttr"
        />
        <Figure
          icon={AlarmClockCheck}
          label={dict.integrity.ackOnTime}
          value={share(compliance.ackOnTime, compliance.ackDue, locale)}
          footnote={onTimeOf(compliance.ackOnTime, compliance.ackDue)}
          dict={dict}
          testId="integrity-ack-on-time"
        />
        <Figure
          icon={AlarmClockCheck}
          label={dict.integrity.resolveOnTime}
          value={share(compliance.resolveOnTime, compliance.resolveDue, locale)}
          footnote={onTimeOf(compliance.resolveOnTime, compliance.resolveDue)}
          dict={dict}
          testId="integrity-resolve-on-time"
        />
      </dl>
    </Card>
  );
}
