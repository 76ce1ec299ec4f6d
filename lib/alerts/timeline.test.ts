import { describe, expect, it } from 'vitest';
import { buildAlertTimeline, type TimelineSource } from './timeline';

const base: TimelineSource = {
  first_seen_at: '2026-11-20T08:00:00Z',
  last_seen_at: '2026-11-20T08:00:00Z',
  cleared_at: null,
  acknowledged_at: null,
  acknowledged_by_name: null,
  ack_note: null,
  resolved_at: null,
  resolved_by_name: null,
  resolution_note: null,
  resolved_while_active: false,
};

const kinds = (source: TimelineSource) => buildAlertTimeline(source).map((event) => event.kind);

describe('the alert timeline built from its columns', () => {
  it('has only the opening for an alert seen once', () => {
    expect(buildAlertTimeline(base)).toEqual([
      { kind: 'opened', at: base.first_seen_at, actor: null, note: null, whileActive: false },
    ]);
  });

  it('orders every step by time, with actors and notes', () => {
    const events = buildAlertTimeline({
      ...base,
      last_seen_at: '2026-11-22T09:00:00Z',
      acknowledged_at: '2026-11-21T16:40:00Z',
      acknowledged_by_name: 'Awa Koné',
      ack_note: 'Jaugeage demandé',
      cleared_at: '2026-11-22T10:00:00Z',
      resolved_at: '2026-11-23T07:30:00Z',
      resolved_by_name: 'Jean-Baptiste Mensah',
      resolution_note: 'Saisie corrigée',
    });
    expect(events.map((event) => event.kind)).toEqual(['opened', 'acknowledged', 'lastSeen', 'cleared', 'resolved']);
    expect(events[1]).toMatchObject({ actor: 'Awa Koné', note: 'Jaugeage demandé' });
    expect(events[4]).toMatchObject({ actor: 'Jean-Baptiste Mensah', note: 'Saisie corrigée', whileActive: false });
  });

  it('leaves out "last seen" when it is the first sighting', () => {
    expect(kinds({ ...base, last_seen_at: '2026-11-20T08:00:00.000+00:00' })).toEqual(['opened']);
  });

  it('shows resolving an OPEN alert as one step, not an acknowledgement and a resolution', () => {
    const at = '2026-11-21T12:00:00Z';
    const source = {
      ...base,
      acknowledged_at: at,
      acknowledged_by_name: 'Jean-Baptiste Mensah',
      resolved_at: at,
      resolved_by_name: 'Jean-Baptiste Mensah',
      resolution_note: 'Faux positif',
      resolved_while_active: true,
    };
    expect(kinds(source)).toEqual(['opened', 'resolved']);
    expect(buildAlertTimeline(source).at(-1)).toMatchObject({ whileActive: true, note: 'Faux positif' });
  });

  it('keeps the order in which steps happen when they share an instant', () => {
    const at = '2026-11-20T08:00:00Z';
    expect(kinds({ ...base, cleared_at: at, acknowledged_at: at, acknowledged_by_name: 'Awa Koné' })).toEqual([
      'opened',
      'cleared',
      'acknowledged',
    ]);
  });
});
