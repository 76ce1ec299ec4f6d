/**
 * Two people acting on the same alert at once: exactly one wins, the others are told who did it
 * first. Twenty separately signed-in sessions (10 admin, 10 directeur — the seed has one user per
 * role) acknowledge one alert at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signInFresh } from './support/clients';
import { closeDb, mustReadAlert } from './support/db';
import { openAlert, removeFixtures } from './support/fixtures';

let sessions: SignedIn[] = [];

beforeAll(async () => {
  sessions = await Promise.all(Array.from({ length: 20 }, (_, i) => signInFresh(i % 2 === 0 ? 'admin' : 'directeur')));
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

describe('twenty simultaneous acknowledgements of one alert', () => {
  it('uses twenty distinct sessions of the admin and the directeur', () => {
    expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(20);
    expect(sessions.every((s) => s.sessionId !== '')).toBe(true);
    expect(new Set(sessions.map((s) => s.role))).toEqual(new Set(['admin', 'directeur']));
  });

  it('filtered on status OPEN: exactly one wins, the others change zero rows', async () => {
    const { alert } = await openAlert();
    const answers = await Promise.all(
      sessions.map(({ client }) =>
        client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).eq('status', 'OPEN').select(),
      ),
    );

    const winners = answers.flatMap((answer, i) => (answer.data?.length === 1 ? [sessions[i]] : []));
    expect(winners).toHaveLength(1);
    for (const answer of answers) {
      if (answer.data?.length === 1) continue;
      expect(answer.error).toBeNull();
      expect(answer.data).toEqual([]);
    }
    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('ACK');
    expect(stored.acknowledged_by).toBe(winners[0]?.userId);
  });

  it('unfiltered: exactly one wins, the others are refused with already_ack naming the winner', async () => {
    const { alert } = await openAlert();
    const answers = await Promise.all(
      sessions.map(({ client }) => client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).select()),
    );

    const winners = answers.flatMap((answer, i) => (answer.data?.length === 1 ? [sessions[i]] : []));
    expect(winners).toHaveLength(1);
    const winnerId = winners[0]?.userId;
    for (const answer of answers) {
      if (answer.data?.length === 1) continue;
      expect(answer.error?.code).toBe('P0001');
      expect(answer.error?.hint).toBe('already_ack');
      expect(JSON.parse(answer.error?.details ?? '{}')).toMatchObject({ status: 'ACK', acknowledged_by: winnerId });
    }
    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('ACK');
    expect(stored.acknowledged_by).toBe(winnerId);
  });
});
