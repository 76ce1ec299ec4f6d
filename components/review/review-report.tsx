import { Download, FileSignature } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, formatNumber, interpolate } from '@/lib/i18n/format';
import type { ReportMeta } from '@/lib/review/queries';
import { reviewReportPath } from '@/lib/routes';

/**
 * The month's board report: its two downloads (the PDF and its signed manifest, both logged by the
 * route) and, once kept, who generated it, when, and its hash. Plain links: the browser downloads.
 */
export function ReviewReport({
  month,
  depot,
  monthOver,
  report,
  dict,
  locale,
  timeZone,
}: {
  /** `YYYY-MM`, or null when the period on screen is not a month. */
  month: string | null;
  depot: string | undefined;
  monthOver: boolean;
  report: ReportMeta | null;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const r = dict.review;
  const link =
    'inline-flex min-h-11 items-center gap-2 rounded-md px-4 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700';
  return (
    <Card title={r.reportTitle} titleId="review-report-title">
      <div data-testid="review-report" data-kept={report ? 'true' : 'false'} className="space-y-3 text-sm">
        {month === null ? (
          <p className="text-slate-700">{r.reportOnlyMonth}</p>
        ) : !monthOver ? (
          <p className="text-slate-700">{r.reportMonthNotOver}</p>
        ) : (
          <>
            <p className="max-w-3xl text-slate-700">{r.reportIntro}</p>
            <div className="flex flex-wrap gap-3">
              <a
                href={reviewReportPath(month, depot)}
                download
                className={`${link} bg-blue-700 text-white hover:bg-blue-800`}
                data-testid="review-report-pdf"
              >
                <Download aria-hidden="true" className="size-4" />
                {r.reportDownload}
              </a>
              <a
                href={reviewReportPath(month, depot, 'manifest')}
                download
                className={`${link} bg-white text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50`}
                data-testid="review-report-manifest"
              >
                <FileSignature aria-hidden="true" className="size-4" />
                {r.reportManifest}
              </a>
            </div>
            {report ? (
              <div className="space-y-1" data-testid="review-report-kept">
                <p className="text-slate-800">
                  {interpolate(r.reportKept, {
                    time: formatDateTime(report.generated_at, locale, timeZone),
                    name: report.generated_by_name ?? dict.common.none,
                    size: formatNumber(report.byte_size, locale),
                  })}
                </p>
                <p className="text-xs text-slate-600">
                  {r.reportSha} : <code className="break-all">{report.pdf_sha256}</code>
                </p>
              </div>
            ) : (
              <p className="text-slate-700">{r.reportNotYet}</p>
            )}
            <p className="text-xs text-slate-600">{r.reportVerifyHint}</p>
          </>
        )}
      </div>
    </Card>
  );
}
