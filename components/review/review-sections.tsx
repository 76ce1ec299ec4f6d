import { BarChart3 } from 'lucide-react';
import Link from 'next/link';
import { EmptyState } from '@/components/integrity/empty-state';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { checkLabel, resolutionReasonLabel } from '@/lib/alerts/labels';
import { alertFiltersToQuery } from '@/lib/alerts/rules';
import { formatSeconds } from '@/lib/i18n/date-words';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, interpolate } from '@/lib/i18n/format';
import { heatMapGrid, type HandlingTimesRow, type ReviewSummary } from '@/lib/review/schemas';
import { ROUTES } from '@/lib/routes';

type Props = { summary: ReviewSummary; dict: Dictionary; locale: Locale };

function duration(seconds: number | null, dict: Dictionary, locale: Locale): string {
  if (seconds === null) return dict.common.none;
  return formatSeconds(seconds, locale) || dict.review.lessThanSecond;
}

function share(onTime: number, due: number, dict: Dictionary, locale: Locale): string {
  if (due === 0) return dict.common.none;
  return interpolate(dict.review.onTimeCell, {
    share: `${formatNumber(Math.floor((onTime / due) * 100), locale)} %`,
    onTime: formatNumber(onTime, locale),
    due: formatNumber(due, locale),
  });
}

/** The period's headline counts. */
export function ReviewCounts({ summary, dict, locale }: Props) {
  const r = dict.review;
  const figures = [
    { key: 'opened', label: r.opened, value: summary.opened },
    { key: 'resolved', label: r.resolved, value: summary.resolved },
    { key: 'still-open', label: r.stillOpen, value: summary.still_open },
    { key: 'resolved-anyway', label: r.resolvedAnyway, value: summary.resolved_while_active },
    { key: 'countersigned', label: r.countersigned, value: summary.countersigned },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="review-counts">
      {figures.map((figure) => (
        <div key={figure.key} className="rounded-md border border-slate-200 bg-white px-4 py-3 shadow-xs" data-figure={figure.key}>
          <dt className="text-sm font-medium text-slate-700">{figure.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{formatNumber(figure.value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

function TimesRow({ row, label, dict, locale }: { row: HandlingTimesRow; label: string; dict: Dictionary; locale: Locale }) {
  return (
    <tr data-scope={row.scope} data-check={row.check_code ?? ''} data-severity={row.severity ?? ''}>
      <th scope="row" className="px-4 py-2 font-medium text-slate-900 sm:px-5">
        {label}
      </th>
      <td className="px-2 py-2 text-right tabular-nums">{formatNumber(row.alerts, locale)}</td>
      <td className="px-2 py-2 text-right" data-testid="ack-p50">
        {duration(row.ack_p50, dict, locale)}
      </td>
      <td className="px-2 py-2 text-right">{duration(row.ack_p90, dict, locale)}</td>
      <td className="px-2 py-2 text-right" data-testid="resolve-p50">
        {duration(row.resolve_p50, dict, locale)}
      </td>
      <td className="px-4 py-2 text-right sm:px-5">{duration(row.resolve_p90, dict, locale)}</td>
    </tr>
  );
}

/** Median and p90 times to acknowledge and resolve: overall, by severity, by check × severity. */
export function ReviewHandlingTimes({ summary, dict, locale }: Props) {
  const r = dict.review;
  const overall = summary.times.filter((row) => row.scope !== 'check');
  const byCheck = summary.times.filter((row) => row.scope === 'check');
  const columns = [
    r.scopeColumn,
    { label: r.alertsColumn, align: 'right' as const },
    { label: r.ackMedian, align: 'right' as const },
    { label: r.ackP90, align: 'right' as const },
    { label: r.resolveMedian, align: 'right' as const },
    { label: r.resolveP90, align: 'right' as const },
  ];
  const empty = <EmptyState icon={BarChart3} message={r.noAlerts} />;
  return (
    <Card title={r.timesTitle} titleId="review-times-title">
      <p className="mb-3 text-sm text-slate-700">{r.timesIntro}</p>
      <div data-testid="review-times">
        <DataTable caption={r.timesTitle} columns={columns} empty={empty}>
          {overall.map((row) => (
            <TimesRow
              key={`${row.scope}:${row.severity ?? ''}`}
              row={row}
              label={row.scope === 'all' ? r.everyAlert : row.severity ? dict.severity[row.severity] : ''}
              dict={dict}
              locale={locale}
            />
          ))}
        </DataTable>
      </div>
      {byCheck.length > 0 ? (
        <details className="mt-4" data-testid="review-times-by-check">
          <summary className="cursor-pointer text-sm font-medium text-sky-900">{r.byCheck}</summary>
          <DataTable caption={`${r.timesTitle} — ${r.byCheck}`} columns={columns} empty={empty}>
            {byCheck.map((row) => (
              <TimesRow
                key={`${row.check_code}:${row.severity}`}
                row={row}
                label={`${checkLabel(dict, row.check_code ?? '')} · ${row.severity ? dict.severity[row.severity] : ''}`}
                dict={dict}
                locale={locale}
              />
            ))}
          </DataTable>
        </details>
      ) : null}
    </Card>
  );
}

/** The share of acknowledgements and resolutions done within their deadline, per severity. */
export function ReviewOnTime({ summary, dict, locale }: Props) {
  const r = dict.review;
  return (
    <Card title={r.onTimeTitle} titleId="review-on-time-title">
      <div data-testid="review-on-time">
        <DataTable
          caption={r.onTimeTitle}
          columns={[r.scopeColumn, { label: r.ackOnTime, align: 'right' }, { label: r.resolveOnTime, align: 'right' }]}
          empty={<EmptyState icon={BarChart3} message={r.noAlerts} />}
        >
          {summary.on_time.map((row) => (
            <tr key={row.severity} data-severity={row.severity}>
              <th scope="row" className="px-4 py-2 font-medium text-slate-900 sm:px-5">
                {dict.severity[row.severity]}
              </th>
              <td className="px-2 py-2 text-right tabular-nums">{share(row.ack_on_time, row.ack_due, dict, locale)}</td>
              <td className="px-4 py-2 text-right tabular-nums sm:px-5">{share(row.resolve_on_time, row.resolve_due, dict, locale)}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}

/** The period's resolutions by reason, and how many of them while still detected. */
export function ReviewReasons({ summary, dict, locale }: Props) {
  const r = dict.review;
  return (
    <Card title={r.reasonsTitle} titleId="review-reasons-title">
      <div data-testid="review-reasons">
        <DataTable
          caption={r.reasonsTitle}
          columns={[r.reasonColumn, { label: r.resolvedColumn, align: 'right' }, { label: r.anywayColumn, align: 'right' }]}
          empty={<EmptyState icon={BarChart3} message={r.noAlerts} />}
        >
          {summary.reasons.map((row) => (
            <tr key={row.reason} data-reason={row.reason}>
              <th scope="row" className="px-4 py-2 font-medium text-slate-900 sm:px-5">
                {resolutionReasonLabel(row.reason, dict.alerts)}
              </th>
              <td className="px-2 py-2 text-right font-semibold tabular-nums">{formatNumber(row.resolved, locale)}</td>
              <td className="px-4 py-2 text-right tabular-nums sm:px-5">{formatNumber(row.resolved_while_active, locale)}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}

/** The ten objects with the most recurrences over the period, each opening its alerts. */
export function ReviewEntities({ summary, dict, locale }: Props) {
  const r = dict.review;
  return (
    <Card title={r.entitiesTitle} titleId="review-entities-title">
      <div data-testid="review-entities">
        <DataTable
          caption={r.entitiesTitle}
          columns={[
            r.entityColumn,
            r.depot,
            { label: r.alertsColumn, align: 'right' },
            { label: r.recurrencesColumn, align: 'right' },
            r.checksColumn,
          ]}
          empty={<EmptyState icon={BarChart3} message={r.noAlerts} />}
        >
          {summary.entities.map((row) => (
            <tr key={`${row.entity_type}:${row.entity_id}`} data-entity={`${row.entity_type}:${row.entity_id}`}>
              <th scope="row" className="px-4 py-2 font-medium sm:px-5">
                <Link
                  href={`${ROUTES.alerts}${alertFiltersToQuery({ status: 'all', entity: `${row.entity_type}:${row.entity_id}` })}`}
                  className="text-sky-900 underline-offset-2 hover:underline"
                >
                  {row.label ?? `${row.entity_type} ${row.entity_id}`}
                </Link>
              </th>
              <td className="px-2 py-2 font-mono text-xs">{row.depot_code ?? r.platform}</td>
              <td className="px-2 py-2 text-right tabular-nums">{formatNumber(row.alerts, locale)}</td>
              <td className="px-2 py-2 text-right font-semibold tabular-nums">{formatNumber(row.recurrences, locale)}</td>
              <td className="px-4 py-2 text-xs text-slate-700 sm:px-5">{row.checks.map((code) => checkLabel(dict, code)).join(', ')}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}

// Five shades: the darker, the more alerts (relative to the busiest cell); text stays ≥ 4.5:1.
const SHADES = [
  'bg-sky-50 text-slate-900',
  'bg-sky-100 text-slate-900',
  'bg-sky-200 text-slate-900',
  'bg-sky-600 text-white',
  'bg-sky-800 text-white',
];

/**
 * Alerts opened by check × depot: where the trouble concentrates. Checks down, depots across (a
 * company has a few depots and many checks), the platform's last.
 */
export function ReviewHeatMap({ summary, dict, locale }: Props) {
  const r = dict.review;
  const grid = heatMapGrid(summary.heat_map);
  return (
    <Card title={r.heatTitle} titleId="review-heat-title">
      <div data-testid="review-heat-map">
        <DataTable
          caption={r.heatTitle}
          columns={[r.checkColumn, ...grid.depots.map((depot) => ({ label: depot ?? r.platform, align: 'right' as const }))]}
          empty={<EmptyState icon={BarChart3} message={r.noAlerts} />}
        >
          {grid.checks.map((code) => (
            <tr key={code} data-check={code}>
              <th scope="row" className="px-4 py-2 font-medium text-slate-900 sm:px-5">
                {checkLabel(dict, code)}
              </th>
              {grid.depots.map((depot) => {
                const cell = grid.at(depot, code);
                const key = depot ?? 'platform';
                if (!cell) return <td key={key} className="px-2 py-2" data-depot={key} />;
                const shade = SHADES[Math.min(SHADES.length - 1, Math.floor((cell.alerts / grid.max) * (SHADES.length - 1)))];
                return (
                  <td
                    key={key}
                    className={`px-2 py-2 text-right font-semibold tabular-nums last:pr-4 sm:last:pr-5 ${shade}`}
                    title={interpolate(r.heatCell, { alerts: cell.alerts, critical: cell.critical })}
                    data-depot={key}
                  >
                    {formatNumber(cell.alerts, locale)}
                  </td>
                );
              })}
            </tr>
          ))}
        </DataTable>
      </div>
    </Card>
  );
}
