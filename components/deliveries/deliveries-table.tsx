import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { Pill, type PillTone } from '@/components/ui/pill';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import type { DeliveryRow } from '@/lib/notifications/queries';
import {
  isDeliveryStatus,
  isOneOf,
  DELIVERY_CHANNELS,
  DELIVERY_KINDS,
  LAST_ERROR_SHOWN,
  type DeliveryStatus,
} from '@/lib/notifications/settings-rules';
import { alertPath } from '@/lib/routes';
import { RetryDeliveryButton } from './retry-delivery-button';

const statusTones: Record<DeliveryStatus, PillTone> = {
  pending: 'slate',
  sending: 'sky',
  retrying: 'amber',
  failed: 'red',
  sent: 'emerald',
};

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The deliveries, newest first; an admin gets « Réessayer » on the failed ones. */
export function DeliveriesTable({
  rows,
  canRetry,
  empty,
  dict,
  locale,
  timeZone,
}: {
  rows: DeliveryRow[];
  canRetry: boolean;
  empty: string;
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  const d = dict.deliveries;
  const columns = [
    d.created,
    d.recipient,
    d.channel,
    d.kind,
    d.alert,
    d.status,
    { label: d.attempts, align: 'right' as const },
    d.lastError,
    d.sentAt,
  ];
  if (canRetry) columns.push(d.actions);
  const kindLabel = (row: DeliveryRow) => {
    const kind = isOneOf(DELIVERY_KINDS, row.kind) ? d.kinds[row.kind] : row.kind;
    if (row.kind !== 'digest' || !row.digest_period) return kind;
    return interpolate(d.digestOf, { period: row.digest_period === 'weekly' ? d.periods.weekly : d.periods.daily });
  };
  return (
    <DataTable
      caption={d.caption}
      captionId="deliveries-caption"
      columns={columns}
      frame="panel"
      testId="deliveries-table"
      bodyClassName="align-top"
      empty={
        <p
          className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700"
          data-testid="deliveries-empty"
        >
          {empty}
        </p>
      }
    >
      {rows.map((row) => (
        <tr key={row.id} data-testid="delivery-row" data-id={row.id} data-status={row.status}>
          <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-normal text-slate-800">
            <time dateTime={row.created_at}>{formatDateTime(row.created_at, locale, timeZone)}</time>
          </th>
          <td className="px-3 py-2">{row.recipient_name ?? d.unknownRecipient}</td>
          <td className="whitespace-nowrap px-3 py-2">
            {isOneOf(DELIVERY_CHANNELS, row.channel) ? d.channels[row.channel] : row.channel}
          </td>
          <td className="whitespace-nowrap px-3 py-2">{kindLabel(row)}</td>
          <td className="whitespace-nowrap px-3 py-2">
            {row.alert_id ? (
              <Link href={alertPath(row.alert_id)} className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950">
                {d.openAlert}
              </Link>
            ) : (
              <span className="text-slate-500">{d.noAlert}</span>
            )}
          </td>
          <td className="px-3 py-2">
            {isDeliveryStatus(row.status) ? (
              <Pill tone={statusTones[row.status]} data-testid="delivery-status">
                {d.statuses[row.status]}
              </Pill>
            ) : (
              row.status
            )}
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{row.attempts}</td>
          <td
            className="min-w-48 max-w-xs px-3 py-2 break-words text-slate-700"
            title={row.last_error ?? undefined}
            data-testid="delivery-error"
          >
            {row.last_error ? truncate(row.last_error, LAST_ERROR_SHOWN) : ''}
          </td>
          <td className="whitespace-nowrap px-3 py-2">
            {row.sent_at ? <time dateTime={row.sent_at}>{formatDateTime(row.sent_at, locale, timeZone)}</time> : ''}
          </td>
          {canRetry ? <td className="px-3 py-2">{row.status === 'failed' ? <RetryDeliveryButton id={row.id} /> : null}</td> : null}
        </tr>
      ))}
    </DataTable>
  );
}
