import { BookOpen, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { CheckCodeLink } from '@/components/checks/check-code-link';
import { SeverityBadge } from '@/components/ui/badges';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber } from '@/lib/i18n/format';
import type { CheckCount } from '@/lib/integrity/schemas';
import { ROUTES } from '@/lib/routes';
import { EmptyState } from './empty-state';

/** A check's label in the viewer's language; a code the dictionary does not know yet shows as is. */
export function checkLabel(code: string, dict: Dictionary): string {
  const labels: Record<string, string> = dict.checks;
  return labels[code] ?? code;
}

/**
 * The check × severity table of DESIGN §2.1: what the deployment log's validation query returns
 * (`select check_code, severity, count(*) from v_integrity_checks group by 1, 2`), labelled — as of
 * the last sync, counted over the alerts it left detected. Each code links to its runbook.
 */
export function ChecksTable({ checks, dict, locale }: { checks: CheckCount[]; dict: Dictionary; locale: Locale }) {
  const total = checks.reduce((sum, row) => sum + row.count, 0);
  return (
    <Card
      title={dict.integrity.checksTable}
      titleId="integrity-checks-title"
      className="h-full"
      actions={
        <Link
          href={ROUTES.checks}
          className="inline-flex items-center gap-1 rounded-sm text-sm font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
        >
          <BookOpen aria-hidden="true" className="size-4" />
          {dict.runbooks.title}
        </Link>
      }
    >
      <div data-testid="integrity-checks-table">
        <DataTable
          caption={dict.integrity.checksTable}
          empty={<EmptyState icon={ShieldCheck} message={dict.integrity.noChecks} tone="good" />}
          columns={[dict.integrity.checkColumn, dict.integrity.severityColumn, { label: dict.integrity.countColumn, align: 'right' }]}
          footer={
            <tr className="border-t border-slate-300">
              <th scope="row" colSpan={2} className="px-4 py-2.5 font-semibold sm:px-5">
                {dict.integrity.total}
              </th>
              <td className="px-4 py-2.5 text-right text-base font-semibold tabular-nums sm:px-5">{formatNumber(total, locale)}</td>
            </tr>
          }
        >
          {checks.map((row) => (
            <tr key={`${row.checkCode}:${row.severity}`} data-check={row.checkCode} data-severity={row.severity}>
              <th scope="row" className="px-4 py-2.5 font-normal sm:px-5">
                <span className="block font-medium text-slate-900">{checkLabel(row.checkCode, dict)}</span>
                <CheckCodeLink code={row.checkCode} dict={dict} className="block w-fit" />
              </th>
              <td className="px-2 py-2.5">
                <SeverityBadge severity={row.severity} dict={dict} />
              </td>
              <td className="px-4 py-2.5 text-right text-base font-semibold tabular-nums sm:px-5">{formatNumber(row.count, locale)}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}
