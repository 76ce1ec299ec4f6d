/**
 * Fresh anomalies made of new operational rows (superuser inserts), one entity each, so every test
 * gets alerts of its own: alerts can never be deleted, so tests never share or reuse one.
 * `removeFixtures()` deletes the rows and syncs, which clears their alerts and returns
 * `v_integrity_checks` to the seed's state.
 *
 * IMPORTANT: the tests run the sync themselves and assume no other sync runs behind their back
 * (`npm test` starts its stack with STACK_SYNC_INTERVAL_SECONDS=3600). A timer firing mid-test
 * refreshes every active alert's last_seen_at and would break the "nothing changed" comparisons.
 */
import { randomUUID } from 'node:crypto';
import { type AlertRow, query, sync } from './db';

export const SEED_DEPOT_ID = 'de000000-0000-4000-8000-000000000001';
export const SEED_GASOIL_ID = '9d000000-0000-4000-8000-000000000001';
/** Bouaké: the seed's second depot, with its own admin and directeur (depot scope). */
export const BOUAKE_DEPOT_ID = 'de000000-0000-4000-8000-000000000002';

export type Anomaly = {
  kind: 'tank' | 'truck';
  entityId: string;
  fingerprint: string;
  /** Makes the data clean: the check no longer fires. */
  fix(): Promise<void>;
  /** Makes the data anomalous again. */
  breakAgain(): Promise<void>;
};

const created: Anomaly[] = [];

/**
 * A new tank whose latest daily stock is negative: STOCK_NEGATIF (CRITICAL). Its stock book has the
 * last four days, so STOCK_JOURNAL_MISSING (yesterday's line, once the cut-off hour passed) does
 * not fire for it as well. In the seed's main depot unless told otherwise (a tank is not a movement:
 * it leaves FEED_SILENT as it is).
 */
export async function createNegativeStockTank(depotId = SEED_DEPOT_ID): Promise<Anomaly> {
  const id = randomUUID();
  const code = `ZT-${id.slice(0, 8)}`;
  await query(
    `insert into public.citernes (id, depot_id, produit_id, code, nom, capacite_totale, capacite_securite)
     values ($1, $2, $3, $4, $5, 100000, 95000)`,
    [id, depotId, SEED_GASOIL_ID, code, `Citerne de test ${code}`],
  );
  await query(
    `insert into public.stocks_journaliers (citerne_id, date_jour, stock_ambiant, stock_15c)
     select $1, current_date - d, -500, -495 from generate_series(0, 3) as d`,
    [id],
  );
  const setStock = (ambiant: number, at15: number) =>
    query('update public.stocks_journaliers set stock_ambiant = $2, stock_15c = $3 where citerne_id = $1', [id, ambiant, at15]).then(
      () => undefined,
    );
  const anomaly: Anomaly = {
    kind: 'tank',
    entityId: id,
    fingerprint: `STOCK_NEGATIF:citerne:${id}`,
    fix: () => setStock(50000, 49500),
    breakAgain: () => setStock(-500, -495),
  };
  created.push(anomaly);
  return anomaly;
}

/** A new truck ARRIVE for 72 h and not unloaded: CDR_ARRIVE_STALE (WARN). */
export async function createStaleTruck(): Promise<Anomaly> {
  const id = randomUUID();
  await query(
    `insert into public.cours_de_route (id, depot_id, produit_id, immatriculation, transporteur, volume_ambiant,
       statut, date_chargement, date_arrivee)
     values ($1, $2, $3, $4, 'Transport de test', 30000, 'ARRIVE', now() - interval '5 days', now() - interval '72 hours')`,
    [id, SEED_DEPOT_ID, SEED_GASOIL_ID, `TEST-${id.slice(0, 6)}-CI`],
  );
  const anomaly: Anomaly = {
    kind: 'truck',
    entityId: id,
    fingerprint: `CDR_ARRIVE_STALE:cours_de_route:${id}`,
    fix: () =>
      query(`update public.cours_de_route set statut = 'DECHARGE', date_dechargement = now() where id = $1`, [id]).then(() => undefined),
    breakAgain: () =>
      query(`update public.cours_de_route set statut = 'ARRIVE', date_dechargement = null where id = $1`, [id]).then(() => undefined),
  };
  created.push(anomaly);
  return anomaly;
}

/** The active (OPEN or ACK) alert of a fingerprint, or undefined. */
export async function activeAlertFor(fingerprint: string): Promise<AlertRow | undefined> {
  const rows = await query<AlertRow>(`select * from public.system_alerts where fingerprint = $1 and status in ('OPEN', 'ACK')`, [
    fingerprint,
  ]);
  return rows[0];
}

/** A new anomaly, synced: returns its freshly opened OPEN alert. */
export async function openAlert(
  create: () => Promise<Anomaly> = createNegativeStockTank,
): Promise<{ anomaly: Anomaly; alert: AlertRow }> {
  const anomaly = await create();
  await sync();
  const alert = await activeAlertFor(anomaly.fingerprint);
  if (!alert || alert.status !== 'OPEN') throw new Error(`no OPEN alert was opened for ${anomaly.fingerprint}`);
  return { anomaly, alert };
}

/** Deletes every fixture row created in this file, then syncs so their alerts are cleared. */
export async function removeFixtures(): Promise<void> {
  const anomalies = created.splice(0);
  if (anomalies.length === 0) return;
  const tanks = anomalies.filter((a) => a.kind === 'tank').map((a) => a.entityId);
  const trucks = anomalies.filter((a) => a.kind === 'truck').map((a) => a.entityId);
  await query('delete from public.stocks_journaliers where citerne_id = any($1::uuid[])', [tanks]);
  await query('delete from public.citernes where id = any($1::uuid[])', [tanks]);
  await query('delete from public.cours_de_route where id = any($1::uuid[])', [trucks]);
  await sync();
}
