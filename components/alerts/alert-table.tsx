'use client';

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type RowSelectionState,
} from '@tanstack/react-table';
import Link from 'next/link';
import { useId, useMemo, type ReactNode } from 'react';
import { SeverityBadge, StatusBadge } from '@/components/ui/badges';
import { Button } from '@/components/ui/button';
import { checkLabel, entityLabel, shortId } from '@/lib/alerts/labels';
import { canBeAcknowledged, offersResolve, canBeSelected, isAlertStatus, isSeverity } from '@/lib/alerts/vocabulary';
import type { AlertListRow } from '@/lib/alerts/queries';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { alertPath } from '@/lib/routes';
import { alertRowAnchorId, Assignee, Checkbox, DepotTag, Handling, SeenTimes } from './alert-row-parts';
import { ClearedMarker } from './cleared-marker';
import { RecurrenceMarker } from './recurrence-marker';
import { CountersignMarker } from './countersign-marker';
import { SilencedMarker } from './silenced-marker';
import { SnoozedMarker } from './snoozed-marker';
import { alertTableMessages } from './messages';

/** Classes per column: less important columns fold into others below `lg` / `xl`. */
const COLUMN_CLASS: Record<string, string> = {
  select: 'w-10',
  severity: 'hidden xl:table-cell',
  check: 'hidden xl:table-cell',
  alert: 'min-w-52 xl:min-w-60',
  status: '',
  seen: '',
  handling: 'hidden xl:table-cell',
  assignee: 'hidden lg:table-cell',
  actions: 'text-right',
};

/**
 * The alert table: a real `<table>` (column headers, the alert as row header, a caption for
 * assistive technology) built with TanStack Table; selection and row actions appear only for the
 * roles that may use them — the server actions and the database check again.
 */
export function AlertTable({
  rows,
  canAcknowledge,
  canResolve,
  rowSelection,
  onRowSelectionChange,
  onAcknowledge,
  onResolve,
}: {
  rows: AlertListRow[];
  canAcknowledge: boolean;
  canResolve: boolean;
  rowSelection: RowSelectionState;
  onRowSelectionChange: OnChangeFn<RowSelectionState>;
  onAcknowledge: (row: AlertListRow) => void;
  onResolve: (row: AlertListRow) => void;
}) {
  const { dict } = useI18n(alertTableMessages);
  const selectLabelId = useId();

  const columns = useMemo<ColumnDef<AlertListRow>[]>(() => {
    const list: ColumnDef<AlertListRow>[] = [];
    if (canAcknowledge || canResolve) {
      list.push({
        id: 'select',
        header: ({ table }) => (
          <Checkbox
            aria-label={dict.alerts.selectAll}
            checked={table.getIsAllRowsSelected()}
            indeterminate={table.getIsSomeRowsSelected()}
            onChange={(value) => table.toggleAllRowsSelected(value)}
            data-testid="alert-select-all"
          />
        ),
        cell: ({ row }) =>
          row.getCanSelect() ? (
            <Checkbox
              aria-labelledby={`${selectLabelId} ${alertRowAnchorId(row.id)}`}
              checked={row.getIsSelected()}
              onChange={(value) => row.toggleSelected(value)}
              data-testid="alert-select"
            />
          ) : null,
      });
    }
    list.push(
      {
        id: 'severity',
        header: dict.alerts.severity,
        cell: ({ row }) => {
          const severity = row.original.severity;
          return isSeverity(severity) ? <SeverityBadge severity={severity} dict={dict} /> : severity;
        },
      },
      {
        id: 'check',
        header: dict.alerts.check,
        cell: ({ row }) => (
          <>
            <span className="block font-medium text-slate-900">{checkLabel(dict, row.original.check_code)}</span>
            <code className="block text-xs text-slate-600">{row.original.check_code}</code>
          </>
        ),
      },
      {
        id: 'alert',
        header: dict.alerts.columnAlert,
        cell: ({ row }) => {
          const alert = row.original;
          return (
            <>
              <span className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs font-normal text-slate-600">
                <span className="xl:hidden">
                  {isSeverity(alert.severity) ? <SeverityBadge severity={alert.severity} dict={dict} /> : null}
                </span>
                <span className="font-medium text-slate-800 xl:hidden">{checkLabel(dict, alert.check_code)}</span>
                <DepotTag code={alert.depot_code} dict={dict} />
                <span>
                  {entityLabel(dict, alert.entity_type)}{' '}
                  <code className="break-all text-slate-700" title={alert.entity_id}>
                    {shortId(alert.entity_id)}
                  </code>
                </span>
              </span>
              <Link
                id={alertRowAnchorId(alert.id)}
                href={alertPath(alert.id)}
                // A page of 50 links would prefetch 50 detail pages on every refresh.
                prefetch={false}
                className="line-clamp-3 font-medium text-sky-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
                data-testid="alert-link"
              >
                {alert.message}
              </Link>
            </>
          );
        },
      },
      {
        id: 'status',
        header: dict.alerts.status,
        cell: ({ row }) => {
          const alert = row.original;
          return (
            <div className="flex flex-col items-start gap-1">
              {isAlertStatus(alert.status) ? <StatusBadge status={alert.status} dict={dict} /> : alert.status}
              {alert.cleared_at ? <ClearedMarker at={alert.cleared_at} /> : null}
              {alert.awaiting_countersign ? <CountersignMarker /> : null}
              {alert.snoozed && alert.snoozed_until ? <SnoozedMarker until={alert.snoozed_until} /> : null}
              {alert.silenced && alert.silenced_until ? <SilencedMarker until={alert.silenced_until} /> : null}
              {(alert.occurrence ?? 1) > 1 ? <RecurrenceMarker occurrence={alert.occurrence!} dict={dict} /> : null}
              <div className="xl:hidden">
                <Handling row={alert} dict={dict} />
              </div>
              <div className="lg:hidden">
                <Assignee row={alert} dict={dict} showLabel />
              </div>
            </div>
          );
        },
      },
      {
        id: 'seen',
        header: dict.alerts.columnSeen,
        cell: ({ row }) => <SeenTimes row={row.original} dict={dict} />,
      },
      {
        id: 'handling',
        header: dict.alerts.columnHandling,
        cell: ({ row }) => <Handling row={row.original} dict={dict} />,
      },
      {
        id: 'assignee',
        header: dict.alerts.columnAssignee,
        cell: ({ row }) => <Assignee row={row.original} dict={dict} />,
      },
    );
    if (canAcknowledge || canResolve) {
      list.push({
        id: 'actions',
        header: () => <span className="sr-only">{dict.alerts.columnActions}</span>,
        cell: ({ row }) => {
          const alert = row.original;
          const buttons: ReactNode[] = [];
          if (canAcknowledge && canBeAcknowledged(alert.status)) {
            buttons.push(
              <Button
                key="ack"
                size="sm"
                variant="secondary"
                onClick={() => onAcknowledge(alert)}
                aria-describedby={alertRowAnchorId(alert.id)}
                data-testid="alert-ack-button"
              >
                {dict.actions.acknowledge}
              </Button>,
            );
          }
          if (canResolve && offersResolve(alert)) {
            buttons.push(
              <Button
                key="resolve"
                size="sm"
                variant="primary"
                onClick={() => onResolve(alert)}
                aria-describedby={alertRowAnchorId(alert.id)}
                data-testid="alert-resolve-button"
              >
                {dict.actions.resolve}
              </Button>,
            );
          }
          return buttons.length ? <div className="ml-auto flex w-28 flex-col gap-1.5">{buttons}</div> : null;
        },
      });
    }
    return list;
  }, [dict, canAcknowledge, canResolve, selectLabelId, onAcknowledge, onResolve]);

  // The React Compiler is not enabled here, and the table instance is read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    enableRowSelection: (row) => canBeSelected(row.original.status, { acknowledge: canAcknowledge, resolve: canResolve }),
    state: { rowSelection },
    onRowSelectionChange,
  });

  return (
    // IMPORTANT: `relative`, so the visually hidden header text is positioned inside the scrolling box
    // and cannot widen the page.
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <span id={selectLabelId} hidden>
        {dict.alerts.select}
      </span>
      <table className="w-full border-collapse text-left text-sm" data-testid="alerts-table">
        <caption className="sr-only">{interpolate(dict.alerts.tableCaption, { count: rows.length })}</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-700">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  className={`border-b border-slate-200 px-2 py-2.5 align-bottom lg:px-3 ${COLUMN_CLASS[header.column.id] ?? ''}`}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid="alert-row"
              data-alert-id={row.id}
              data-status={row.original.status}
              className={`border-b border-slate-100 last:border-b-0 ${row.getIsSelected() ? 'bg-sky-50' : 'hover:bg-slate-50'}`}
            >
              {row.getVisibleCells().map((cell) => {
                const className = `px-2 py-3 align-top lg:px-3 ${COLUMN_CLASS[cell.column.id] ?? ''}`;
                const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                return cell.column.id === 'alert' ? (
                  <th key={cell.id} scope="row" className={`${className} text-left font-normal`}>
                    {content}
                  </th>
                ) : (
                  <td key={cell.id} className={className}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
