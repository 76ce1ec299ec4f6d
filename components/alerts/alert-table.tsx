'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { SeverityBadge, StatusBadge } from '@/components/ui/badges';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { checkLabel, entityLabel, isAlertStatus, isSeverity, shortId } from '@/lib/alerts/labels';
import type { AlertListRow } from '@/lib/alerts/queries';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { ClearedMarker } from './cleared-marker';

/** Classes per column: less important columns fold into others below `lg` / `xl`. */
const COLUMN_CLASS: Record<string, string> = {
  select: 'w-10',
  severity: 'hidden xl:table-cell',
  check: 'hidden xl:table-cell',
  alert: 'min-w-52 xl:min-w-60',
  status: '',
  seen: '',
  handling: 'hidden xl:table-cell',
  actions: 'text-right',
};

/** The selected alerts, by id (ids of rows a refresh removed may linger: callers filter). */
export type RowSelection = Record<string, boolean>;

type Column = { id: string; header: ReactNode; cell: (alert: AlertListRow) => ReactNode };

export function alertRowAnchorId(id: string): string {
  return `alert-${id}-link`;
}

function Checkbox({
  checked,
  indeterminate = false,
  onChange,
  ...props
}: {
  checked: boolean;
  indeterminate?: boolean;
  onChange: (checked: boolean) => void;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'data-testid'?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={checked}
      onChange={(event) => onChange(event.target.checked)}
      className="size-4 rounded border-slate-400 accent-sky-800"
      {...props}
    />
  );
}

function Handling({ row, dict }: { row: AlertListRow; dict: Dictionary }) {
  if (!row.acknowledged_at && !row.resolved_at) return <span className="text-xs text-slate-600">{dict.alerts.notHandled}</span>;
  return (
    <dl className="space-y-0.5 text-xs leading-snug">
      {row.acknowledged_at ? (
        <div>
          <dt className="inline text-slate-600">{dict.alerts.acknowledgedBy} </dt>
          <dd className="inline font-medium text-slate-900" data-testid="alert-acknowledged-by">
            {row.acknowledged_by_name ?? dict.errors.someone}
          </dd>
        </div>
      ) : null}
      {row.resolved_at ? (
        <div>
          <dt className="inline text-slate-600">{dict.alerts.resolvedBy} </dt>
          <dd className="inline font-medium text-slate-900" data-testid="alert-resolved-by">
            {row.resolved_by_name ?? dict.errors.someone}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * The alert table: a real `<table>` (column headers, the alert as row header, a caption for
 * assistive technology); selection and row actions appear only for the roles that may use them —
 * the server actions and the database check again. Only OPEN rows can be selected; "select all"
 * selects every selectable row on the page.
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
  rowSelection: RowSelection;
  onRowSelectionChange: Dispatch<SetStateAction<RowSelection>>;
  onAcknowledge: (row: AlertListRow) => void;
  onResolve: (row: AlertListRow) => void;
}) {
  const { dict } = useI18n();
  const selectLabelId = useId();

  const canSelect = (alert: AlertListRow) => canAcknowledge && alert.status === 'OPEN';
  const selectedCount = Object.keys(rowSelection).length;
  const allSelected = rows.length > 0 && selectedCount > 0 && !rows.some((alert) => canSelect(alert) && !rowSelection[alert.id]);
  const someSelected = selectedCount > 0 && selectedCount < rows.length;
  const selectAll = (value: boolean) =>
    onRowSelectionChange((old) => {
      const next = { ...old };
      for (const alert of rows) {
        if (!value) delete next[alert.id];
        else if (canSelect(alert)) next[alert.id] = true;
      }
      return next;
    });
  const select = (alert: AlertListRow, value: boolean) =>
    onRowSelectionChange((old) => {
      if (Boolean(old[alert.id]) === value) return old;
      const next = { ...old };
      if (value) next[alert.id] = true;
      else delete next[alert.id];
      return next;
    });

  const columns: Column[] = [];
  if (canAcknowledge) {
    columns.push({
      id: 'select',
      header: (
        <Checkbox
          aria-label={dict.alerts.selectAll}
          checked={allSelected}
          indeterminate={someSelected}
          onChange={selectAll}
          data-testid="alert-select-all"
        />
      ),
      cell: (alert) =>
        canSelect(alert) ? (
          <Checkbox
            aria-labelledby={`${selectLabelId} ${alertRowAnchorId(alert.id)}`}
            checked={Boolean(rowSelection[alert.id])}
            onChange={(value) => select(alert, value)}
            data-testid="alert-select"
          />
        ) : null,
    });
  }
  columns.push(
    {
      id: 'severity',
      header: dict.alerts.severity,
      cell: (alert) => (isSeverity(alert.severity) ? <SeverityBadge severity={alert.severity} dict={dict} /> : alert.severity),
    },
    {
      id: 'check',
      header: dict.alerts.check,
      cell: (alert) => (
        <>
          <span className="block font-medium text-slate-900">{checkLabel(dict, alert.check_code)}</span>
          <code className="block text-xs text-slate-600">{alert.check_code}</code>
        </>
      ),
    },
    {
      id: 'alert',
      header: dict.alerts.columnAlert,
      cell: (alert) => (
        <>
          <span className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs font-normal text-slate-600">
            <span className="xl:hidden">{isSeverity(alert.severity) ? <SeverityBadge severity={alert.severity} dict={dict} /> : null}</span>
            <span className="font-medium text-slate-800 xl:hidden">{checkLabel(dict, alert.check_code)}</span>
            <span>
              {entityLabel(dict, alert.entity_type)}{' '}
              <code className="text-slate-700" title={alert.entity_id}>
                {shortId(alert.entity_id)}
              </code>
            </span>
          </span>
          <Link
            id={alertRowAnchorId(alert.id)}
            href={`/governance/alerts/${alert.id}`}
            // A page of 50 links would prefetch 50 detail pages on every refresh.
            prefetch={false}
            className="line-clamp-3 font-medium text-sky-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
            data-testid="alert-link"
          >
            {alert.message}
          </Link>
        </>
      ),
    },
    {
      id: 'status',
      header: dict.alerts.status,
      cell: (alert) => (
        <div className="flex flex-col items-start gap-1">
          {isAlertStatus(alert.status) ? <StatusBadge status={alert.status} dict={dict} /> : alert.status}
          {alert.cleared_at ? <ClearedMarker at={alert.cleared_at} /> : null}
          <div className="xl:hidden">
            <Handling row={alert} dict={dict} />
          </div>
        </div>
      ),
    },
    {
      id: 'seen',
      header: dict.alerts.columnSeen,
      cell: (alert) => (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs leading-snug">
          <dt className="text-slate-600">{dict.alerts.firstSeenShort}</dt>
          <dd className="text-slate-900">
            <RelativeTime value={alert.first_seen_at} />
          </dd>
          <dt className="text-slate-600">{dict.alerts.lastSeenShort}</dt>
          <dd className="text-slate-900">
            {/* Never null (the view's greatest() of a not-null column); typed nullable as an expression. */}
            <RelativeTime value={alert.last_seen_at ?? alert.first_seen_at} />
          </dd>
        </dl>
      ),
    },
    {
      id: 'handling',
      header: dict.alerts.columnHandling,
      cell: (alert) => <Handling row={alert} dict={dict} />,
    },
  );
  if (canAcknowledge || canResolve) {
    columns.push({
      id: 'actions',
      header: <span className="sr-only">{dict.alerts.columnActions}</span>,
      cell: (alert) => {
        const buttons: ReactNode[] = [];
        if (canAcknowledge && alert.status === 'OPEN') {
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
        if (canResolve && (alert.status === 'OPEN' || alert.status === 'ACK')) {
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

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <span id={selectLabelId} hidden>
        {dict.alerts.select}
      </span>
      <table className="w-full border-collapse text-left text-sm" data-testid="alerts-table">
        <caption className="sr-only">{interpolate(dict.alerts.tableCaption, { count: rows.length })}</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-700">
          <tr>
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                className={`border-b border-slate-200 px-2 py-2.5 align-bottom lg:px-3 ${COLUMN_CLASS[column.id] ?? ''}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((alert) => (
            <tr
              key={alert.id}
              data-testid="alert-row"
              data-alert-id={alert.id}
              data-status={alert.status}
              className={`border-b border-slate-100 last:border-b-0 ${rowSelection[alert.id] ? 'bg-sky-50' : 'hover:bg-slate-50'}`}
            >
              {columns.map((column) => {
                const className = `px-2 py-3 align-top lg:px-3 ${COLUMN_CLASS[column.id] ?? ''}`;
                return column.id === 'alert' ? (
                  <th key={column.id} scope="row" className={`${className} text-left font-normal`}>
                    {column.cell(alert)}
                  </th>
                ) : (
                  <td key={column.id} className={className}>
                    {column.cell(alert)}
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
