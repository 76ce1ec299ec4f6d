/**
 * Silence is not health (issue 13.1): STOCK_JOURNAL_MISSING, FEED_SILENT and REFERENCE_INCOMPLETE
 * fire, clear and recur through the sync like every other check, honour their settings and the
 * depot's time zone, and show only to governance readers. Data changes are superuser fixtures,
 * undone in `finally`; reads go through the API as the demo users.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { closeDb, query, sync } from './support/db';
import { activeAlertFor, SEED_DEPOT_ID, SEED_GASOIL_ID } from './support/fixtures';
import { withSetting } from './support/settings';

const T01 = 'c1000000-0000-4000-8000-000000000001';
const T06 = 'c1000000-0000-4000-8000-000000000006';
const BOUAKE = 'de000000-0000-4000-8000-000000000002';
const B01 = 'c1000000-0000-4000-8000-000000000101';
const ABENGOUROU = 'de000000-0000-4000-8000-000000000003';
const BITUME = '9d000000-0000-4000-8000-000000000006';

type Check = {
  check_code: string;
  severity: string;
  entity_type: string;
  entity_id: string;
  message: string;
  details: Record<string, unknown>;
};

async function checks(code: string): Promise<Check[]> {
  return query<Check>(
    `select check_code, severity, entity_type, entity_id, message, details from public.v_integrity_checks
     where check_code = $1 order by entity_id`,
    [code],
  );
}

async function checkFor(code: string, entityId: string): Promise<Check | undefined> {
  return (await checks(code)).find((c) => c.entity_id === entityId);
}

/** Fires → cleared → fires again, on the same active alert (the sync's contract). */
async function expectFiresClearsRecurs(fingerprint: string, fix: () => Promise<unknown>, breakAgain: () => Promise<unknown>) {
  await sync();
  const opened = await activeAlertFor(fingerprint);
  expect(opened, `${fingerprint} opened`).toMatchObject({ cleared_at: null });
  expect(['OPEN', 'ACK']).toContain(opened?.status);

  await fix();
  await sync();
  expect((await activeAlertFor(fingerprint))?.cleared_at, `${fingerprint} cleared`).not.toBeNull();

  await breakAgain();
  await sync();
  const again = await activeAlertFor(fingerprint);
  expect(again?.id, `${fingerprint} recurs on the same alert`).toBe(opened?.id);
  expect(again?.cleared_at).toBeNull();
}

/** The depot-local date `hours` before now, minus one day: the day whose stock lines are due. */
function expectedDay(now: Date, timeZone: string, cutoffHour: number): string {
  const shifted = new Date(now.getTime() - cutoffHour * 3600_000);
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
  const day = new Date(`${local}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

let pca: SignedIn;
let operateur: SignedIn;

beforeAll(async () => {
  [pca, operateur] = await Promise.all([signedIn('pca'), signedIn('operateur')]);
});
afterAll(closeDb);

describe('STOCK_JOURNAL_MISSING', () => {
  it("fires for the seed's T06, whose stock book stops three days ago, naming the day due and the last line", async () => {
    const check = await checkFor('STOCK_JOURNAL_MISSING', T06);
    expect(check).toMatchObject({ severity: 'CRITICAL', entity_type: 'citerne' });
    expect(check?.details).toMatchObject({ citerne: 'T06', depot: 'VRIDI', heure_limite: 10 });
    const [last] = await query<{ last: string }>(
      `select to_char(max(date_jour), 'YYYY-MM-DD') as last from public.stocks_journaliers where citerne_id = $1`,
      [T06],
    );
    expect(check?.details.derniere_ligne).toBe(last?.last);
    expect(check?.message).toMatch(
      /^Citerne T06 \(Super sans plomb, dépôt VRIDI\) : pas de ligne de stock pour le \d{2}\/\d{2}\/\d{4}, attendue avant 10 h le lendemain ; dernière ligne le \d{2}\/\d{2}\/\d{4}$/,
    );
  });

  it("the day due is yesterday in the depot's time zone once the cut-off hour has passed, the day before until then", async () => {
    for (const [zone, hour] of [
      ['Africa/Kinshasa', 0],
      ['Africa/Kinshasa', 23],
      ['Pacific/Kiritimati', 5],
      ['Pacific/Pago_Pago', 5],
    ] as const) {
      const restoreZone = await withSetting('depot_time_zone', zone);
      const restoreHour = await withSetting('stock_journal_cutoff_hour', hour);
      try {
        // One statement, one now(): the day due and the clock it was computed from.
        const [row] = await query<{ now: Date; day: string }>(
          `select now() as now, details ->> 'jour_attendu' as day from public.v_integrity_checks
           where check_code = 'STOCK_JOURNAL_MISSING' and entity_id = $1`,
          [T06],
        );
        expect(row?.day, `${zone}, ${hour} h`).toBe(expectedDay(row!.now, zone, hour));
      } finally {
        await restoreHour();
        await restoreZone();
      }
    }
  });

  it('fires for a tank missing the day due, clears when the line comes in, recurs when it goes again', async () => {
    const day = String((await checkFor('STOCK_JOURNAL_MISSING', T06))?.details.jour_attendu);
    const [line] = await query<Record<string, unknown>>(
      'select * from public.stocks_journaliers where citerne_id = $1 and date_jour = $2',
      [T01, day],
    );
    expect(line).toBeDefined();
    const remove = () => query('delete from public.stocks_journaliers where citerne_id = $1 and date_jour = $2', [T01, day]);
    const restore = () =>
      query(
        `insert into public.stocks_journaliers (id, citerne_id, date_jour, stock_ambiant, stock_15c, created_at)
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
        [line!.id, line!.citerne_id, day, line!.stock_ambiant, line!.stock_15c, line!.created_at],
      );
    try {
      await remove();
      await expectFiresClearsRecurs(`STOCK_JOURNAL_MISSING:citerne:${T01}`, restore, remove);
    } finally {
      await restore();
      await sync();
    }
    expect(await checkFor('STOCK_JOURNAL_MISSING', T01)).toBeUndefined();
  });

  it('is off for an inactive tank and for every tank of an inactive depot', async () => {
    try {
      await query('update public.citernes set actif = false where id = $1', [T06]);
      expect(await checkFor('STOCK_JOURNAL_MISSING', T06)).toBeUndefined();
      await query('update public.citernes set actif = true where id = $1', [T06]);
      await query('update public.depots set actif = false where id = $1', [SEED_DEPOT_ID]);
      expect(await checkFor('STOCK_JOURNAL_MISSING', T06)).toBeUndefined();
    } finally {
      await query('update public.citernes set actif = true where id = $1', [T06]);
      await query('update public.depots set actif = true where id = $1', [SEED_DEPOT_ID]);
    }
    expect(await checkFor('STOCK_JOURNAL_MISSING', T06)).toBeDefined();
  });
});

describe('STOCK_JOURNAL_MISSING for a new tank', () => {
  it('a tank created after the day due owes no line for it; one that existed then does', async () => {
    const tank = randomUUID();
    try {
      await query(
        `insert into public.citernes (id, depot_id, produit_id, code, nom, capacite_totale, capacite_securite)
         values ($1, $2, $3, $4, 'Citerne neuve', 100000, 95000)`,
        [tank, SEED_DEPOT_ID, SEED_GASOIL_ID, `ZN-${tank.slice(0, 8)}`],
      );
      expect(await checkFor('STOCK_JOURNAL_MISSING', tank)).toBeUndefined();
      await query(`update public.citernes set created_at = now() - interval '5 days' where id = $1`, [tank]);
      expect((await checkFor('STOCK_JOURNAL_MISSING', tank))?.message).toContain('aucune ligne enregistrée');
    } finally {
      await query('delete from public.citernes where id = $1', [tank]);
    }
  });
});

describe('FEED_SILENT', () => {
  it("fires for the seed's BOUAKE (last receipt four days ago), not for VRIDI (busy) nor ABENGOUROU (closed)", async () => {
    const rows = await checks('FEED_SILENT');
    expect(rows.map((r) => r.entity_id)).toEqual([BOUAKE]);
    expect(rows[0]).toMatchObject({ severity: 'CRITICAL', entity_type: 'depot' });
    expect(rows[0]?.details).toMatchObject({ depot: 'BOUAKE', derniere_activite_type: 'reception', seuil_heures: 24 });
    expect(rows[0]?.message).toMatch(
      /^Dépôt BOUAKE \(Dépôt de Bouaké\) : aucune réception, sortie ni mise à jour de camion depuis le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(seuil 24 h\)$/,
    );
    const [abengourou] = await query<{ actif: boolean }>('select actif from public.depots where id = $1', [ABENGOUROU]);
    expect(abengourou?.actif).toBe(false);
  });

  it("writes the last activity's time in the depot's time zone", async () => {
    const restore = await withSetting('depot_time_zone', 'Asia/Tokyo');
    try {
      const check = await checkFor('FEED_SILENT', BOUAKE);
      const last = new Date(String(check?.details.derniere_activite));
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Asia/Tokyo',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(last)
          .map((p) => [p.type, p.value]),
      );
      expect(check?.message).toContain(`depuis le ${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute} `);
    } finally {
      await restore();
    }
  });

  it('clears when a receipt comes in, recurs when it is gone; a truck update counts as activity', async () => {
    const receipt = randomUUID();
    const addReceipt = () =>
      query(
        `insert into public.receptions (id, citerne_id, date_reception, volume_ambiant, volume_15c, temperature_c, densite_15c, calc_version)
         values ($1, $2, now(), 30000, public.volume_15c_table_54b(30000, 839, 27), 27, 839, 'calc-2.3.0')`,
        [receipt, B01],
      );
    const removeReceipt = () => query('delete from public.receptions where id = $1', [receipt]);
    const truck = randomUUID();
    try {
      await expectFiresClearsRecurs(`FEED_SILENT:depot:${BOUAKE}`, addReceipt, removeReceipt);

      // A truck recorded long ago, then updated now: the update is the activity.
      await query(
        `insert into public.cours_de_route (id, depot_id, produit_id, immatriculation, volume_ambiant, statut, date_chargement, created_at, updated_at)
         values ($1, $2, $3, 'TEST-FEED-CI', 30000, 'TRANSIT', now() - interval '9 days', now() - interval '9 days', now() - interval '9 days')`,
        [truck, BOUAKE, SEED_GASOIL_ID],
      );
      expect(await checkFor('FEED_SILENT', BOUAKE)).toBeDefined();
      // The writer cannot backdate an update: the database sets updated_at itself.
      await query(`update public.cours_de_route set statut = 'FRONTIERE', updated_at = now() - interval '9 days' where id = $1`, [truck]);
      expect(await checkFor('FEED_SILENT', BOUAKE)).toBeUndefined();
    } finally {
      await removeReceipt();
      await query('delete from public.cours_de_route where id = $1', [truck]);
      await sync();
    }
    expect(await checkFor('FEED_SILENT', BOUAKE)).toBeDefined();
  });

  it("follows the depot's own threshold, then the settings' default; off while the depot is inactive", async () => {
    try {
      await query('update public.depots set feed_silent_hours = 24 * 30 where id = $1', [BOUAKE]);
      expect(await checkFor('FEED_SILENT', BOUAKE)).toBeUndefined();
      await query('update public.depots set feed_silent_hours = null where id = $1', [BOUAKE]);
      const restore = await withSetting('feed_silent_hours', 24 * 30);
      try {
        expect(await checkFor('FEED_SILENT', BOUAKE)).toBeUndefined();
      } finally {
        await restore();
      }
      await query('update public.depots set actif = false where id = $1', [BOUAKE]);
      expect(await checkFor('FEED_SILENT', BOUAKE)).toBeUndefined();
    } finally {
      await query('update public.depots set feed_silent_hours = null, actif = true where id = $1', [BOUAKE]);
    }
    expect(await checkFor('FEED_SILENT', BOUAKE)).toBeDefined();
  });

  it('a write stamped in the future does not hold the silence off', async () => {
    const truck = randomUUID();
    const receipt = randomUUID();
    try {
      await query(
        `insert into public.cours_de_route (id, depot_id, produit_id, immatriculation, volume_ambiant, statut, date_chargement, created_at, updated_at)
         values ($1, $2, $3, 'TEST-FUTUR-CI', 30000, 'TRANSIT', now() - interval '9 days', now() - interval '9 days', '2099-01-01')`,
        [truck, BOUAKE, SEED_GASOIL_ID],
      );
      await query(
        `insert into public.receptions (id, citerne_id, date_reception, volume_ambiant, volume_15c, temperature_c, densite_15c, calc_version, created_at)
         values ($1, $2, now() - interval '9 days', 30000, public.volume_15c_table_54b(30000, 839, 27), 27, 839, 'calc-2.3.0', '2099-01-01')`,
        [receipt, B01],
      );
      // Not activity at all: BOUAKE stays silent, since its last real receipt.
      const check = await checkFor('FEED_SILENT', BOUAKE);
      expect(check?.details.derniere_activite_type).toBe('reception');
      expect(new Date(String(check?.details.derniere_activite)).getTime()).toBeLessThan(Date.now());
    } finally {
      await query('delete from public.cours_de_route where id = $1', [truck]);
      await query('delete from public.receptions where id = $1', [receipt]);
    }
    expect(await checkFor('FEED_SILENT', BOUAKE)).toBeDefined();
  });

  it('a depot that never wrote anything is silent from its creation on, not before the threshold', async () => {
    const depot = randomUUID();
    try {
      await query(`insert into public.depots (id, code, nom) values ($1, $2, 'Dépôt de test')`, [depot, `TEST-${depot.slice(0, 6)}`]);
      expect(await checkFor('FEED_SILENT', depot)).toBeUndefined();
      await query(`update public.depots set created_at = now() - interval '2 days' where id = $1`, [depot]);
      const check = await checkFor('FEED_SILENT', depot);
      expect(check?.message).toContain('enregistrée depuis sa création le');
      expect(check?.details.derniere_activite).toBeNull();
    } finally {
      await query('delete from public.depots where id = $1', [depot]);
    }
  });
});

describe('REFERENCE_INCOMPLETE', () => {
  it("fires for the seed's Bitume (no reference density), clears when it gets one, recurs when it is removed", async () => {
    expect((await checks('REFERENCE_INCOMPLETE')).map((c) => [c.entity_type, c.entity_id])).toEqual([['produit', BITUME]]);
    expect((await checkFor('REFERENCE_INCOMPLETE', BITUME))?.message).toBe(
      'Produit BIT (Bitume 35/50) : pas de densité de référence à 15 °C',
    );
    const setDensity = (value: number | null) =>
      query('update public.produits set densite_15c_reference = $2 where id = $1', [BITUME, value]);
    try {
      await expectFiresClearsRecurs(
        `REFERENCE_INCOMPLETE:produit:${BITUME}`,
        () => setDensity(1030),
        () => setDensity(null),
      );
    } finally {
      await setDensity(null);
      await sync();
    }
  });

  it('fires for a receipt or an outflow whose density is outside Table 54B, naming the movement', async () => {
    const receipt = randomUUID();
    const outflow = randomUUID();
    try {
      await query(
        `insert into public.receptions (id, citerne_id, date_reception, volume_ambiant, volume_15c, temperature_c, densite_15c, calc_version)
         values ($1, $2, now(), 30000, 29800, 27, 540.5, 'calc-2.3.0')`,
        [receipt, T01],
      );
      await query(
        `insert into public.sorties_produit (id, citerne_id, date_sortie, volume_ambiant, volume_15c, temperature_c, densite_15c, calc_version)
         values ($1, $2, now(), 5000, 4980, 27, 1100, 'calc-2.3.0')`,
        [outflow, T01],
      );
      const rows = await checks('REFERENCE_INCOMPLETE');
      expect(rows.find((r) => r.entity_id === receipt)).toMatchObject({ entity_type: 'reception', severity: 'WARN' });
      expect(rows.find((r) => r.entity_id === receipt)?.message).toMatch(
        /^Réception du \d{2}\/\d{2}\/\d{4}, citerne T01 : volume à 15 °C impossible à calculer \(densité 540,5 kg\/m³ hors de la table 54B\)$/,
      );
      expect(rows.find((r) => r.entity_id === outflow)).toMatchObject({ entity_type: 'sortie_produit' });
    } finally {
      await query('delete from public.receptions where id = $1', [receipt]);
      await query('delete from public.sorties_produit where id = $1', [outflow]);
    }
    expect((await checks('REFERENCE_INCOMPLETE')).map((c) => c.entity_id)).toEqual([BITUME]);
  });
});

describe('who sees the new findings', () => {
  it('governance readers see all three; operateur sees none; anon is refused', async () => {
    const { data, error } = await pca.client
      .from('v_integrity_checks')
      .select('check_code')
      .in('check_code', ['STOCK_JOURNAL_MISSING', 'FEED_SILENT', 'REFERENCE_INCOMPLETE']);
    expect(error).toBeNull();
    expect(data?.map((r) => r.check_code).sort()).toEqual(['FEED_SILENT', 'REFERENCE_INCOMPLETE', 'STOCK_JOURNAL_MISSING']);

    const asOperateur = await operateur.client.from('v_integrity_checks').select('check_code');
    expect(asOperateur.error).toBeNull();
    expect(asOperateur.data).toEqual([]);

    const asAnon = await anonClient().from('v_integrity_checks').select('check_code');
    expect(asAnon.error?.code).toBe('42501');
    expect(asAnon.data).toBeNull();
  });
});

describe('the settings refuse what makes no sense, and change nothing', () => {
  it.each([
    ['stock_journal_cutoff_hour', 24],
    ['stock_journal_cutoff_hour', -1],
    ['feed_silent_hours', 0],
    ['depot_time_zone', 'Mars/Olympus_Mons'],
    ['depot_time_zone', '+05:00'],
    ['depot_time_zone', ''],
    // PostgreSQL reads these, JavaScript's Intl does not (and 'UTC+5' is five hours behind UTC there).
    ['depot_time_zone', 'UTC+5'],
    ['depot_time_zone', 'WAT'],
    ['depot_time_zone', 'Factory'],
  ] as const)('%s = %j is refused', async (name, value) => {
    const before = await query('select * from public.governance_settings where id');
    await expect(query(`update public.governance_settings set ${name} = $1 where id`, [value])).rejects.toMatchObject({ code: '23514' });
    expect(await query('select * from public.governance_settings where id')).toEqual(before);
  });

  it('takes any IANA name, and UTC', async () => {
    for (const zone of ['UTC', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires', 'Africa/Lagos']) {
      const restore = await withSetting('depot_time_zone', zone);
      try {
        const [row] = await query<{ zone: string }>('select depot_time_zone as zone from public.governance_settings where id');
        expect(row?.zone).toBe(zone);
        expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
      } finally {
        await restore();
      }
    }
  });

  it("a depot's own thresholds are bounded the same way", async () => {
    const before = await query('select * from public.depots where id = $1', [BOUAKE]);
    await expect(query('update public.depots set stock_journal_cutoff_hour = 24 where id = $1', [BOUAKE])).rejects.toMatchObject({
      code: '23514',
    });
    await expect(query('update public.depots set feed_silent_hours = -1 where id = $1', [BOUAKE])).rejects.toMatchObject({
      code: '23514',
    });
    expect(await query('select * from public.depots where id = $1', [BOUAKE])).toEqual(before);
  });
});
