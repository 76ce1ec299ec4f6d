import { ArrowLeft, TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AlertRunbook } from '@/components/checks/alert-runbook';
import { SeverityBadge, StatusBadge } from '@/components/ui/badges';
import { Card } from '@/components/ui/card';
import { Pill } from '@/components/ui/pill';
import { RelativeTime } from '@/components/ui/relative-time';
import type { Permission } from '@/lib/auth/permissions';
import { detailEntries } from '@/lib/checks/details';
import { checkLabel, entityLabel, resolutionReasonLabel } from '@/lib/alerts/labels';
import { isActive, isAlertStatus, isSeverity } from '@/lib/alerts/vocabulary';
import type { AlertRow, EarlierOccurrence } from '@/lib/alerts/queries';
import type { TimelineEvent } from '@/lib/alerts/timeline';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate } from '@/lib/i18n/format';
import { alertPath, ROUTES } from '@/lib/routes';
import { isSilenceableCheck } from '@/lib/silences/checks';
import { SILENCE_ENTITY_TYPES } from '@/lib/silences/rules';
import { AlertAssigneeControl, type AssigneeOption } from './alert-assignee-control';
import { AlertCommentForm } from './alert-comment-form';
import { AlertCountersignControl } from './alert-countersign-control';
import { AlertSnoozeControl, type SnoozeState } from './alert-snooze-control';
import { AlertDetailActions } from './alert-detail-actions';
import { AlertTimeline } from './alert-timeline';
import { ClearedMarker } from './cleared-marker';
import { CountersignMarker } from './countersign-marker';
import { RecurrenceMarker } from './recurrence-marker';
import { SilencedMarker } from './silenced-marker';
import { SnoozedMarker } from './snoozed-marker';
import { DeadlinePill } from './deadline-pill';
import { ReadOnlyNotice } from './read-only-notice';

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function When({ at, locale, timeZone }: { at: string; locale: Locale; timeZone: string }) {
  return (
    <>
      <time dateTime={at}>{formatDateTime(at, locale, timeZone)}</time>
      <span className="text-slate-600">
        {' '}
        (<RelativeTime value={at} />)
      </span>
    </>
  );
}

function Note({ text, dict }: { text: string | null; dict: Dictionary }) {
  return text ? (
    <blockquote className="mt-1 rounded-md bg-slate-50 px-3 py-2 whitespace-pre-line ring-1 ring-inset ring-slate-200">{text}</blockquote>
  ) : (
    <span className="text-slate-600">{dict.alerts.noNote}</span>
  );
}

/** Every field of one alert, the numbers behind its check, what to do (its runbook), its history, and the allowed actions. */
export function AlertDetail({
  alert,
  history,
  dict,
  locale,
  timeZone,
  permissions,
  userName,
  userId,
  assignees,
  earlier,
}: {
  alert: AlertRow;
  /** The earlier alerts of its fingerprint, newest first (empty the first time). */
  earlier: EarlierOccurrence[];
  /** Who the alert can be assigned to (admins and directeurs); empty for a viewer who cannot assign. */
  assignees: AssigneeOption[];
  /** The alert's ledger events, oldest first. */
  history: TimelineEvent[];
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
  permissions: Permission[];
  userName: string;
  /** The viewer: the requester of a four-eyes resolution cannot countersign it. */
  userId: string;
}) {
  const details = detailEntries(alert.details, locale, timeZone, dict);
  const readOnly = !permissions.includes('alerts:acknowledge') && !permissions.includes('alerts:resolve');
  const active = isActive(alert.status);
  // A resolved alert keeps its assignment (the database refuses a change).
  const canAssign = permissions.includes('alerts:assign') && active;
  const canSnooze = permissions.includes('alerts:snooze') && active;
  const snooze: SnoozeState =
    alert.snoozed && alert.snoozed_until
      ? { until: alert.snoozed_until, reason: alert.snooze_reason, byName: alert.snoozed_by_name, at: alert.snoozed_at }
      : null;
  const canComment = permissions.includes('alerts:comment');
  // Four-eyes: a resolution asked and not yet countersigned. Another directeur decides it.
  const awaiting = alert.awaiting_countersign === true;
  const canCountersign = awaiting && permissions.includes('alerts:resolve') && alert.resolution_requested_by !== userId;
  // A silence covers a tank, a truck or a depot: offered for alerts on one of those.
  const canSilence =
    permissions.includes('silences:manage') &&
    (SILENCE_ENTITY_TYPES as readonly string[]).includes(alert.entity_type) &&
    isSilenceableCheck(alert.check_code);

  return (
    <article className="space-y-5" data-testid="alert-detail" data-alert-id={alert.id} data-status={alert.status}>
      <Link
        href={ROUTES.alerts}
        className="inline-flex items-center gap-1 text-sm font-medium text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {dict.notFound.backToAlerts}
      </Link>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            {isSeverity(alert.severity) ? <SeverityBadge severity={alert.severity} dict={dict} /> : null}
            {isAlertStatus(alert.status) ? <StatusBadge status={alert.status} dict={dict} /> : null}
            {alert.cleared_at ? (
              <ClearedMarker at={alert.cleared_at} />
            ) : active ? (
              <Pill tone="redLight" weight="medium" wrap>
                <TriangleAlert aria-hidden="true" className="size-3.5" />
                {dict.alerts.stillDetected}
              </Pill>
            ) : null}
            {awaiting ? <CountersignMarker /> : null}
            {snooze ? <SnoozedMarker until={snooze.until} /> : null}
            {alert.silenced && alert.silenced_until ? <SilencedMarker until={alert.silenced_until} /> : null}
            {(alert.occurrence ?? 1) > 1 ? <RecurrenceMarker occurrence={alert.occurrence!} dict={dict} /> : null}
            <DeadlinePill alert={alert} />
          </div>
          <h1 id="alert-detail-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight focus:outline-none">
            {checkLabel(dict, alert.check_code)} <code className="text-base font-normal text-slate-600">{alert.check_code}</code>
          </h1>
          <p className="max-w-3xl text-base text-slate-800" data-testid="alert-message">
            {alert.message}
          </p>
        </div>
        <AlertDetailActions
          alert={{
            id: alert.id,
            status: alert.status,
            severity: alert.severity,
            message: alert.message,
            cleared_at: alert.cleared_at,
            awaiting_countersign: awaiting,
          }}
          permissions={permissions}
          userName={userName}
        />
      </header>

      {readOnly ? <ReadOnlyNotice message={dict.alerts.readOnly} /> : null}

      {alert.silence_id || canSilence ? (
        <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="alert-silence">
          {alert.silence_id ? <span className="text-slate-800">{dict.alerts.openedSilenced}</span> : null}
          {alert.silence_id ? (
            <Link href={ROUTES.silences} className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950">
              {dict.alerts.silenceSeeAll}
            </Link>
          ) : null}
          {canSilence ? (
            <Link
              href={`${ROUTES.silences}?${new URLSearchParams({ check: alert.check_code, entity: `${alert.entity_type}:${alert.entity_id}` }).toString()}`}
              className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950"
              data-testid="alert-silence-create"
            >
              {dict.alerts.silenceCreate}
            </Link>
          ) : null}
        </p>
      ) : null}

      {awaiting ? (
        <section
          aria-labelledby="alert-countersign-title"
          className="space-y-3 rounded-md bg-amber-50 px-4 py-3 ring-1 ring-inset ring-amber-300"
          data-testid="alert-countersign"
        >
          <h2 id="alert-countersign-title" className="text-base font-semibold text-amber-950">
            {dict.alerts.countersignTitle}
          </h2>
          <p className="text-sm text-amber-950">
            {interpolate(dict.alerts.countersignRequestedBy, { name: alert.resolution_requested_by_name ?? dict.errors.someone })}{' '}
            {alert.resolution_requested_at ? <When at={alert.resolution_requested_at} locale={locale} timeZone={timeZone} /> : null}
          </p>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
            <Field label={dict.alerts.requestedReason}>
              <span data-testid="alert-countersign-reason">{resolutionReasonLabel(alert.requested_resolution_reason, dict.alerts)}</span>
            </Field>
            <Field label={dict.alerts.requestedNote} wide>
              <Note text={alert.requested_resolution_note} dict={dict} />
            </Field>
          </dl>
          {canCountersign && alert.resolution_requested_at ? (
            <AlertCountersignControl alertId={alert.id} requestedAt={alert.resolution_requested_at} />
          ) : (
            <p className="text-sm text-amber-950" data-testid="alert-countersign-waiting">
              {alert.resolution_requested_by === userId ? dict.alerts.countersignYours : dict.alerts.countersignWaiting}
            </p>
          )}
        </section>
      ) : null}

      {alert.resolved_while_active ? (
        <p
          className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-950 ring-1 ring-inset ring-amber-300"
          data-testid="alert-resolved-while-active"
        >
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {dict.alerts.resolvedWhileActive}
        </p>
      ) : null}

      <div className="grid gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          <Card title={dict.alerts.summary} titleId="alert-summary-title">
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
              <Field label={dict.alerts.check}>
                {checkLabel(dict, alert.check_code)} <code className="text-xs text-slate-600">{alert.check_code}</code>
              </Field>
              <Field label={dict.alerts.severity}>{isSeverity(alert.severity) ? dict.severity[alert.severity] : alert.severity}</Field>
              <Field label={dict.alerts.status}>{isAlertStatus(alert.status) ? dict.status[alert.status] : alert.status}</Field>
              <Field label={dict.alerts.depot}>
                <span data-testid="alert-detail-depot">
                  {alert.depot_code ? `${alert.depot_code} — ${alert.depot_name ?? ''}` : dict.alerts.platformScopeLong}
                </span>
              </Field>
              <Field label={dict.alerts.entityType}>{entityLabel(dict, alert.entity_type)}</Field>
              <Field label={dict.alerts.entityId}>
                <code className="text-xs break-all">{alert.entity_id}</code>
              </Field>
              <Field label={dict.alerts.identifier}>
                <code className="text-xs break-all">{alert.id}</code>
              </Field>
              <Field label={dict.alerts.fingerprint} wide>
                <code className="text-xs break-all">{alert.fingerprint}</code>
              </Field>
              <Field label={dict.alerts.firstSeen}>
                <When at={alert.first_seen_at} locale={locale} timeZone={timeZone} />
              </Field>
              <Field label={dict.alerts.lastSeen}>
                {/* Never null (the view's greatest() of a not-null column); typed nullable as an expression. */}
                <When at={alert.last_seen_at ?? alert.first_seen_at} locale={locale} timeZone={timeZone} />
              </Field>
              <Field label={dict.alerts.cleared} wide>
                {alert.cleared_at ? <When at={alert.cleared_at} locale={locale} timeZone={timeZone} /> : dict.alerts.stillDetected}
              </Field>
            </dl>
          </Card>

          <Card title={dict.alerts.details} titleId="alert-details-title">
            {details.length ? (
              <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2" data-testid="alert-details">
                {details.map((entry) => (
                  <div key={entry.key} className="flex items-baseline justify-between gap-3 border-b border-slate-100 pb-2">
                    <dt className="text-sm text-slate-700">{entry.label}</dt>
                    <dd className="text-right text-sm font-medium tabular-nums text-slate-900" data-key={entry.key}>
                      {entry.dateTime ? <time dateTime={entry.dateTime}>{entry.value}</time> : entry.value}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-slate-600">{dict.alerts.noDetails}</p>
            )}
          </Card>

          <AlertRunbook code={alert.check_code} dict={dict} locale={locale} />

          <Card title={dict.alerts.handling} titleId="alert-handling-title">
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
              <Field label={dict.alerts.assignee} wide>
                <span className="font-medium" data-testid="alert-assignee">
                  {alert.assigned_to ? (alert.assigned_to_name ?? dict.errors.someone) : dict.alerts.nobody}
                </span>
                {alert.assigned_to && alert.assigned_at ? (
                  <span className="block text-slate-700">
                    {alert.assigned_by_name ? `${interpolate(dict.alerts.eventBy, { name: alert.assigned_by_name })} · ` : null}
                    <When at={alert.assigned_at} locale={locale} timeZone={timeZone} />
                  </span>
                ) : null}
                {canAssign ? (
                  <AlertAssigneeControl
                    // A new assignee (after a refresh) resets the choice.
                    key={alert.assigned_to ?? 'nobody'}
                    alertId={alert.id}
                    current={alert.assigned_to}
                    options={assignees}
                  />
                ) : null}
              </Field>
              {active ? (
                <Field label={dict.alerts.snoozeTitle} wide>
                  <AlertSnoozeControl
                    // A new pause (after a refresh) resets the form.
                    key={alert.snoozed_until ?? 'none'}
                    alertId={alert.id}
                    firstSeenAt={alert.first_seen_at!}
                    snooze={snooze}
                    canChange={canSnooze}
                  />
                </Field>
              ) : null}
              <Field label={dict.alerts.acknowledgedBy}>
                {alert.acknowledged_at ? (
                  <>
                    <span className="font-medium">{alert.acknowledged_by_name ?? dict.errors.someone}</span>
                    <span className="block text-slate-700">
                      <When at={alert.acknowledged_at} locale={locale} timeZone={timeZone} />
                    </span>
                  </>
                ) : (
                  <span className="text-slate-600">{dict.alerts.notHandled}</span>
                )}
              </Field>
              <Field label={dict.alerts.resolvedBy}>
                {alert.resolved_at ? (
                  <>
                    <span className="font-medium">{alert.resolved_by_name ?? dict.errors.someone}</span>
                    <span className="block text-slate-700">
                      <When at={alert.resolved_at} locale={locale} timeZone={timeZone} />
                    </span>
                  </>
                ) : (
                  <span className="text-slate-600">{dict.common.none}</span>
                )}
              </Field>
              {alert.acknowledged_at ? (
                <Field label={dict.alerts.ackNote} wide>
                  <Note text={alert.ack_note} dict={dict} />
                </Field>
              ) : null}
              {alert.resolved_at ? (
                <Field label={dict.alerts.resolutionReason} wide>
                  <span data-testid="alert-resolution-reason">{resolutionReasonLabel(alert.resolution_reason, dict.alerts)}</span>
                </Field>
              ) : null}
              {alert.resolved_at ? (
                <Field label={dict.alerts.resolutionNote} wide>
                  <Note text={alert.resolution_note} dict={dict} />
                </Field>
              ) : null}
              {alert.countersigned_at ? (
                <Field label={dict.alerts.countersignedBy} wide>
                  <span className="font-medium" data-testid="alert-countersigned-by">
                    {alert.countersigned_by_name ?? dict.errors.someone}
                  </span>
                  <span className="block text-slate-700">
                    <When at={alert.countersigned_at} locale={locale} timeZone={timeZone} />
                  </span>
                </Field>
              ) : null}
              {alert.resolved_at ? (
                <Field label={dict.alerts.resolvedWhileActive} wide>
                  {alert.resolved_while_active ? dict.alerts.yes : dict.alerts.no}
                </Field>
              ) : null}
            </dl>
          </Card>

          {earlier.length ? (
            <Card title={dict.alerts.earlierOccurrences} titleId="alert-earlier-title">
              <ol className="divide-y divide-slate-100" data-testid="alert-earlier-occurrences">
                {earlier.map((row) => (
                  <li
                    key={row.id}
                    className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2 text-sm"
                    data-alert-id={row.id}
                  >
                    <Link
                      href={alertPath(row.id!)}
                      prefetch={false}
                      className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950"
                    >
                      <When at={row.first_seen_at!} locale={locale} timeZone={timeZone} />
                    </Link>
                    <span className="flex flex-wrap items-center gap-2 text-slate-700">
                      {isAlertStatus(row.status) ? <StatusBadge status={row.status} dict={dict} /> : null}
                      {row.resolved_at
                        ? interpolate(dict.alerts.earlierResolved, {
                            name: row.resolved_by_name ?? dict.errors.someone,
                            time: formatDateTime(row.resolved_at, locale, timeZone),
                            reason: resolutionReasonLabel(row.resolution_reason, dict.alerts),
                          })
                        : null}
                    </span>
                  </li>
                ))}
              </ol>
            </Card>
          ) : null}
        </div>

        <Card title={dict.alerts.history} titleId="alert-history-title" className="self-start">
          <AlertTimeline events={history} dict={dict} locale={locale} timeZone={timeZone} />
          {canComment ? (
            <div className="mt-6 border-t border-slate-200 pt-4">
              <AlertCommentForm alertId={alert.id} />
            </div>
          ) : null}
        </Card>
      </div>
    </article>
  );
}
