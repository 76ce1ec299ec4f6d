import { ClipboardCheck } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { resolutionReasonLabel } from '@/lib/alerts/labels';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, interpolate } from '@/lib/i18n/format';
import type { ResolutionReasonCount } from '@/lib/integrity/schemas';
import { EmptyState } from './empty-state';

/**
 * Why alerts were closed over the period: one row per resolution reason (most frequent first), with
 * how many of them were closed while the condition was still detected — many « faux positif » point
 * at a check to tune, many « risque accepté » at a decision the board should see.
 */
export function ResolutionReasons({
  reasons,
  days,
  dict,
  locale,
}: {
  reasons: ResolutionReasonCount[];
  days: number;
  dict: Dictionary;
  locale: Locale;
}) {
  const title = `${dict.integrity.reasonsTitle} (${interpolate(dict.integrity.overDays, { days })})`;
  return (
    <Card title={title} titleId="integrity-reasons-title">
      <div data-testid="integrity-reasons">
        <DataTable
          caption={title}
          empty={<EmptyState icon={ClipboardCheck} message={dict.integrity.noResolutions} />}
          columns={[
            dict.integrity.reasonColumn,
            { label: dict.integrity.resolvedColumn, align: 'right' },
            { label: dict.integrity.whileActiveColumn, align: 'right' },
          ]}
        >
          {reasons.map((row) => (
            <tr key={row.reason} data-reason={row.reason}>
              <th scope="row" className="px-4 py-2.5 font-medium text-slate-900 sm:px-5">
                {resolutionReasonLabel(row.reason, dict.alerts)}
              </th>
              <td className="px-4 py-2.5 text-right font-semibold tabular-nums" data-testid="reason-resolved">
                {formatNumber(row.resolved, locale)}
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums sm:px-5" data-testid="reason-while-active">
                {formatNumber(row.resolvedWhileActive, locale)}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}
