'use client';

import { useQuery } from '@tanstack/react-query';
import { ChevronRight, LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { SeverityBadge, StatusBadge } from '@/components/ui/badges';
import { checkLabel, entityLabel, shortId } from '@/lib/alerts/labels';
import type { AlertGroup } from '@/lib/alerts/queries';
import { alertKeys } from '@/lib/alerts/query-keys';
import { fetchAlertPageFromServer } from '@/lib/alerts/use-alert-list';
import { alertFiltersToQuery, type AlertFilters } from '@/lib/alerts/rules';
import { isAlertStatus, isSeverity, SEVERITIES } from '@/lib/alerts/vocabulary';
import { useI18n } from '@/lib/i18n/client';
import { formatDateTime, formatNumber, interpolate, plural } from '@/lib/i18n/format';
import { alertPath, ROUTES } from '@/lib/routes';
import { alertGroupsMessages } from './messages';

/** A group's own filters: the list's, narrowed to its check or its object, ungrouped, first page. */
export function groupFilters(filters: AlertFilters, group: AlertGroup): AlertFilters {
  const narrowed: AlertFilters = { ...filters, group: undefined, cursor: undefined };
  if (group.check_code) narrowed.check = group.check_code;
  if (group.entity_type && group.entity_id) narrowed.entity = `${group.entity_type}:${group.entity_id}`;
  return narrowed;
}

const severityCount = { CRITICAL: 'critical_count', WARN: 'warn_count', INFO: 'info_count' } as const;

/**
 * The alert list grouped by check code or by object: one row per group with its counts (by
 * severity and status) and its latest detection, most severe first. A row opens to show the
 * group's first alerts (read when opened, through the list's own API) and leads to the full list
 * of the group.
 */
export function AlertGroups({ groups, more, filters }: { groups: AlertGroup[]; more: boolean; filters: AlertFilters }) {
  const { dict, locale } = useI18n(alertGroupsMessages);
  return (
    <div className="space-y-2" data-testid="alert-groups" data-group={filters.group}>
      <p className="text-sm text-slate-700" aria-live="polite">
        {plural(dict.alerts.groupCount, groups.length, locale)}
      </p>
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        {groups.map((group) => (
          <AlertGroupRow key={`${group.check_code}:${group.entity_type}:${group.entity_id}`} group={group} filters={filters} />
        ))}
      </ul>
      {more ? <p className="text-sm text-slate-700">{dict.alerts.groupsMore}</p> : null}
    </div>
  );
}

function AlertGroupRow({ group, filters }: { group: AlertGroup; filters: AlertFilters }) {
  const { dict, locale, timeZone } = useI18n(alertGroupsMessages);
  const [open, setOpen] = useState(false);
  const own = groupFilters(filters, group);
  const title = group.check_code ? checkLabel(dict, group.check_code) : entityLabel(dict, group.entity_type ?? '');
  const subtitle = group.check_code ?? group.entity_label ?? shortId(group.entity_id ?? '');
  return (
    <li data-testid="alert-group" data-key={group.check_code ?? `${group.entity_type}:${group.entity_id}`}>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-sky-800 [&::-webkit-details-marker]:hidden">
          <ChevronRight aria-hidden="true" className={`size-4 shrink-0 text-slate-500 transition-transform ${open ? 'rotate-90' : ''}`} />
          <span className="min-w-0 flex-1 basis-48">
            <span className="block font-medium text-slate-900" data-testid="alert-group-title">
              {title}
            </span>
            <code className="block text-xs break-all text-slate-600">{subtitle}</code>
          </span>
          <span className="text-sm font-semibold text-slate-900 tabular-nums" data-testid="alert-group-count">
            {plural(dict.alerts.alertCount, Number(group.alert_count), locale)}
          </span>
          <span className="flex flex-wrap gap-1.5">
            {SEVERITIES.filter((severity) => Number(group[severityCount[severity]]) > 0).map((severity) => (
              <span key={severity} className="inline-flex items-center gap-1 text-xs">
                <SeverityBadge severity={severity} dict={dict} />
                <span className="tabular-nums">{formatNumber(Number(group[severityCount[severity]]), locale)}</span>
              </span>
            ))}
          </span>
          <span className="text-xs text-slate-600">
            {[
              [dict.status.OPEN, group.open_count],
              [dict.status.ACK, group.ack_count],
              [dict.status.RESOLVED, group.resolved_count],
            ]
              .filter(([, count]) => Number(count) > 0)
              .map(([label, count]) => `${label} ${formatNumber(Number(count), locale)}`)
              .join(' · ')}
            {group.latest_first_seen_at ? (
              <span className="block">
                {interpolate(dict.alerts.groupLatest, { time: formatDateTime(group.latest_first_seen_at, locale, timeZone) })}
              </span>
            ) : null}
          </span>
        </summary>
        {open ? <AlertGroupAlerts filters={own} total={Number(group.alert_count)} /> : null}
      </details>
    </li>
  );
}

/** The group's first alerts, read when the row is opened (the list's own API, under the user's RLS). */
function AlertGroupAlerts({ filters, total }: { filters: AlertFilters; total: number }) {
  const { dict, locale, timeZone } = useI18n(alertGroupsMessages);
  const query = useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: ({ signal }) => fetchAlertPageFromServer(filters, signal),
  });
  const listHref = `${ROUTES.alerts}${alertFiltersToQuery(filters)}`;
  return (
    <div className="border-t border-slate-100 bg-slate-50/60 px-4 py-3" data-testid="alert-group-alerts">
      {query.isPending ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <LoaderCircle aria-hidden="true" className="size-4 animate-spin motion-reduce:animate-none" />
          {dict.alerts.refreshing}
        </p>
      ) : query.isError ? (
        <p role="status" className="text-sm text-amber-900">
          {dict.alerts.refreshFailed}
        </p>
      ) : (
        <ul className="space-y-2">
          {query.data.rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="alert-group-alert" data-id={row.id}>
              {isSeverity(row.severity) ? <SeverityBadge severity={row.severity} dict={dict} /> : row.severity}
              {isAlertStatus(row.status) ? <StatusBadge status={row.status} dict={dict} /> : row.status}
              <Link
                href={alertPath(row.id)}
                className="min-w-0 flex-1 basis-64 font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950"
              >
                {row.message}
              </Link>
              <time className="text-xs text-slate-600" dateTime={row.first_seen_at}>
                {formatDateTime(row.first_seen_at, locale, timeZone)}
              </time>
            </li>
          ))}
        </ul>
      )}
      <Link
        href={listHref}
        className="mt-3 inline-block text-sm font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950"
        data-testid="alert-group-list-link"
      >
        {plural(dict.alerts.groupSeeAll, total, locale)}
      </Link>
    </div>
  );
}
