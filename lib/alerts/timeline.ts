import type { AlertRow } from './queries';

/**
 * The history of one alert, rebuilt from its own columns (first seen, acknowledged, resolved,
 * cleared, last seen). The audit ledger (`system_alert_events`) will replace this source later;
 * the shape of an event stays the same.
 */
export type TimelineEventKind = 'opened' | 'lastSeen' | 'cleared' | 'acknowledged' | 'resolved';

export type TimelineEvent = {
  kind: TimelineEventKind;
  at: string;
  actor: string | null;
  note: string | null;
  /** Resolved while the condition was still detected (an explicit "resolve anyway"). */
  whileActive: boolean;
};

export type TimelineSource = Pick<
  AlertRow,
  | 'first_seen_at' | 'last_seen_at' | 'cleared_at' | 'acknowledged_at' | 'acknowledged_by_name' | 'ack_note'
  | 'resolved_at' | 'resolved_by_name' | 'resolution_note' | 'resolved_while_active'
>;

// Events at the same instant keep the order in which they can happen.
const ORDER: readonly TimelineEventKind[] = ['opened', 'lastSeen', 'cleared', 'acknowledged', 'resolved'];

export function buildAlertTimeline(alert: TimelineSource): TimelineEvent[] {
  const event = (kind: TimelineEventKind, at: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
    kind,
    at,
    actor: null,
    note: null,
    whileActive: false,
    ...extra,
  });
  const events: TimelineEvent[] = [event('opened', alert.first_seen_at)];

  if (Date.parse(alert.last_seen_at) > Date.parse(alert.first_seen_at)) events.push(event('lastSeen', alert.last_seen_at));
  if (alert.cleared_at) events.push(event('cleared', alert.cleared_at));

  // Resolving an OPEN alert fills the acknowledgement with the same instant and actor: one step, one event.
  const ackIsPartOfResolve =
    alert.resolved_at != null &&
    alert.acknowledged_at != null &&
    Date.parse(alert.acknowledged_at) === Date.parse(alert.resolved_at) &&
    alert.acknowledged_by_name === alert.resolved_by_name &&
    !alert.ack_note;
  if (alert.acknowledged_at && !ackIsPartOfResolve) {
    events.push(event('acknowledged', alert.acknowledged_at, { actor: alert.acknowledged_by_name, note: alert.ack_note }));
  }
  if (alert.resolved_at) {
    events.push(
      event('resolved', alert.resolved_at, {
        actor: alert.resolved_by_name,
        note: alert.resolution_note,
        whileActive: alert.resolved_while_active,
      }),
    );
  }

  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}
