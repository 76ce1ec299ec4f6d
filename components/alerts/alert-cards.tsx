'use client';

import type { OnChangeFn, RowSelectionState } from '@tanstack/react-table';
import Link from 'next/link';
import { useId } from 'react';
import { SeverityBadge, StatusBadge } from '@/components/ui/badges';
import { Button } from '@/components/ui/button';
import { checkLabel, entityLabel, shortId } from '@/lib/alerts/labels';
import type { AlertListRow } from '@/lib/alerts/queries';
import { canBeAcknowledged, offersResolve, canBeSelected, isAlertStatus, isSeverity } from '@/lib/alerts/vocabulary';
import { useI18n } from '@/lib/i18n/client';
import { interpolate } from '@/lib/i18n/format';
import { alertPath } from '@/lib/routes';
import { alertCardAnchorId, Assignee, Checkbox, DepotTag, Handling, SeenTimes } from './alert-row-parts';
import { ClearedMarker } from './cleared-marker';
import { RecurrenceMarker } from './recurrence-marker';
import { CountersignMarker } from './countersign-marker';
import { SilencedMarker } from './silenced-marker';
import { SnoozedMarker } from './snoozed-marker';
import { alertTableMessages } from './messages';

/**
 * The alert list on a phone or a tablet: one card per alert (severity, status, check, object, message, times,
 * who handled it), its actions as full-width buttons of at least 44 px, a checkbox with a tap area
 * of the same size. The same props and the same rules as the table it stands in for.
 */
export function AlertCards({
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
  const can = { acknowledge: canAcknowledge, resolve: canResolve };
  const selectable = rows.filter((row) => canBeSelected(row.status, can));
  const selectedCount = selectable.filter((row) => rowSelection[row.id]).length;
  const select = (id: string, value: boolean) =>
    onRowSelectionChange((current) => {
      const next = { ...current };
      if (value) next[id] = true;
      else delete next[id];
      return next;
    });

  return (
    <div className="space-y-3" data-testid="alerts-cards">
      <span id={selectLabelId} hidden>
        {dict.alerts.select}
      </span>
      {selectable.length > 0 ? (
        <label className="flex min-h-11 items-center gap-3 px-1 text-sm font-medium text-slate-800">
          <Checkbox
            className="size-5"
            checked={selectedCount === selectable.length}
            indeterminate={selectedCount > 0 && selectedCount < selectable.length}
            onChange={(value) => onRowSelectionChange(value ? Object.fromEntries(selectable.map((row) => [row.id, true])) : {})}
            data-testid="alert-card-select-all"
          />
          {dict.alerts.selectAll}
        </label>
      ) : null}
      <ul
        aria-label={interpolate(dict.alerts.tableCaption, { count: rows.length })}
        className="space-y-3 md:grid md:grid-cols-2 md:gap-3 md:space-y-0"
      >
        {rows.map((alert) => {
          const selected = canBeSelected(alert.status, can) && !!rowSelection[alert.id];
          const anchorId = alertCardAnchorId(alert.id);
          const acknowledge = canAcknowledge && canBeAcknowledged(alert.status);
          const resolve = canResolve && offersResolve(alert);
          return (
            <li
              key={alert.id}
              data-testid="alert-card"
              data-alert-id={alert.id}
              data-status={alert.status}
              className={`rounded-lg border bg-white p-4 shadow-sm ${selected ? 'border-sky-300 bg-sky-50' : 'border-slate-200'}`}
            >
              <div className="flex items-start gap-3">
                {canBeSelected(alert.status, can) ? (
                  // The label is the checkbox's 44 px tap area; its name is « Sélectionner » + the message.
                  <label className="-m-2.5 flex size-11 shrink-0 items-center justify-center">
                    <Checkbox
                      className="size-5"
                      aria-labelledby={`${selectLabelId} ${anchorId}`}
                      checked={selected}
                      onChange={(value) => select(alert.id, value)}
                      data-testid="alert-select"
                    />
                  </label>
                ) : null}
                <div className="min-w-0 flex-1 space-y-2">
                  <p className="flex flex-wrap items-center gap-1.5">
                    {isSeverity(alert.severity) ? <SeverityBadge severity={alert.severity} dict={dict} /> : alert.severity}
                    {isAlertStatus(alert.status) ? <StatusBadge status={alert.status} dict={dict} /> : alert.status}
                    {alert.cleared_at ? <ClearedMarker at={alert.cleared_at} /> : null}
                    {alert.awaiting_countersign ? <CountersignMarker /> : null}
                    {alert.snoozed && alert.snoozed_until ? <SnoozedMarker until={alert.snoozed_until} /> : null}
                    {alert.silenced && alert.silenced_until ? <SilencedMarker until={alert.silenced_until} /> : null}
                    {(alert.occurrence ?? 1) > 1 ? <RecurrenceMarker occurrence={alert.occurrence!} dict={dict} /> : null}
                  </p>
                  <p className="text-xs text-slate-600" data-testid="alert-card-check">
                    <span className="block text-sm font-medium text-slate-900">{checkLabel(dict, alert.check_code)}</span>
                    <DepotTag code={alert.depot_code} dict={dict} /> {entityLabel(dict, alert.entity_type)}{' '}
                    {/* Not every entity id is a UUID (a policy's qualified name): it may break anywhere. */}
                    <code className="break-all text-slate-700" title={alert.entity_id}>
                      {shortId(alert.entity_id)}
                    </code>
                  </p>
                  <Link
                    id={anchorId}
                    href={alertPath(alert.id)}
                    prefetch={false}
                    className="line-clamp-4 font-medium break-words text-sky-900 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
                    data-testid="alert-card-link"
                  >
                    {alert.message}
                  </Link>
                  <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
                    <SeenTimes row={alert} dict={dict} />
                    <Handling row={alert} dict={dict} />
                    <Assignee row={alert} dict={dict} showLabel />
                  </div>
                </div>
              </div>
              {acknowledge || resolve ? (
                <div className="mt-3 flex gap-2">
                  {acknowledge ? (
                    <Button
                      variant="secondary"
                      className="min-h-11 flex-1"
                      onClick={() => onAcknowledge(alert)}
                      aria-describedby={anchorId}
                      data-testid="alert-ack-button"
                    >
                      {dict.actions.acknowledge}
                    </Button>
                  ) : null}
                  {resolve ? (
                    <Button
                      className="min-h-11 flex-1"
                      onClick={() => onResolve(alert)}
                      aria-describedby={anchorId}
                      data-testid="alert-resolve-button"
                    >
                      {dict.actions.resolve}
                    </Button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
