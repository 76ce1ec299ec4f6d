/**
 * Notes: what counts as blank (invisible and format characters too) is the same in the database
 * (private.trim_note) and in the console (lib/text/blank.ts); a note made only of such characters
 * is no note; and every note a user writes reaches the hash-chained ledger.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isBlankCharacter } from '../../lib/text/blank';
import { signedIn } from './support/clients';
import { closeDb, mustReadAlert, query } from './support/db';
import { openAlert, removeFixtures, createStaleTruck } from './support/fixtures';
import { expectError } from './support/refusals';

afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

const INVISIBLE_NOTES = ['\u200b', '\u2060', '\ufeff', '\u00ad', '\u2800', '\u3164', ' \u200b\u00a0\u2060 \n\u3164 '];

describe('blank characters', () => {
  it('are the same set in the database and in the console, over the planes where such characters live', async () => {
    // Planes 0 and 1 and the tags plane (U+E0000–U+E0FFF), surrogates and NUL excepted.
    const ranges = [
      [1, 0xd7ff],
      [0xe000, 0x1ffff],
      [0xe0000, 0xe0fff],
    ] as const;
    const inDatabase = await query<{ c: number }>(
      `select c from (
         select generate_series(1, 55295) as c union all
         select generate_series(57344, 131071) union all
         select generate_series(917504, 921599)) cps
       where private.trim_note(chr(c)) is null
       order by c`,
    );
    const inConsole: number[] = [];
    for (const [from, to] of ranges) {
      for (let c = from; c <= to; c++) if (isBlankCharacter(String.fromCodePoint(c))) inConsole.push(c);
    }
    expect(inDatabase.map((row) => row.c)).toEqual(inConsole);
    expect(inConsole.length).toBeGreaterThan(4000);
  });
});

describe('a note made only of invisible characters', () => {
  it.each(INVISIBLE_NOTES.map((note) => [JSON.stringify(note), note]))(
    '%s is no resolution note: refused, nothing changed',
    async (_label, note) => {
      const directeur = await signedIn('directeur');
      const { alert } = await openAlert();
      const before = await mustReadAlert(alert.id);
      expectError(
        await directeur.client
          .from('system_alerts')
          .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: note })
          .eq('id', alert.id)
          .select(),
        '23514',
        'resolution_note_required',
      );
      expect(await mustReadAlert(alert.id)).toEqual(before);
    },
  );

  it('is stored as no acknowledgement note', async () => {
    const admin = await signedIn('admin');
    const { alert } = await openAlert();
    const { error } = await admin.client
      .from('system_alerts')
      .update({ status: 'ACK', ack_note: '\u200b\u00ad \u2800' })
      .eq('id', alert.id);
    expect(error).toBeNull();
    expect(await mustReadAlert(alert.id)).toMatchObject({ status: 'ACK', ack_note: null });
  });

  it('keeps visible text with invisible characters around it, trimmed', async () => {
    const directeur = await signedIn('directeur');
    const { alert } = await openAlert(createStaleTruck);
    const { error } = await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: '\ufeff\u200b Jauge recalibrée\u2060 ' })
      .eq('id', alert.id);
    expect(error).toBeNull();
    expect((await mustReadAlert(alert.id)).resolution_note).toBe('Jauge recalibrée');
  });
});

describe('every note reaches the ledger', () => {
  it('resolving straight from OPEN with an acknowledgement note writes both notes into the resolved event', async () => {
    const directeur = await signedIn('directeur');
    const { alert } = await openAlert(createStaleTruck);
    const { error } = await directeur.client
      .from('system_alerts')
      .update({
        status: 'RESOLVED',
        resolution_reason: 'fixed_at_source',
        ack_note: 'Vu au contrôle du matin',
        resolution_note: 'Erreur de saisie corrigée',
      })
      .eq('id', alert.id);
    expect(error).toBeNull();
    const events = await query<{ event_type: string; from_status: string; note: string | null; details: Record<string, unknown> | null }>(
      `select event_type, from_status, note, details from public.system_alert_events where alert_id = $1 order by id`,
      [alert.id],
    );
    expect(events.map((e) => e.event_type)).toEqual(['opened', 'resolved']);
    expect(events[1]).toEqual({
      event_type: 'resolved',
      from_status: 'OPEN',
      note: 'Erreur de saisie corrigée',
      details: { reason: 'fixed_at_source', ack_note: 'Vu au contrôle du matin' },
    });
    const { data: chain } = await directeur.client.rpc('verify_alert_event_chain');
    expect(chain).toMatchObject([{ valid: true }]);
  });

  it('an acknowledgement note given earlier stays on its own event, not repeated', async () => {
    const [admin, directeur] = await Promise.all([signedIn('admin'), signedIn('directeur')]);
    const { alert } = await openAlert(createStaleTruck);
    await admin.client.from('system_alerts').update({ status: 'ACK', ack_note: 'Pris en charge' }).eq('id', alert.id);
    await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Corrigé' })
      .eq('id', alert.id);
    const events = await query<{ event_type: string; note: string | null; details: unknown }>(
      `select event_type, note, details from public.system_alert_events where alert_id = $1 and event_type in ('acknowledged', 'resolved') order by id`,
      [alert.id],
    );
    expect(events).toEqual([
      { event_type: 'acknowledged', note: 'Pris en charge', details: null },
      { event_type: 'resolved', note: 'Corrigé', details: { reason: 'fixed_at_source' } },
    ]);
  });
});
