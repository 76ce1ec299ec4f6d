import { ShieldCheck } from 'lucide-react';
import { SeverityBadge } from '@/components/ui/badges';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber } from '@/lib/i18n/format';
import type { CheckCount } from '@/lib/integrity/schemas';
import { EmptyState } from './empty-state';

/** A check's label in the viewer's language; a code the dictionary does not know yet shows as is. */
export function checkLabel(code: string, dict: Dictionary): string {
  const labels: Record<string, string> = dict.checks;
  return labels[code] ?? code;
}

/**
 * The check × severity table of DESIGN §2.1: what the deployment log's validation query returns
 * (`select check_code, severity, count(*) from v_integrity_checks group by 1, 2`), labelled — as of
 * the last sync, counted over the alerts it left detected.
 */
export function ChecksTable({ checks, dict, locale }: { checks: CheckCount[]; dict: Dictionary; locale: Locale }) {
  const total = checks.reduce((sum, row) => sum + row.count, 0);
  return (
    <Card title={dict.integrity.checksTable} titleId="integrity-checks-title" className="h-full">
      <div data-testid="integrity-checks-table">
        {checks.length === 0 ? (
          <EmptyState icon={ShieldCheck} message={dict.integrity.noChecks} tone="good" />
        ) : (
          <div className="-mx-4 overflow-x-auto sm:-mx-5">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{dict.integrity.checksTable}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                  <th scope="col" className="px-4 py-2 font-semibold sm:px-5">
                    {dict.integrity.checkColumn}
                  </th>
                  <th scope="col" className="px-2 py-2 font-semibold">
                    {dict.integrity.severityColumn}
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-semibold sm:px-5">
                    {dict.integrity.countColumn}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {checks.map((row) => (
                  <tr key={`${row.checkCode}:${row.severity}`} data-check={row.checkCode} data-severity={row.severity}>
                    <th scope="row" className="px-4 py-2.5 font-normal sm:px-5">
                      <span className="block font-medium text-slate-900">{checkLabel(row.checkCode, dict)}</span>
                      <code className="block text-xs text-slate-600 [overflow-wrap:anywhere]">{row.checkCode}</code>
                    </th>
                    <td className="px-2 py-2.5">
                      <SeverityBadge severity={row.severity} dict={dict} />
                    </td>
                    <td className="px-4 py-2.5 text-right text-base font-semibold tabular-nums sm:px-5">
                      {formatNumber(row.count, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-slate-300">
                  <th scope="row" colSpan={2} className="px-4 py-2.5 font-semibold sm:px-5">
                    {dict.integrity.total}
                  </th>
                  <td className="px-4 py-2.5 text-right text-base font-semibold tabular-nums sm:px-5">{formatNumber(total, locale)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </div>
    </Card>
  );
}
