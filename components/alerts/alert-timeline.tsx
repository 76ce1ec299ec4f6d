import {
  BellOff,
  BellRing,
  CircleCheck,
  CircleDot,
  CirclePause,
  CirclePlay,
  Eye,
  MessageSquareText,
  RotateCcw,
  ShieldCheck,
  ShieldEllipsis,
  ShieldX,
  Signature,
  Siren,
  UserCheck,
  UserRoundCheck,
} from 'lucide-react';
import { Pill } from '@/components/ui/pill';
import { RelativeTime } from '@/components/ui/relative-time';
import type { Assignment, Escalation, Notified, Snooze, TimelineEvent, TimelineEventKind } from '@/lib/alerts/timeline';
import { resolutionReasonLabel } from '@/lib/alerts/labels';
import { isRole } from '@/lib/auth/permissions';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, interpolate, plural } from '@/lib/i18n/format';
import { formatSeconds } from '@/lib/i18n/date-words';

const LABEL = {
  opened: 'eventOpened',
  seenAgain: 'eventSeenAgain',
  cleared: 'eventCleared',
  acknowledged: 'eventAcknowledged',
  resolved: 'eventResolved',
  escalated: 'eventEscalated',
  notified: 'eventNotified',
  commented: 'eventCommented',
  assigned: 'eventAssigned',
  deliveryRetried: 'eventDeliveryRetried',
  snoozed: 'eventSnoozed',
  unsnoozed: 'eventUnsnoozed',
  unsilenced: 'eventUnsilenced',
  resolutionRequested: 'eventResolutionRequested',
  countersigned: 'eventCountersigned',
  resolutionRejected: 'eventResolutionRejected',
} as const satisfies Record<TimelineEventKind, keyof Dictionary['alerts']>;

const ICON = {
  opened: CircleDot,
  seenAgain: Eye,
  cleared: CircleCheck,
  acknowledged: UserCheck,
  resolved: ShieldCheck,
  escalated: Siren,
  notified: BellRing,
  commented: MessageSquareText,
  assigned: UserRoundCheck,
  deliveryRetried: RotateCcw,
  snoozed: CirclePause,
  unsnoozed: CirclePlay,
  unsilenced: BellOff,
  resolutionRequested: ShieldEllipsis,
  countersigned: Signature,
  resolutionRejected: ShieldX,
} as const;

const TONE: Record<TimelineEventKind, string> = {
  opened: 'bg-red-100 text-red-800 ring-red-300',
  seenAgain: 'bg-slate-100 text-slate-700 ring-slate-300',
  cleared: 'bg-emerald-100 text-emerald-800 ring-emerald-300',
  acknowledged: 'bg-amber-100 text-amber-900 ring-amber-300',
  resolved: 'bg-sky-100 text-sky-900 ring-sky-300',
  escalated: 'bg-red-100 text-red-800 ring-red-300',
  notified: 'bg-violet-100 text-violet-900 ring-violet-300',
  commented: 'bg-sky-50 text-sky-900 ring-sky-200',
  assigned: 'bg-indigo-100 text-indigo-900 ring-indigo-300',
  deliveryRetried: 'bg-violet-100 text-violet-900 ring-violet-300',
  snoozed: 'bg-slate-100 text-slate-700 ring-slate-300',
  unsnoozed: 'bg-slate-100 text-slate-700 ring-slate-300',
  unsilenced: 'bg-slate-100 text-slate-700 ring-slate-300',
  resolutionRequested: 'bg-amber-100 text-amber-900 ring-amber-300',
  countersigned: 'bg-sky-100 text-sky-900 ring-sky-300',
  resolutionRejected: 'bg-red-100 text-red-800 ring-red-300',
};

/** « Assignée à X », or « N’est plus assignée (était : X) ». */
function assignmentText(assignment: Assignment, dict: Dictionary): string {
  if (assignment.toName) return interpolate(dict.alerts.assignmentTo, { name: assignment.toName });
  return interpolate(dict.alerts.assignmentFrom, { name: assignment.fromName ?? dict.alerts.nobody });
}

/** « En pause jusqu’au … », or why the pause ended. */
function snoozeText(kind: TimelineEventKind, snooze: Snooze, dict: Dictionary, locale: Locale, timeZone: string): string {
  const time = snooze.until ? formatDateTime(snooze.until, locale, timeZone) : '—';
  if (kind === 'snoozed') return interpolate(dict.alerts.snoozedUntilLine, { time });
  const template =
    snooze.cause === 'expired'
      ? dict.alerts.unsnoozedExpired
      : snooze.cause === 'severity_worsened'
        ? dict.alerts.unsnoozedWorsened
        : dict.alerts.unsnoozedEnded;
  return interpolate(template, { time });
}

/** The roles of an audience, in the viewer's words, joined: « Directeur, PCA ». */
function rolesText(roles: string[], dict: Dictionary): string {
  return roles.map((role) => (isRole(role) ? dict.roles[role] : role)).join(', ');
}

/** « Non acquittée dans le délai de 15 minutes — prévenus : Directeur, PCA ». */
function escalationText(escalation: Escalation, dict: Dictionary, locale: Locale): string {
  const deadline = escalation.deadlineMinutes == null ? '' : formatSeconds(escalation.deadlineMinutes * 60, locale);
  const step = escalation.level === 'ack' ? dict.alerts.escalatedAck : dict.alerts.escalatedResolve;
  return interpolate(step, { deadline, audience: rolesText(escalation.audience, dict) });
}

/** « 2 destinataires (Administrateur) — e-mail, webhook ». */
function notifiedText(notified: Notified, dict: Dictionary, locale: Locale): string {
  const channels = notified.channels.map((channel) => (channel === 'email' ? dict.alerts.channelEmail : dict.alerts.channelWebhook));
  return interpolate(dict.alerts.notifiedSummary, {
    recipients: plural(dict.alerts.notifiedRecipients, notified.recipients, locale),
    roles: rolesText(notified.roles, dict),
    channels: channels.join(', '),
  });
}

/**
 * An alert's history from the audit ledger, oldest first: who did what, when, with their note and
 * the event's hash (the start of it; the whole on hover).
 */
export function AlertTimeline({
  events,
  dict,
  locale,
  timeZone,
}: {
  events: TimelineEvent[];
  dict: Dictionary;
  locale: Locale;
  timeZone: string;
}) {
  return (
    <ol className="relative space-y-5" data-testid="alert-timeline">
      {events.map((event, index) => {
        const Icon = ICON[event.kind];
        const last = index === events.length - 1;
        return (
          <li key={event.id} className="relative flex gap-3" data-event={event.kind}>
            {last ? null : <span aria-hidden="true" className="absolute top-8 bottom-[-1.25rem] left-[0.9375rem] w-px bg-slate-200" />}
            <span className={`flex size-8 shrink-0 items-center justify-center rounded-full ring-1 ring-inset ${TONE[event.kind]}`}>
              <Icon aria-hidden="true" className="size-4" />
            </span>
            <div className="min-w-0 flex-1 pt-1">
              <p className="text-sm font-semibold text-slate-900">
                {dict.alerts[LABEL[event.kind]]}
                {event.actor ? (
                  <span className="font-normal text-slate-700"> {interpolate(dict.alerts.eventBy, { name: event.actor })}</span>
                ) : null}
              </p>
              <p className="text-xs text-slate-600">
                <time dateTime={event.at}>{formatDateTime(event.at, locale, timeZone)}</time>
                <span aria-hidden="true"> · </span>
                <RelativeTime value={event.at} />
              </p>
              {event.escalation ? (
                <p className="mt-1 text-sm text-slate-800" data-testid="timeline-escalation">
                  {escalationText(event.escalation, dict, locale)}
                </p>
              ) : null}
              {event.notified ? (
                <p className="mt-1 text-sm text-slate-800" data-testid="timeline-notified">
                  {notifiedText(event.notified, dict, locale)}
                </p>
              ) : null}
              {event.assignment ? (
                <p className="mt-1 text-sm text-slate-800" data-testid="timeline-assignment">
                  {assignmentText(event.assignment, dict)}
                </p>
              ) : null}
              {event.snooze ? (
                <p className="mt-1 text-sm text-slate-800" data-testid="timeline-snooze">
                  {snoozeText(event.kind, event.snooze, dict, locale, timeZone)}
                </p>
              ) : null}
              {event.silence ? (
                <p className="mt-1 text-sm text-slate-800" data-testid="timeline-silence">
                  {event.kind === 'opened'
                    ? dict.alerts.openedSilenced
                    : event.silence.cause === 'expired'
                      ? dict.alerts.unsilencedExpired
                      : dict.alerts.unsilencedEnded}
                </p>
              ) : null}
              {event.reason ? (
                <p className="mt-1 text-sm text-slate-800" data-testid="timeline-reason">
                  {interpolate(dict.alerts.reasonLine, { reason: resolutionReasonLabel(event.reason, dict.alerts) })}
                </p>
              ) : null}
              {event.whileActive ? (
                <Pill as="p" tone="amber" wrap className="mt-1">
                  {dict.alerts.eventWhileActive}
                </Pill>
              ) : null}
              {event.ackNote ? (
                <blockquote
                  className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm whitespace-pre-line text-slate-800 ring-1 ring-inset ring-slate-200"
                  data-testid="timeline-ack-note"
                >
                  <span className="block text-xs font-semibold text-slate-600">{dict.alerts.ackNote}</span>
                  {event.ackNote}
                </blockquote>
              ) : null}
              {event.note ? (
                // Text, never HTML: React escapes it; a comment keeps its line breaks.
                <blockquote
                  className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm break-words whitespace-pre-line text-slate-800 ring-1 ring-inset ring-slate-200"
                  data-testid={event.kind === 'commented' ? 'timeline-comment' : 'timeline-note'}
                >
                  {event.note}
                </blockquote>
              ) : null}
              {event.hash ? (
                <p className="mt-1 font-mono text-xs text-slate-600" title={event.hash}>
                  {interpolate(dict.alerts.eventHash, { hash: event.hash.slice(0, 12) })}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
