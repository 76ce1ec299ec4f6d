'use client';

import { useEffect, useRef } from 'react';
import { RelativeTime } from '@/components/ui/relative-time';
import type { AlertListRow } from '@/lib/alerts/queries';
import { resolutionReasonLabel } from '@/lib/alerts/labels';
import type { MessagesOf } from '@/lib/i18n/messages';
import { DeadlinePill } from './deadline-pill';
import { alertTableMessages } from './messages';

/** The pieces one alert of the list shows both as a table row (wide screens) and as a card (phones). */

type Dict = MessagesOf<typeof alertTableMessages>;

/** Which depot the alert belongs to (its code), or the platform's (no depot: head office's only). */
export function DepotTag({ code, dict }: { code: string | null; dict: Dict }) {
  return (
    <span
      className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 ring-1 ring-inset ring-slate-200"
      data-testid="alert-depot"
    >
      {code ?? dict.alerts.platformScope}
    </span>
  );
}

/** The id of the alert's message link in the table row: the row's name, and where focus returns. */
export function alertRowAnchorId(id: string): string {
  return `alert-${id}-link`;
}

/** The same for the alert's card. */
export function alertCardAnchorId(id: string): string {
  return `alert-${id}-card-link`;
}

export function Checkbox({
  checked,
  indeterminate = false,
  onChange,
  className = 'size-4',
  ...props
}: {
  checked: boolean;
  indeterminate?: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
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
      className={`${className} rounded border-slate-400 accent-sky-800`}
      {...props}
    />
  );
}

/** Who acknowledged and who resolved the alert, or « Non traitée »; then its next deadline. */
export function Handling({ row, dict }: { row: AlertListRow; dict: Dict }) {
  return (
    <div className="space-y-1">
      <HandledBy row={row} dict={dict} />
      <DeadlinePill alert={row} />
    </div>
  );
}

function HandledBy({ row, dict }: { row: AlertListRow; dict: Dict }) {
  if (!row.acknowledged_at && !row.resolved_at) return <p className="text-xs text-slate-600">{dict.alerts.notHandled}</p>;
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
      {row.resolved_at ? (
        <div>
          <dt className="inline text-slate-600">{dict.alerts.resolutionReason} </dt>
          <dd className="inline text-slate-900" data-testid="alert-resolution-reason">
            {resolutionReasonLabel(row.resolution_reason, dict.alerts)}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** When the alert was first and last seen, relative to now. */
export function SeenTimes({ row, dict }: { row: AlertListRow; dict: Dict }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs leading-snug">
      <dt className="text-slate-600">{dict.alerts.firstSeenShort}</dt>
      <dd className="text-slate-900">
        <RelativeTime value={row.first_seen_at} />
      </dd>
      <dt className="text-slate-600">{dict.alerts.lastSeenShort}</dt>
      <dd className="text-slate-900">
        {/* Never null (the view's greatest() of a not-null column); typed nullable as an expression. */}
        <RelativeTime value={row.last_seen_at ?? row.first_seen_at} />
      </dd>
    </dl>
  );
}

/** Who carries the alert, or « Personne ». */
export function Assignee({ row, dict, showLabel = false }: { row: AlertListRow; dict: Dict; showLabel?: boolean }) {
  const name: string | null = row.assigned_to ? (row.assigned_to_name ?? dict.errors.someone) : null;
  return (
    <p className="text-xs leading-snug">
      {showLabel ? <span className="text-slate-600">{dict.alerts.columnAssignee} </span> : null}
      <span className={name ? 'font-medium text-slate-900' : 'text-slate-600'} data-testid="alert-assignee">
        {name ?? dict.alerts.nobody}
      </span>
    </p>
  );
}
