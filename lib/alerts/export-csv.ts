import { stringify } from 'csv-stringify/sync';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { instantToZoned } from '@/lib/i18n/zoned-time';
import { checkLabel, entityLabel, resolutionReasonLabel } from './labels';
import type { AlertListRow } from './queries';
import { isAlertStatus, isSeverity } from './vocabulary';

/** The most alerts one export holds: past it, the user narrows the filters (the page says how). */
export const ALERT_EXPORT_MAX_ROWS = 20_000;

/**
 * The filtered alert list as CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel reads the
 * accents right), the user's language for the header and the words, times in the depot's zone
 * (`YYYY-MM-DD HH:mm`), codes beside their labels so a column can be filtered either way. A cell
 * that starts like a formula (= + - @, a tab or a return) gets a leading quote: a message or a name
 * is never run by the spreadsheet.
 */
export function alertsCsv(rows: readonly AlertListRow[], dict: Dictionary, timeZone: string): string {
  const c = dict.alerts.csv;
  const time = (value: string | null) => (value ? instantToZoned(new Date(value), timeZone).replace('T', ' ') : '');
  const header = [
    c.id,
    c.depot,
    c.severity,
    c.check,
    c.checkCode,
    c.entityType,
    c.entityId,
    c.message,
    c.status,
    c.firstSeen,
    c.lastSeen,
    c.cleared,
    c.acknowledgedBy,
    c.acknowledgedAt,
    c.resolvedBy,
    c.resolvedAt,
    c.reason,
    c.resolvedWhileActive,
    c.assignee,
    c.occurrence,
  ];
  const lines = rows.map((row) => [
    row.id,
    row.depot_code ?? dict.alerts.platformScope,
    isSeverity(row.severity) ? dict.severity[row.severity] : row.severity,
    checkLabel(dict, row.check_code),
    row.check_code,
    entityLabel(dict, row.entity_type),
    row.entity_id,
    row.message,
    isAlertStatus(row.status) ? dict.status[row.status] : row.status,
    time(row.first_seen_at),
    time(row.last_seen_at),
    time(row.cleared_at),
    row.acknowledged_by_name ?? '',
    time(row.acknowledged_at),
    row.resolved_by_name ?? '',
    time(row.resolved_at),
    row.status === 'RESOLVED' ? resolutionReasonLabel(row.resolution_reason, dict.alerts) : '',
    row.status === 'RESOLVED' ? (row.resolved_while_active ? c.yes : c.no) : '',
    row.assigned_to_name ?? '',
    String(row.occurrence ?? 1),
  ]);
  const safe = (cell: string | null) => {
    const text = cell ?? '';
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return `\uFEFF${stringify([header, ...lines.map((line) => line.map(safe))])}`;
}

/** alertes-20261203-1730.csv, in the depot's clock. */
export function alertsCsvFileName(now: Date, timeZone: string): string {
  const local = instantToZoned(now, timeZone);
  return `alertes-${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11, 16).replace(':', '')}.csv`;
}
