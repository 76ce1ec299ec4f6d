import { ShieldCheck } from 'lucide-react';
import { WithMessages } from '@/components/layout/with-messages';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import type { Attestation } from '@/lib/review/attestation';
import { AttestForm } from './attest-form';
import { attestFormMessages } from './messages';

/**
 * The PCA's attestation of the month on screen: « Revu par … le … » with the figures' hash and the
 * ledger's head, or — for the PCA, once the month is over — the form that gives it.
 */
export function ReviewAttestation({
  month,
  depot,
  monthOver,
  attestation,
  canAttest,
  dict,
  locale,
  timeZone,
}: {
  /** `YYYY-MM`, or null when the period on screen is not a month. */
  month: string | null;
  depot: string | undefined;
  monthOver: boolean;
  attestation: Attestation | null;
  canAttest: boolean;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const r = dict.review;
  return (
    <Card title={r.attestTitle} titleId="review-attestation-title">
      <div data-testid="review-attestation" data-attested={attestation ? 'true' : 'false'}>
        {month === null ? (
          <p className="text-sm text-slate-700">{r.attestOnlyMonth}</p>
        ) : attestation ? (
          <div className="flex items-start gap-3">
            <ShieldCheck aria-hidden="true" className="mt-0.5 size-6 shrink-0 text-emerald-700" />
            <div className="min-w-0 space-y-1 text-sm">
              <p className="font-semibold text-emerald-900" data-testid="review-attested-by">
                {interpolate(r.attestedBy, {
                  name: attestation.attested_by_name ?? dict.common.none,
                  time: formatDateTime(attestation.attested_at, locale, timeZone),
                })}
              </p>
              {attestation.comment ? <p className="whitespace-pre-line text-slate-800">{attestation.comment}</p> : null}
              <p className="text-xs text-slate-600">
                {r.attestFigures} : <code className="break-all">{attestation.summary_sha256}</code>
              </p>
              {attestation.report_sha256 ? (
                <p className="text-xs text-slate-600">
                  {r.attestReport} :{' '}
                  <code className="break-all" data-testid="review-attested-report">
                    {attestation.report_sha256}
                  </code>
                </p>
              ) : null}
              <p className="text-xs text-slate-600">
                {r.attestLedgerHead} : #{attestation.ledger_head_id} <code className="break-all">{attestation.ledger_head_hash}</code>
              </p>
            </div>
          </div>
        ) : (
          <>
            <p className="text-sm text-slate-800">{monthOver ? r.attestNotYet : r.attestMonthNotOver}</p>
            {canAttest && monthOver ? (
              <>
                <p className="mt-2 max-w-3xl text-sm text-slate-700">{r.attestIntro}</p>
                <WithMessages specs={[attestFormMessages]}>
                  <AttestForm month={month} depot={depot} />
                </WithMessages>
              </>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}
