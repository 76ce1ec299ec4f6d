import { SeverityBadge } from '@/components/ui/badges';
import { DataTable } from '@/components/ui/data-table';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { formatDuration } from '@/lib/notifications/durations';
import type { DeadlineRow } from '@/lib/notifications/queries';

/** The deadlines per severity as durations (« 15 min », « 24 h », « 7 j », « aucun »), and who changed them last. */
export function DeadlinesTable({
  deadlines,
  dict,
  locale,
  timeZone,
}: {
  deadlines: DeadlineRow[];
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const n = dict.notifications;
  const labels = { none: n.none, min: n.unitMin, h: n.unitH, d: n.unitD };
  const changed = (row: DeadlineRow) => {
    if (!row.updated_at) return n.never;
    const time = formatDateTime(row.updated_at, locale, timeZone);
    return row.updated_by_name ? interpolate(n.updatedBy, { time, name: row.updated_by_name }) : interpolate(n.updatedAt, { time });
  };
  return (
    <DataTable caption={n.deadlinesCaption} columns={[n.severity, n.ackWithin, n.resolveWithin, n.updated]} testId="deadlines-table">
      {deadlines.map((row) => (
        <tr key={row.severity} data-severity={row.severity}>
          <th scope="row" className="px-4 py-2 text-left font-normal sm:px-5">
            <SeverityBadge severity={row.severity} dict={dict} />
          </th>
          <td className="whitespace-nowrap px-2 py-2 tabular-nums" data-testid="deadline-ack">
            {formatDuration(row.ack_minutes, labels)}
          </td>
          <td className="whitespace-nowrap px-2 py-2 tabular-nums" data-testid="deadline-resolve">
            {formatDuration(row.resolve_minutes, labels)}
          </td>
          <td className="min-w-48 px-4 py-2 text-slate-700 sm:px-5">{changed(row)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
