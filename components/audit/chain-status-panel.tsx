import { ShieldAlert, ShieldCheck, ShieldQuestion } from 'lucide-react';
import Link from 'next/link';
import { chainReasonLabel } from '@/lib/audit/labels';
import type { ChainStatus } from '@/lib/audit/queries';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate, plural } from '@/lib/i18n/format';

/**
 * What verify_alert_event_chain() found: intact (green), or broken (red, announced) with the first
 * broken event and a link that lists the ledger down from it.
 */
export function ChainStatusPanel({
  status,
  brokenEventHref,
  dict,
  locale,
  timeZone,
}: {
  status: ChainStatus;
  brokenEventHref: string | null;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const checkedAt = (
    <p className="mt-2 text-xs text-slate-700">
      <time dateTime={status.checkedAt}>
        {interpolate(dict.audit.chainCheckedAt, { time: formatDateTime(status.checkedAt, locale, timeZone) })}
      </time>
    </p>
  );

  if (status.valid) {
    return (
      <section
        aria-labelledby="audit-chain-title"
        className="flex items-start gap-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 sm:p-5"
        data-testid="audit-chain-status"
        data-valid="true"
      >
        <ShieldCheck aria-hidden="true" className="mt-0.5 size-7 shrink-0 text-emerald-700" />
        <div>
          <h2 id="audit-chain-title" className="text-base font-semibold text-emerald-900 sm:text-lg">
            {status.checked === null ? dict.audit.chainValidNoCount : plural(dict.audit.chainValid, status.checked, locale)}
          </h2>
          <p className="mt-1 text-sm text-emerald-900">{dict.audit.chainValidDetail}</p>
          {checkedAt}
        </div>
      </section>
    );
  }

  return (
    <section
      aria-labelledby="audit-chain-title"
      className="flex items-start gap-3 rounded-lg border-2 border-red-600 bg-red-50 p-4 shadow-sm sm:p-6"
      data-testid="audit-chain-status"
      data-valid="false"
    >
      <ShieldAlert aria-hidden="true" className="mt-0.5 size-8 shrink-0 text-red-700" />
      <div role="alert">
        <h2 id="audit-chain-title" className="text-lg font-bold text-red-900 sm:text-xl">
          {interpolate(dict.audit.chainBroken, {
            id: status.firstBrokenId ?? '?',
            reason: chainReasonLabel(dict, status.reason),
          })}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-red-900">{dict.audit.chainBrokenDetail}</p>
        {brokenEventHref && status.firstBrokenId != null ? (
          <Link
            href={brokenEventHref}
            className="mt-2 inline-block text-sm font-semibold text-red-900 underline underline-offset-2 hover:text-red-950"
          >
            {interpolate(dict.audit.chainShowEvent, { id: status.firstBrokenId })}
          </Link>
        ) : null}
        {checkedAt}
      </div>
    </section>
  );
}

/** While the database walks the chain (it reads every event), the rest of the page is already there. */
export function ChainStatusPending({ dict }: { dict: Dictionary }) {
  return (
    <section
      aria-busy="true"
      aria-label={dict.audit.chainTitle}
      className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      data-testid="audit-chain-pending"
    >
      <ShieldCheck aria-hidden="true" className="size-7 shrink-0 animate-pulse text-slate-400 motion-reduce:animate-none" />
      <p role="status" className="text-sm font-medium text-slate-700">
        {dict.audit.chainChecking}
      </p>
    </section>
  );
}

/** The database could not finish the check (a statement timeout on a very long ledger, say). */
export function ChainStatusUnavailable({ retryHref, dict }: { retryHref: string; dict: Dictionary }) {
  return (
    <section
      aria-labelledby="audit-chain-title"
      className="flex items-start gap-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 sm:p-5"
      data-testid="audit-chain-status"
      data-valid="unknown"
    >
      <ShieldQuestion aria-hidden="true" className="mt-0.5 size-7 shrink-0 text-amber-700" />
      <div role="status">
        <h2 id="audit-chain-title" className="text-base font-semibold text-amber-950 sm:text-lg">
          {dict.audit.chainUnavailable}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-amber-950">{dict.audit.chainUnavailableDetail}</p>
        <Link href={retryHref} className="mt-2 inline-block text-sm font-semibold text-amber-950 underline underline-offset-2">
          {dict.audit.chainRetry}
        </Link>
      </div>
    </section>
  );
}
