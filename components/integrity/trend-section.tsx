import { ChartNoAxesColumn } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatNumber, interpolate, plural } from '@/lib/i18n/format';
import { formatDay } from '@/lib/checks/details';
import type { TrendPoint } from '@/lib/integrity/schemas';
import { EmptyState } from './empty-state';
import { TrendChartLazy } from './trend-chart-lazy';

/**
 * Alerts opened and resolved per day over the window: a summary line, the chart (client-only), and
 * the same numbers as a table for assistive technology.
 */
export function TrendSection({ trend, days, dict, locale }: { trend: TrendPoint[]; days: number; dict: Dictionary; locale: Locale }) {
  const opened = trend.reduce((sum, point) => sum + point.opened, 0);
  const resolved = trend.reduce((sum, point) => sum + point.resolved, 0);
  const hasData = opened + resolved > 0;
  return (
    <Card title={dict.integrity.trend} titleId="integrity-trend-title" className="h-full">
      <div data-testid="integrity-trend">
        {hasData ? (
          <>
            <p className="mb-3 text-sm text-slate-700" data-testid="integrity-trend-summary">
              {interpolate(dict.integrity.trendSummary, {
                opened: plural(dict.integrity.trendOpened, opened, locale),
                resolved: plural(dict.integrity.trendResolved, resolved, locale),
                days,
              })}
            </p>
            <TrendChartLazy data={trend} />
            {/* IMPORTANT: hidden by its wrapper, not by itself: a table is never narrower than its
                content, so a `sr-only` table would still widen a phone's page. */}
            <div className="sr-only">
              <table>
                <caption>{interpolate(dict.integrity.trendTableCaption, { days })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{dict.integrity.day}</th>
                    <th scope="col">{dict.integrity.opened}</th>
                    <th scope="col">{dict.integrity.resolved}</th>
                  </tr>
                </thead>
                <tbody>
                  {trend.map((point) => (
                    <tr key={point.day}>
                      <th scope="row">
                        <time dateTime={point.day}>{formatDay(point.day, locale)}</time>
                      </th>
                      <td>{formatNumber(point.opened, locale)}</td>
                      <td>{formatNumber(point.resolved, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <EmptyState icon={ChartNoAxesColumn} message={dict.integrity.noData} />
        )}
      </div>
    </Card>
  );
}
