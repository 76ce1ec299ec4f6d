import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { Pill, type PillTone } from '@/components/ui/pill';
import { checkLabel, entityLabel } from '@/lib/alerts/labels';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate, plural } from '@/lib/i18n/format';
import { ROUTES } from '@/lib/routes';
import type { SilenceRow } from '@/lib/silences/queries';
import { EndSilenceButton } from './end-silence-button';

const stateTones: Record<SilenceRow['state'], PillTone> = { upcoming: 'sky', running: 'amber', ended: 'slate' };

/** The alert list showing a silence's alerts: the silenced ones while it runs, all of its check's after. */
function alertsHref(row: SilenceRow): string {
  const query = new URLSearchParams({ check: row.check_code });
  if (row.state === 'ended') query.set('status', 'all');
  else query.set('silenced', '1');
  return `${ROUTES.alerts}?${query.toString()}`;
}

/** Silences: what, when, why, by whom, how many alerts; a directeur ends a running or upcoming one. */
export function SilencesTable({
  rows,
  caption,
  empty,
  canEnd,
  dict,
  locale,
  timeZone,
  testId,
}: {
  rows: SilenceRow[];
  caption: string;
  empty: string;
  canEnd: boolean;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
  testId: string;
}) {
  const s = dict.silences;
  const when = (at: string) => formatDateTime(at, locale, timeZone);
  const columns = [s.columnScope, s.columnWindow, s.columnReason, s.columnAuthor, { label: s.columnAlerts, align: 'right' as const }];
  if (canEnd) columns.push(s.columnActions);
  return (
    <DataTable
      caption={caption}
      columns={columns}
      frame="panel"
      testId={testId}
      bodyClassName="align-top"
      empty={
        <p
          className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700"
          data-testid={`${testId}-empty`}
        >
          {empty}
        </p>
      }
    >
      {rows.map((row) => (
        <tr key={row.id} data-testid="silence-row" data-id={row.id} data-state={row.state}>
          <th scope="row" className="min-w-56 px-3 py-2 text-left font-normal">
            <span className="block font-medium text-slate-900">{checkLabel(dict, row.check_code)}</span>
            <code className="text-xs text-slate-600">{row.check_code}</code>
            <span className="mt-1 block text-slate-800">
              {entityLabel(dict, row.entity_type)} {row.entity_label ?? row.entity_id}
            </span>
          </th>
          <td className="min-w-48 px-3 py-2">
            <Pill tone={stateTones[row.state]} data-testid="silence-state">
              {s.states[row.state]}
            </Pill>
            <span className="mt-1 block text-slate-800">
              {interpolate(s.window, { start: when(row.starts_at), end: when(row.ends_at) })}
            </span>
            {row.state === 'ended' && row.ended_at ? (
              <span className="block text-xs text-slate-600">
                {interpolate(s.endedOn, { time: when(row.ended_at) })}
                {row.ended_by_name ? `, ${interpolate(s.endedBy, { name: row.ended_by_name })}` : ''}
              </span>
            ) : null}
          </td>
          <td className="min-w-48 max-w-sm px-3 py-2 break-words whitespace-pre-line text-slate-800" data-testid="silence-row-reason">
            {row.reason}
          </td>
          <td className="px-3 py-2">
            <span className="block">{row.created_by_name ?? ''}</span>
            <time className="text-xs text-slate-600" dateTime={row.created_at}>
              {when(row.created_at)}
            </time>
          </td>
          <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums" data-testid="silence-alerts">
            <span className="block">{plural(s.alertCount, row.alert_count, locale)}</span>
            {row.active_alert_count > 0 ? (
              <span className="block text-xs text-slate-600">{interpolate(s.activeAlertCount, { count: row.active_alert_count })}</span>
            ) : null}
            {row.alert_count > 0 ? (
              <Link href={alertsHref(row)} className="text-xs font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950">
                {s.seeAlerts}
              </Link>
            ) : null}
          </td>
          {canEnd ? <td className="px-3 py-2">{row.state === 'ended' ? null : <EndSilenceButton id={row.id} />}</td> : null}
        </tr>
      ))}
    </DataTable>
  );
}
