import { ArrowRight, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { CheckCodeLink } from '@/components/checks/check-code-link';
import { SeverityBadge, StatusBadge } from '@/components/ui/badges';
import { Card } from '@/components/ui/card';
import { Pill } from '@/components/ui/pill';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, interpolate, plural } from '@/lib/i18n/format';
import { detailEntries, entityReference, shortId } from '@/lib/checks/details';
import type { IntegrityCheck } from '@/lib/integrity/schemas';
import { alertListPath, alertPath } from '@/lib/routes';
import { checkLabel } from './checks-table';
import { EmptyState } from './empty-state';

function entityLabel(type: string, dict: Dictionary): string {
  const labels: Record<string, string> = dict.entities;
  return labels[type] ?? type;
}

/**
 * The most severe anomalies the last sync left detected: what, which object, the message, the
 * numbers behind it, a link to its alert and one to its check's runbook. `total` counts them all;
 * the alert list has the rest.
 */
export function CurrentChecks({
  checks,
  total,
  depot,
  dict,
  locale,
  timeZone,
}: {
  checks: IntegrityCheck[];
  total: number;
  /** The depot the overview shows (its links keep it); undefined: every depot. */
  depot?: string | undefined;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  return (
    <Card
      title={dict.integrity.currentChecks}
      titleId="integrity-current-title"
      actions={total > 0 ? <Pill tone="slate">{plural(dict.integrity.checksCount, total, locale)}</Pill> : null}
    >
      <div data-testid="integrity-current-checks">
        {checks.length === 0 ? (
          <EmptyState icon={ShieldCheck} message={dict.integrity.noChecks} tone="good" />
        ) : (
          <ul className="divide-y divide-slate-200">
            {checks.map((check) => {
              const reference = entityReference(check.entityType, check.details);
              const entries = detailEntries(check.details, locale, timeZone, dict);
              return (
                <li
                  key={check.alertId}
                  className="py-4 first:pt-0 last:pb-0"
                  data-check={check.checkCode}
                  data-entity-id={check.entityId}
                >
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <SeverityBadge severity={check.severity} dict={dict} />
                    <h3 className="font-semibold text-slate-900">
                      <Link
                        href={alertPath(check.alertId)}
                        className="rounded-sm underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
                      >
                        {checkLabel(check.checkCode, dict)}
                      </Link>
                    </h3>
                    <CheckCodeLink code={check.checkCode} dict={dict} />
                    <StatusBadge status={check.status} dict={dict} />
                  </div>
                  <p className="mt-1.5 text-sm text-slate-700">
                    <span className="sr-only">{dict.integrity.entity} : </span>
                    <span className="font-medium text-slate-900">
                      {entityLabel(check.entityType, dict)}
                      {reference ? ` ${reference}` : null}
                    </span>{' '}
                    <span className="text-slate-600">
                      <span className="sr-only">{dict.integrity.entityId} </span>
                      <code className="rounded bg-slate-100 px-1 py-0.5 text-xs" title={check.entityId}>
                        {shortId(check.entityId)}
                      </code>
                    </span>
                  </p>
                  <p className="mt-1.5 text-sm text-slate-900">
                    <span className="sr-only">{dict.integrity.message} : </span>
                    {/* The database writes its messages in French, whatever the viewer's language. */}
                    <span lang="fr">{check.message}</span>
                  </p>
                  {entries.length > 0 ? (
                    <>
                      <p className="sr-only">{dict.integrity.numbers}</p>
                      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 rounded-md bg-slate-50 px-3 py-2.5 text-sm sm:grid-cols-3 xl:grid-cols-4">
                        {entries.map((entry) => (
                          <div key={entry.key} className="min-w-0">
                            <dt className="text-xs text-slate-600">{entry.label}</dt>
                            <dd className="break-words font-medium tabular-nums text-slate-900">
                              {entry.dateTime ? <time dateTime={entry.dateTime}>{entry.value}</time> : entry.value}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {total > checks.length ? (
          <p className="mt-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 pt-3 text-sm text-slate-700">
            <span>
              {interpolate(dict.integrity.mostSevereShown, {
                shown: formatNumber(checks.length, locale),
                total: formatNumber(total, locale),
              })}
            </span>
            <Link
              href={alertListPath({ sort: 'severity', depot })}
              className="inline-flex items-center gap-1 font-medium text-sky-700 underline-offset-2 hover:underline"
            >
              {dict.integrity.seeAllAlerts}
              <ArrowRight aria-hidden className="size-4" />
            </Link>
          </p>
        ) : null}
      </div>
    </Card>
  );
}
