import {
  ArrowRight,
  BellOff,
  BellRing,
  Bot,
  CheckCheck,
  CirclePause,
  CirclePlay,
  CirclePlus,
  Eye,
  FileText,
  Hand,
  MessageSquareText,
  RotateCcw,
  ShieldEllipsis,
  ShieldCheck,
  ShieldX,
  Signature,
  Settings2,
  Siren,
  TriangleAlert,
  Undo2,
  UserRoundCheck,
} from 'lucide-react';
import Link from 'next/link';
import type { ComponentType } from 'react';
import { StatusBadge } from '@/components/ui/badges';
import { DataTable } from '@/components/ui/data-table';
import { Pill } from '@/components/ui/pill';
import { RelativeTime } from '@/components/ui/relative-time';
import { checkLabel, resolutionReasonLabel, shortId } from '@/lib/alerts/labels';
import { assignmentFromDetails, reasonFromDetails, silenceCheckFromDetails } from '@/lib/alerts/timeline';
import { isAlertStatus } from '@/lib/alerts/vocabulary';
import type { AuditEventType } from '@/lib/audit/filters';
import { eventTypeLabel, isAuditEventType, roleLabel, shortHash } from '@/lib/audit/labels';
import type { AuditEventRow } from '@/lib/audit/queries';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, formatNumber, interpolate } from '@/lib/i18n/format';
import { alertPath } from '@/lib/routes';

const EVENT_ICONS: Record<AuditEventType, { Icon: ComponentType<{ className?: string; 'aria-hidden'?: boolean }>; className: string }> = {
  opened: { Icon: CirclePlus, className: 'text-red-700' },
  seen_again: { Icon: Eye, className: 'text-slate-600' },
  cleared: { Icon: Undo2, className: 'text-sky-700' },
  acknowledged: { Icon: Hand, className: 'text-amber-700' },
  resolved: { Icon: CheckCheck, className: 'text-emerald-700' },
  escalated: { Icon: Siren, className: 'text-red-700' },
  notified: { Icon: BellRing, className: 'text-violet-700' },
  settings_changed: { Icon: Settings2, className: 'text-slate-700' },
  commented: { Icon: MessageSquareText, className: 'text-sky-700' },
  assigned: { Icon: UserRoundCheck, className: 'text-indigo-700' },
  delivery_retried: { Icon: RotateCcw, className: 'text-violet-700' },
  snoozed: { Icon: CirclePause, className: 'text-slate-700' },
  unsnoozed: { Icon: CirclePlay, className: 'text-slate-700' },
  silence_created: { Icon: BellOff, className: 'text-slate-700' },
  silence_ended: { Icon: BellRing, className: 'text-slate-700' },
  unsilenced: { Icon: BellRing, className: 'text-slate-700' },
  resolution_requested: { Icon: ShieldEllipsis, className: 'text-amber-700' },
  countersigned: { Icon: Signature, className: 'text-emerald-700' },
  resolution_rejected: { Icon: ShieldX, className: 'text-red-700' },
  review_attested: { Icon: ShieldCheck, className: 'text-emerald-700' },
  report_generated: { Icon: FileText, className: 'text-slate-700' },
};

const td = 'px-3 py-2.5 align-top';

/** An assignment change in words: « Assignée à X », or « N’est plus assignée (était : X) ». */
function assignmentText(dict: Dictionary, detailsText: string | null): string {
  const { fromName, toName } = assignmentFromDetails(detailsText);
  if (toName) return interpolate(dict.alerts.assignmentTo, { name: toName });
  return interpolate(dict.alerts.assignmentFrom, { name: fromName ?? dict.alerts.nobody });
}

/** What the event is about: its check, or the settings for a settings change. */
function subjectLabel(dict: Dictionary, row: AuditEventRow): string {
  if (row.check_code !== null) return checkLabel(dict, row.check_code);
  // The events that concern no alert: a settings change, a digest sent again, a silence.
  if (row.event_type === 'silence_created' || row.event_type === 'silence_ended') {
    const code = silenceCheckFromDetails(row.details_text);
    return interpolate(dict.audit.silenceSubject, { check: code ? checkLabel(dict, code) : '—' });
  }
  return row.event_type === 'delivery_retried' ? dict.audit.notificationsSubject : dict.audit.settingsSubject;
}
// Below `lg` the check and the alert fold into the event cell, the hash into the time cell.
const wide = 'hidden lg:table-cell';

function Status({ value, dict }: { value: string | null; dict: Dictionary }) {
  if (!value) return null;
  return isAlertStatus(value) ? <StatusBadge status={value} dict={dict} /> : <span className="text-xs">{value}</span>;
}

function StatusChange({ row, dict }: { row: AuditEventRow; dict: Dictionary }) {
  // Unchanged (seen again, cleared): one badge says it all.
  if (!row.from_status || row.from_status === row.to_status) return <Status value={row.to_status} dict={dict} />;
  return (
    <span className="inline-flex flex-wrap items-center gap-1 lg:flex-nowrap">
      <Status value={row.from_status} dict={dict} />
      <ArrowRight aria-hidden="true" className="size-3.5 text-slate-500" />
      <span className="sr-only"> {dict.audit.statusTo} </span>
      <Status value={row.to_status} dict={dict} />
    </span>
  );
}

function Actor({ row, dict }: { row: AuditEventRow; dict: Dictionary }) {
  if (!row.actor_id) {
    return (
      <span className="inline-flex items-center gap-1.5 text-slate-700" data-testid="audit-actor">
        <Bot aria-hidden="true" className="size-4 text-slate-500" />
        {dict.audit.system}
      </span>
    );
  }
  const role = roleLabel(dict, row.actor_role);
  return (
    <span className="block leading-snug" data-testid="audit-actor">
      <span className="block font-medium text-slate-900">{row.actor_name ?? dict.audit.unknownActor}</span>
      {role ? <span className="block text-xs text-slate-600">{role}</span> : null}
    </span>
  );
}

function EventType({ row, dict }: { row: AuditEventRow; dict: Dictionary }) {
  const icon = isAuditEventType(row.event_type) ? EVENT_ICONS[row.event_type] : null;
  return (
    <span className="block">
      <span className="inline-flex items-center gap-1.5 font-medium whitespace-nowrap text-slate-900" data-testid="audit-event-type">
        {icon ? <icon.Icon aria-hidden={true} className={`size-4 shrink-0 ${icon.className}`} /> : null}
        {eventTypeLabel(dict, row.event_type)}
      </span>
      {row.event_type === 'resolved' || row.event_type === 'resolution_requested' ? (
        <span className="block text-xs text-slate-700" data-testid="audit-reason">
          {interpolate(dict.alerts.reasonLine, { reason: resolutionReasonLabel(reasonFromDetails(row.details_text), dict.alerts) })}
        </span>
      ) : null}
      {row.resolved_while_active ? (
        <Pill tone="amber" weight="medium" wrap className="mt-1">
          <TriangleAlert aria-hidden="true" className="size-3.5" />
          {dict.audit.resolvedWhileActive}
        </Pill>
      ) : null}
    </span>
  );
}

function AlertLink({ row, dict }: { row: AuditEventRow; dict: Dictionary }) {
  // A settings change concerns no alert.
  if (row.alert_id === null) return <span aria-hidden="true">—</span>;
  return (
    <Link
      href={alertPath(row.alert_id)}
      prefetch={false}
      className="font-mono text-xs font-medium whitespace-nowrap text-sky-800 underline underline-offset-2 hover:text-sky-950"
      aria-label={interpolate(dict.audit.alertLink, { id: shortId(row.alert_id) })}
    >
      {shortId(row.alert_id)}
    </Link>
  );
}

function Hash({ row, testId }: { row: AuditEventRow; testId?: string }) {
  return (
    <span className="block whitespace-nowrap">
      <span className="text-xs text-slate-600">#{row.id} </span>
      <code className="font-mono text-xs text-slate-800" title={row.hash} data-testid={testId}>
        {shortHash(row.hash)}
      </code>
    </span>
  );
}

/**
 * The ledger, newest first, as a real table: the event's time is the row header; notes are shown
 * as text (React escapes them), never as HTML.
 */
export function AuditEventTable({
  rows,
  dict,
  locale,
  timeZone,
}: {
  rows: AuditEventRow[];
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  return (
    <DataTable
      frame="panel"
      caption={interpolate(dict.audit.tableCaption, { count: formatNumber(rows.length, locale) })}
      captionId="audit-table-caption"
      columns={[
        dict.audit.columnTime,
        dict.audit.columnEvent,
        { label: dict.audit.columnCheck, className: wide },
        { label: dict.audit.columnAlert, className: wide },
        dict.audit.columnActor,
        dict.audit.columnStatus,
        dict.audit.columnNote,
        { label: dict.audit.columnHash, className: wide },
      ]}
      testId="audit-table"
    >
      {rows.map((row) => (
        <tr key={row.id} data-testid="audit-row" data-event-id={row.id} data-event-type={row.event_type} className="hover:bg-slate-50">
          <th scope="row" className={`${td} text-left font-normal whitespace-nowrap`}>
            <time dateTime={row.occurred_at} className="block font-medium text-slate-900">
              {formatDateTime(row.occurred_at, locale, timeZone)}
            </time>
            <span className="block text-xs text-slate-600">
              <RelativeTime value={row.occurred_at} />
            </span>
            <span className="mt-1 block lg:hidden">
              <Hash row={row} />
            </span>
          </th>
          <td className={td}>
            <EventType row={row} dict={dict} />
            <span className="mt-1 block text-slate-700 lg:hidden">{subjectLabel(dict, row)}</span>
            <span className="block lg:hidden">
              <AlertLink row={row} dict={dict} />
            </span>
          </td>
          <td className={`${td} ${wide} text-slate-800`} title={row.check_code ?? undefined}>
            {subjectLabel(dict, row)}
          </td>
          <td className={`${td} ${wide}`}>
            <AlertLink row={row} dict={dict} />
          </td>
          <td className={td}>
            <Actor row={row} dict={dict} />
          </td>
          <td className={`${td} lg:whitespace-nowrap`}>
            <StatusChange row={row} dict={dict} />
          </td>
          <td className={`${td} min-w-40 text-slate-800 lg:max-w-64`}>
            {row.event_type === 'assigned' ? (
              <p className="break-words" data-testid="audit-assignment">
                {assignmentText(dict, row.details_text)}
              </p>
            ) : row.note ? (
              <p className="break-words whitespace-pre-line" data-testid="audit-note">
                {row.note}
              </p>
            ) : (
              <span className="text-slate-500">{dict.common.none}</span>
            )}
          </td>
          <td className={`${td} ${wide}`}>
            <Hash row={row} testId="audit-hash" />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
