import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { SeverityBadge } from '@/components/ui/badges';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, plural } from '@/lib/i18n/format';
import { leaks, type ProbeOutcome, type ProbeResult } from '@/lib/security/anon-probe';

const outcomeStyles: Record<ProbeOutcome, string> = {
  empty: 'text-emerald-900',
  refused: 'text-emerald-900',
  rows: 'font-semibold text-red-800',
  error: 'text-amber-900',
};

/** The anon key against every exposed relation: any rows returned are a CRITICAL finding. */
export function AnonProbeTable({ probe, dict, locale }: { probe: ProbeResult[]; dict: Dictionary; locale: Locale }) {
  const leaked = leaks(probe);
  return (
    <Card title={dict.security.probe} titleId="security-probe-title">
      <p className="mb-3 text-sm text-slate-700">{dict.security.probeIntro}</p>
      {leaked.length > 0 ? (
        <div
          role="alert"
          className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
          data-testid="security-probe-leaks"
        >
          <SeverityBadge severity="CRITICAL" dict={dict} />
          <span className="font-semibold">{plural(dict.security.probeLeaks, leaked.length, locale)}</span>
          <span>{leaked.map((r) => r.name).join(', ')}</span>
        </div>
      ) : (
        <p
          className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="security-probe-clean"
        >
          {plural(dict.security.probeClean, probe.length, locale)}
        </p>
      )}
      <details className="group">
        <summary className="cursor-pointer text-sm font-medium text-sky-800 hover:text-sky-900" data-testid="security-probe-toggle">
          {dict.security.probeCaption} ({formatNumber(probe.length, locale)})
        </summary>
        <DataTable
          caption={dict.security.probeCaption}
          columns={[
            dict.security.relation,
            dict.security.kind,
            { label: dict.security.httpStatus, align: 'right' },
            dict.security.answer,
          ]}
          testId="security-probe"
          scrollClassName="mt-2 max-h-96 overflow-y-auto"
          headClassName="sticky top-0 bg-white"
        >
          {probe.map((row) => (
            <tr key={`${row.schemaName}.${row.name}`} data-relation={row.name} data-outcome={row.outcome}>
              <th scope="row" className="px-4 py-1.5 font-normal sm:px-5">
                <code className="text-xs">
                  {row.schemaName}.{row.name}
                </code>
              </th>
              <td className="px-2 py-1.5 text-xs text-slate-700">{row.kind}</td>
              <td className="px-2 py-1.5 text-right font-mono text-xs tabular-nums">{row.status || dict.common.none}</td>
              <td className={`px-4 py-1.5 text-xs sm:px-5 ${outcomeStyles[row.outcome]}`}>
                {dict.security.outcomes[row.outcome]}
                {row.outcome === 'rows' ? ` — ${plural(dict.security.rowsReturned, row.rowCount, locale)}` : null}
                {row.code && row.outcome !== 'rows' ? <code className="ml-1 text-slate-600">{row.code}</code> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      </details>
      <p className="mt-3 text-xs text-slate-600">{dict.security.probeNotRecorded}</p>
    </Card>
  );
}
