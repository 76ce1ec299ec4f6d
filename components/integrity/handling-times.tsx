import { AlarmClockCheck, Hourglass, Timer, type LucideIcon } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, interpolate } from '@/lib/i18n/format';
import type { DeadlineCompliance } from '@/lib/integrity/schemas';
import { formatSeconds } from '@/lib/i18n/date-words';

function Figure({
  icon: Icon,
  label,
  seconds,
  days,
  dict,
  locale,
  testId,
}: {
  icon: LucideIcon;
  label: string;
  seconds: number | null;
  days: number;
  dict: Dictionary;
  locale: Locale;
  testId: string;
}) {
  // formatSeconds(0) is empty (date-fns drops zero units): say "under a second" instead.
  const text = seconds === null ? null : formatSeconds(seconds, locale) || dict.integrity.lessThanSecond;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
      <dt className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <Icon aria-hidden="true" className="size-4 shrink-0 text-slate-600" />
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid={testId}>
        {text ?? (
          <>
            <span aria-hidden="true">{dict.common.none}</span>
            <span className="sr-only">{dict.integrity.noData}</span>
          </>
        )}
      </dd>
      <dd className="text-xs text-slate-600">{interpolate(dict.integrity.overDays, { days })}</dd>
    </div>
  );
}

/** « 87 % » of the steps that fell due, with « 130 sur 150 » below; "—" when none fell due. */
function OnTime({
  label,
  onTime,
  due,
  dict,
  locale,
  testId,
}: {
  label: string;
  onTime: number;
  due: number;
  dict: Dictionary;
  locale: Locale;
  testId: string;
}) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
      <dt className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <AlarmClockCheck aria-hidden="true" className="size-4 shrink-0 text-slate-600" />
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid={testId}>
        {due === 0 ? (
          <>
            <span aria-hidden="true">{dict.common.none}</span>
            <span className="sr-only">{dict.integrity.noData}</span>
          </>
        ) : (
          `${formatNumber(Math.floor((onTime / due) * 100), locale)} %`
        )}
      </dd>
      <dd className="text-xs text-slate-600">
        {interpolate(dict.integrity.onTimeOf, { onTime: formatNumber(onTime, locale), due: formatNumber(due, locale) })}
      </dd>
    </div>
  );
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
  return (
    <Card title={dict.integrity.delays} titleId="integrity-delays-title" className="h-full">
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
        <Figure
          icon={Timer}
          label={dict.integrity.meanToAck}
          seconds={meanSecondsToAck}
          days={days}
          dict={dict}
          locale={locale}
          testId="integrity-mtta"
        />
        <Figure
          icon={Hourglass}
          label={dict.integrity.meanToResolve}
          seconds={meanSecondsToResolve}
          days={days}
          dict={dict}
          locale={locale}
          testId="integrity-mttr"
        />
        <OnTime
          label={dict.integrity.ackOnTime}
          onTime={compliance.ackOnTime}
          due={compliance.ackDue}
          dict={dict}
          locale={locale}
          testId="integrity-ack-on-time"
        />
        <OnTime
          label={dict.integrity.resolveOnTime}
          onTime={compliance.resolveOnTime}
          due={compliance.resolveDue}
          dict={dict}
          locale={locale}
          testId="integrity-resolve-on-time"
        />
      </dl>
    </Card>
  );
}
