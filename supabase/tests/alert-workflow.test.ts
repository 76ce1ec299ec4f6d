/**
 * The alert workflow enforced by the database (DESIGN §2.3): OPEN → ACK → RESOLVED or
 * OPEN → RESOLVED, stamped with the acting user and the server's clock whatever the client sends;
 * only a directeur resolves, with a note; nothing else moves. Each refusal re-reads the alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signedIn } from './support/clients';
import { type AlertRow, closeDb, dbNow, mustReadAlert, sync } from './support/db';
import { createStaleTruck, openAlert, removeFixtures } from './support/fixtures';
import { expectError } from './support/refusals';

let admin: SignedIn;
let directeur: SignedIn;

beforeAll(async () => {
  [admin, directeur] = await Promise.all([signedIn('admin'), signedIn('directeur')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

/** Milliseconds between a stored time and the database's clock now. */
async function ageMs(at: Date | null): Promise<number> {
  if (!at) return Number.POSITIVE_INFINITY;
  return Math.abs((await dbNow()).getTime() - at.getTime());
}

/** OPEN → ACK by the admin, through the API. */
async function acknowledge(alert: AlertRow): Promise<AlertRow> {
  const { data, error } = await admin.client
    .from('system_alerts')
    .update({ status: 'ACK', ack_note: 'Pris en charge' })
    .eq('id', alert.id)
    .select();
  expect(error).toBeNull();
  expect(data).toHaveLength(1);
  return mustReadAlert(alert.id);
}

/** → RESOLVED by the directeur, through the API. */
async function resolve(alert: AlertRow, note = 'Corrigé'): Promise<AlertRow> {
  const { data, error } = await directeur.client
    .from('system_alerts')
    .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: note })
    .eq('id', alert.id)
    .select();
  expect(error).toBeNull();
  expect(data).toHaveLength(1);
  return mustReadAlert(alert.id);
}

describe('acknowledging', () => {
  it("records the admin's own id and the server's time, whatever the client sends", async () => {
    const { alert } = await openAlert();
    const { data, error } = await admin.client
      .from('system_alerts')
      .update({
        status: 'ACK',
        ack_note: '  Pris en charge par l’exploitation  ',
        acknowledged_by: directeur.userId,
        acknowledged_at: '2000-01-01T00:00:00Z',
        resolved_by: directeur.userId,
        resolved_at: '2000-01-01T00:00:00Z',
      })
      .eq('id', alert.id)
      .select();

    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('ACK');
    expect(stored.acknowledged_by).toBe(admin.userId);
    expect(await ageMs(stored.acknowledged_at)).toBeLessThan(5_000);
    expect(stored.ack_note).toBe('Pris en charge par l’exploitation');
    expect(stored.resolved_by).toBeNull();
    expect(stored.resolved_at).toBeNull();
    // The row the API returned is the stored one.
    expect(data?.[0]?.acknowledged_by).toBe(admin.userId);
    expect(new Date(data?.[0]?.acknowledged_at).getTime()).toBe(stored.acknowledged_at?.getTime());
    // Only the workflow columns moved.
    expect(stored).toEqual({
      ...alert,
      status: 'ACK',
      acknowledged_by: stored.acknowledged_by,
      acknowledged_at: stored.acknowledged_at,
      ack_note: stored.ack_note,
      updated_at: stored.updated_at,
    });
  });

  it('lets a directeur acknowledge too', async () => {
    const { alert } = await openAlert();
    const { data, error } = await directeur.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).select();
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('ACK');
    expect(stored.acknowledged_by).toBe(directeur.userId);
    expect(stored.ack_note).toBeNull();
  });
});

describe('resolving', () => {
  // A WARN alert (a truck left unloaded): a CRITICAL one still detected needs a second directeur
  // (four-eyes, resolution-countersign.test.ts).
  it('a directeur resolves an acknowledged alert with a trimmed note, as themself, at the server time', async () => {
    const { alert } = await openAlert(createStaleTruck);
    const acked = await acknowledge(alert);
    const { data, error } = await directeur.client
      .from('system_alerts')
      .update({
        status: 'RESOLVED',
        resolution_reason: 'fixed_at_source',
        resolution_note: '  Jaugeage refait, stock corrigé  ',
        resolved_by: admin.userId,
        resolved_at: '2000-01-01T00:00:00Z',
        acknowledged_by: directeur.userId,
        ack_note: 'réécrit',
      })
      .eq('id', alert.id)
      .select();

    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('RESOLVED');
    expect(stored.resolved_by).toBe(directeur.userId);
    expect(await ageMs(stored.resolved_at)).toBeLessThan(5_000);
    expect(stored.resolution_note).toBe('Jaugeage refait, stock corrigé');
    // The acknowledgement stays the admin's.
    expect(stored.acknowledged_by).toBe(admin.userId);
    expect(stored.acknowledged_at).toEqual(acked.acknowledged_at);
    expect(stored.ack_note).toBe(acked.ack_note);
  });

  describe('without a note', () => {
    let alert: AlertRow;
    beforeAll(async () => {
      ({ alert } = await openAlert());
    });

    it.each([
      ['missing', {}],
      ['null', { resolution_note: null }],
      ['empty', { resolution_note: '' }],
      ['spaces only', { resolution_note: '    ' }],
      ['whitespace only (tabs, newlines)', { resolution_note: ' \t\r\n ' }],
    ])('is refused when the note is %s — nothing changed', async (_case, note) => {
      const before = await mustReadAlert(alert.id);
      expectError(
        await directeur.client
          .from('system_alerts')
          .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', ...note })
          .eq('id', alert.id)
          .select(),
        '23514',
        'resolution_note_required',
      );
      expect(await mustReadAlert(alert.id)).toEqual(before);
    });
  });

  it('an admin cannot resolve, from OPEN or from ACK — nothing changed', async () => {
    const { alert: open } = await openAlert();
    const { alert: second } = await openAlert();
    const acked = await acknowledge(second);
    for (const { id } of [open, acked]) {
      const before = await mustReadAlert(id);
      expectError(
        await admin.client
          .from('system_alerts')
          .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Résolu par l’admin' })
          .eq('id', id)
          .select(),
        '42501',
        'resolve_requires_directeur',
      );
      expect(await mustReadAlert(id)).toEqual(before);
    }
  });

  it('resolving straight from OPEN fills the acknowledgement with the directeur and the same time', async () => {
    const { alert } = await openAlert(createStaleTruck);
    const stored = await resolve(alert, 'Erreur de saisie corrigée');
    expect(stored.status).toBe('RESOLVED');
    expect(stored.acknowledged_by).toBe(directeur.userId);
    expect(stored.resolved_by).toBe(directeur.userId);
    expect(stored.acknowledged_at).not.toBeNull();
    expect(stored.acknowledged_at).toEqual(stored.resolved_at);
  });

  it('resolving while the condition is still detected is recorded as resolved_while_active', async () => {
    const { alert } = await openAlert(createStaleTruck);
    expect(alert.cleared_at).toBeNull();
    const stored = await resolve(alert, 'Résolu malgré la détection');
    expect(stored.resolved_while_active).toBe(true);
  });

  it('resolving after the data was fixed and synced is not "while active"', async () => {
    const { anomaly, alert } = await openAlert();
    await anomaly.fix();
    await sync();
    const cleared = await mustReadAlert(alert.id);
    expect(cleared.cleared_at).not.toBeNull();
    const stored = await resolve(cleared, 'Stock corrigé');
    expect(stored.resolved_while_active).toBe(false);
  });
});

describe('illegal transitions', () => {
  it('ACK → OPEN is refused — nothing changed', async () => {
    const { alert } = await openAlert();
    const acked = await acknowledge(alert);
    for (const actor of [admin, directeur]) {
      expectError(
        await actor.client.from('system_alerts').update({ status: 'OPEN' }).eq('id', alert.id).select(),
        'P0001',
        'invalid_transition',
      );
      expect(await mustReadAlert(alert.id)).toEqual(acked);
    }
  });

  it('RESOLVED is final: → ACK, → OPEN and → RESOLVED again are refused — nothing changed', async () => {
    const { alert } = await openAlert(createStaleTruck);
    const resolved = await resolve(alert);
    const attempts: [SignedIn, Record<string, unknown>, string][] = [
      [admin, { status: 'ACK' }, 'invalid_transition'],
      [directeur, { status: 'ACK' }, 'invalid_transition'],
      [admin, { status: 'OPEN' }, 'invalid_transition'],
      [directeur, { status: 'OPEN' }, 'invalid_transition'],
      [directeur, { status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Nouvelle note' }, 'already_resolved'],
    ];
    for (const [actor, change, hint] of attempts) {
      expectError(await actor.client.from('system_alerts').update(change).eq('id', alert.id).select(), 'P0001', hint);
      expect(await mustReadAlert(alert.id)).toEqual(resolved);
    }
  });

  it.each([['CLOSED'], ['ack'], [null]])('status %s is refused — nothing changed', async (status) => {
    const { alert } = await openAlert();
    expectError(await admin.client.from('system_alerts').update({ status }).eq('id', alert.id).select(), 'P0001', 'invalid_transition');
    expect(await mustReadAlert(alert.id)).toEqual(alert);
  });

  it('a second acknowledgement is refused with already_ack, naming who acknowledged first — nothing changed', async () => {
    const { alert } = await openAlert();
    const acked = await acknowledge(alert);
    for (const actor of [directeur, admin]) {
      const answer = await actor.client
        .from('system_alerts')
        .update({ status: 'ACK', ack_note: 'Moi aussi' })
        .eq('id', alert.id)
        .select();
      expectError(answer, 'P0001', 'already_ack');
      const details = JSON.parse(answer.error?.details ?? '{}');
      expect(details).toMatchObject({ status: 'ACK', acknowledged_by: admin.userId });
      expect(new Date(details.acknowledged_at).getTime()).toBe(acked.acknowledged_at?.getTime());
      expect(await mustReadAlert(alert.id)).toEqual(acked);
    }
  });

  it('editing a note without changing the status is refused — nothing changed', async () => {
    const { alert } = await openAlert();
    const acked = await acknowledge(alert);
    expectError(
      await admin.client.from('system_alerts').update({ ack_note: 'Note réécrite' }).eq('id', alert.id).select(),
      'P0001',
      'already_ack',
    );
    expect(await mustReadAlert(alert.id)).toEqual(acked);
  });
});
