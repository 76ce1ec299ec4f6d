import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { RelativeTime } from '@/components/ui/relative-time';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { formatNumber, interpolate } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/dictionaries';
import type { ComponentVersion } from '@/lib/versions/schemas';
import { VersionStatusBadge } from './version-status-badge';

/** Expected vs. running per component (public.v_component_versions), with the status the database computed. */
export function ComponentsTable({ components, dict, locale }: { components: ComponentVersion[]; dict: Dictionary; locale: Locale }) {
  const staleHours = components.find((c) => c.source === 'client')?.staleAfterHours;
  return (
    <Card title={dict.versions.components} titleId="versions-components-title">
      <DataTable
        caption={dict.versions.componentsCaption}
        columns={[
          dict.versions.component,
          dict.versions.expected,
          dict.versions.running,
          dict.versions.lastReport,
          dict.versions.statusColumn,
        ]}
        testId="versions-components"
      >
        {components.map((row) => (
          <tr key={row.component} data-component={row.component} data-status={row.status}>
            <th scope="row" className="px-4 py-2.5 font-normal sm:px-5">
              <span className="block font-medium text-slate-900">{dict.versions.componentNames[row.component] ?? row.description}</span>
              <code className="block text-xs text-slate-600">{row.component}</code>
            </th>
            <td className="px-2 py-2.5 font-mono text-xs text-slate-900">
              {interpolate(row.matchRule === 'exact' ? dict.versions.exact : dict.versions.minimum, { version: row.expectedVersion })}
            </td>
            <td className="px-2 py-2.5 font-mono text-xs font-semibold text-slate-900" data-testid={`versions-running-${row.component}`}>
              {row.runningVersion ?? dict.common.none}
            </td>
            <td className="px-2 py-2.5 text-slate-700">
              {row.source === 'database' ? (
                <span className="text-xs italic">{dict.versions.readFromDatabase}</span>
              ) : row.lastReportedAt ? (
                <>
                  <RelativeTime value={row.lastReportedAt} />
                  {row.reportedByName ? (
                    <span className="block text-xs text-slate-600">
                      {interpolate(dict.versions.reportedBy, { name: row.reportedByName })}
                    </span>
                  ) : null}
                </>
              ) : (
                <span className="text-xs italic">{dict.versions.neverReported}</span>
              )}
            </td>
            <td className="px-4 py-2.5 sm:px-5">
              <VersionStatusBadge status={row.status} dict={dict} />
            </td>
          </tr>
        ))}
      </DataTable>
      {staleHours ? (
        <p className="mt-3 text-xs text-slate-600">
          {interpolate(dict.versions.staleAfter, { hours: formatNumber(staleHours, locale) })}
        </p>
      ) : null}
    </Card>
  );
}
