import { ShieldCheck } from 'lucide-react';
import { EmptyState } from '@/components/integrity/empty-state';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, formatNumber, interpolate, plural } from '@/lib/i18n/format';
import type { CalcCoverage as Coverage, CalcOverride } from '@/lib/versions/schemas';
import { coverageShare } from '@/lib/versions/status';

function Meter({ value, label }: { value: number | null; label: string }) {
  const width = value ?? 0;
  const tone = value === null ? 'bg-slate-300' : value >= 100 ? 'bg-emerald-600' : value >= 95 ? 'bg-amber-500' : 'bg-red-600';
  return (
    <div className="h-2 w-24 overflow-hidden rounded-full bg-slate-200" aria-hidden="true" title={label}>
      <div className={`h-full ${tone}`} style={{ width: `${width}%` }} />
    </div>
  );
}

/** How much recent data carries the current calc_version, and the rows that carry another. */
export function CalcCoverage({
  coverage,
  overrides,
  moreOverrides,
  dict,
  locale,
  timeZone,
}: {
  coverage: Coverage[];
  overrides: CalcOverride[];
  moreOverrides: number;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const current = coverage[0];
  return (
    <Card title={dict.versions.coverage} titleId="versions-coverage-title">
      {current ? (
        <p className="mb-3 text-sm text-slate-700">
          {interpolate(dict.versions.coverageIntro, { days: formatNumber(current.days, locale) })}{' '}
          <code className="rounded bg-slate-100 px-1 py-0.5 text-xs font-semibold text-slate-900" data-testid="versions-current-calc">
            {current.currentCalcVersion}
          </code>
        </p>
      ) : null}
      <DataTable
        caption={dict.versions.coverageCaption}
        columns={[
          dict.versions.kind,
          { label: dict.versions.total, align: 'right' },
          { label: dict.versions.currentCount, align: 'right' },
          { label: dict.versions.overrideCount, align: 'right' },
          dict.versions.share,
        ]}
        testId="versions-coverage"
      >
        {coverage.map((row) => {
          const share = coverageShare(row.currentCount, row.total);
          const shareText = share === null ? dict.versions.noMovements : `${formatNumber(share, locale, 1)} %`;
          return (
            <tr key={row.entityType} data-kind={row.entityType}>
              <th scope="row" className="px-4 py-2.5 font-medium text-slate-900 sm:px-5">
                {dict.versions.kinds[row.entityType]}
              </th>
              <td className="px-2 py-2.5 text-right tabular-nums">{formatNumber(row.total, locale)}</td>
              <td className="px-2 py-2.5 text-right tabular-nums">{formatNumber(row.currentCount, locale)}</td>
              <td className={`px-2 py-2.5 text-right tabular-nums ${row.overrideCount > 0 ? 'font-semibold text-red-800' : ''}`}>
                {formatNumber(row.overrideCount, locale)}
              </td>
              <td className="px-4 py-2.5 sm:px-5">
                <span className="flex items-center gap-2">
                  <Meter value={share} label={shareText} />
                  <span className="tabular-nums font-semibold" data-testid={`versions-share-${row.entityType}`}>
                    {shareText}
                  </span>
                </span>
              </td>
            </tr>
          );
        })}
      </DataTable>

      <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-900">{dict.versions.overrides}</h3>
      <div data-testid="versions-overrides">
        <DataTable
          caption={dict.versions.overridesCaption}
          empty={<EmptyState icon={ShieldCheck} message={dict.versions.noOverrides} tone="good" />}
          columns={[dict.versions.date, dict.versions.kind, dict.versions.tank, dict.versions.calcVersion]}
        >
          {overrides.map((row) => (
            <tr key={`${row.entityType}:${row.id}`} data-entity-id={row.id}>
              <th scope="row" className="px-4 py-2 font-normal whitespace-nowrap sm:px-5">
                <time dateTime={row.movedAt}>{formatDateTime(row.movedAt, locale, timeZone)}</time>
              </th>
              <td className="px-2 py-2">{dict.versions.kinds[row.entityType]}</td>
              <td className="px-2 py-2">{row.citerne}</td>
              <td className="px-4 py-2 font-mono text-xs font-semibold text-red-800 sm:px-5">{row.calcVersion}</td>
            </tr>
          ))}
        </DataTable>
        {moreOverrides > 0 ? (
          <p className="mt-2 text-xs text-slate-600">{plural(dict.versions.moreOverrides, moreOverrides, locale)}</p>
        ) : null}
      </div>
    </Card>
  );
}
