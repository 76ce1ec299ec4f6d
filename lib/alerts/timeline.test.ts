import { describe, expect, it } from 'vitest';
import { timelineFromLedger, type LedgerRow } from './timeline';

const row = (id: number, event_type: string, extra: Partial<LedgerRow> = {}): LedgerRow => ({
  id,
  event_type,
  occurred_at: `2026-11-25T10:0${id}:00+00:00`,
  actor_name: null,
  actor_role: 'system',
  note: null,
  resolved_while_active: null,
  details_text: null,
  hash: `h${id}`,
  ...extra,
});

describe('timelineFromLedger', () => {
  it('turns ledger rows into events in chain order, with actor, note and the resolve-anyway flag', () => {
    const events = timelineFromLedger([
      row(3, 'resolved', { actor_name: 'Jean-Baptiste Mensah', note: 'Corrigé', resolved_while_active: true }),
      row(1, 'opened'),
      row(2, 'acknowledged', { actor_name: 'Awa Koné', note: 'Vu' }),
    ]);
    expect(events.map((e) => [e.id, e.kind, e.actor, e.note, e.whileActive])).toEqual([
      [1, 'opened', null, null, false],
      [2, 'acknowledged', 'Awa Koné', 'Vu', false],
      [3, 'resolved', 'Jean-Baptiste Mensah', 'Corrigé', true],
    ]);
  });

  it('shows the acknowledgement note a resolution from OPEN carries in its details', () => {
    const [resolved, acknowledged] = timelineFromLedger([
      row(1, 'resolved', { note: 'Corrigé', details_text: '{"ack_note": "Vu sur place"}' }),
      row(2, 'acknowledged', { note: 'Vu', details_text: '{"ack_note": "ignored"}' }),
    ]);
    expect(resolved).toMatchObject({ note: 'Corrigé', ackNote: 'Vu sur place' });
    expect(acknowledged?.ackNote).toBeNull();
    expect(timelineFromLedger([row(1, 'resolved', { details_text: 'not json' })])[0]?.ackNote).toBeNull();
  });

  it('reads the resolution reason of a resolved event only, and none before reasons existed', () => {
    const [resolved, older, commented] = timelineFromLedger([
      row(1, 'resolved', { details_text: '{"reason": "false_positive"}' }),
      row(2, 'resolved', { details_text: '{"ack_note": "Vu"}' }),
      row(3, 'commented', { details_text: '{"reason": "duplicate"}' }),
    ]);
    expect([resolved?.reason, older?.reason, commented?.reason]).toEqual(['false_positive', null, null]);
  });

  it('names the sync’s own steps and skips rows it cannot place', () => {
    const events = timelineFromLedger([
      row(1, 'seen_again'),
      row(2, 'cleared'),
      row(3, 'renamed'),
      { ...row(4, 'opened'), occurred_at: null },
    ]);
    expect(events.map((e) => e.kind)).toEqual(['seenAgain', 'cleared']);
  });

  it('reads an escalation’s step, deadline and audience, and counts who was notified without any address', () => {
    const [escalated, notified, broken] = timelineFromLedger([
      row(1, 'escalated', { details_text: '{"level": "resolve", "deadline_minutes": 1440, "audience": ["directeur", "pca"]}' }),
      row(2, 'notified', {
        details_text: JSON.stringify({
          recipients: [
            { recipient_id: 'a', channel: 'webhook', role: 'directeur' },
            { recipient_id: 'a', channel: 'email', role: 'directeur' },
            { recipient_id: 'b', channel: 'email', role: 'pca' },
          ],
        }),
      }),
      row(3, 'escalated', { details_text: '{"level": "later"}' }),
    ]);
    expect(escalated).toMatchObject({
      kind: 'escalated',
      escalation: { level: 'resolve', deadlineMinutes: 1440, audience: ['directeur', 'pca'] },
    });
    expect(notified).toMatchObject({
      kind: 'notified',
      notified: { recipients: 2, roles: ['directeur', 'pca'], channels: ['email', 'webhook'] },
    });
    expect(broken?.escalation).toBeNull();
    expect(escalated?.notified).toBeNull();
  });

  it('keeps a comment as its note and reads an assignment’s names, nobody as null', () => {
    const [commented, assigned, unassigned] = timelineFromLedger([
      row(1, 'commented', { actor_name: 'Awa Koné', note: '<b>pas du HTML</b>' }),
      row(2, 'assigned', { actor_name: 'Awa Koné', details_text: '{"from": null, "from_name": null, "to": "u1", "to_name": "Jean"}' }),
      row(3, 'assigned', { details_text: '{"from": "u1", "from_name": "Jean", "to": null, "to_name": null}' }),
    ]);
    expect(commented).toMatchObject({ kind: 'commented', actor: 'Awa Koné', note: '<b>pas du HTML</b>', assignment: null });
    expect(assigned).toMatchObject({ kind: 'assigned', assignment: { fromName: null, toName: 'Jean' } });
    expect(unassigned?.assignment).toEqual({ fromName: 'Jean', toName: null });
  });
});
