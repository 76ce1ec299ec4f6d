/**
 * The load workload shared by the short form (`supabase/tests/load.test.ts`, inside `npm test`) and
 * the long form (`npm run test:load`, `scripts/load-test.mjs`): many concurrent admin and directeur
 * sessions acknowledging and resolving a shared pool of alerts while the sync runs, then a check
 * that no transition was lost or duplicated, every alert is in a legal state, the ledger verifies
 * and the counts reconcile. Loopback only; bounded in time and in operations.
 *
 * IMPORTANT: the superuser connection (`db`) only builds the pool (operational fixture rows), runs
 * the sync as the platform's scheduler does, and re-reads the result. Every transition goes through
 * a user's own session (supabase-js, or the console's server actions), so RLS and the triggers apply.
 */
import { randomUUID } from "node:crypto";

export const SEED_DEPOT_ID = "de000000-0000-4000-8000-000000000001";
export const SEED_GASOIL_ID = "9d000000-0000-4000-8000-000000000001";

/**
 * A session acting through supabase-js: the console's own updates (filtered on the status it
 * expects, so of two at once the second changes zero rows). Wins when a row came back.
 * @param {import("@supabase/supabase-js").SupabaseClient} client
 * @returns {(kind: Kind, alertId: string) => Promise<Outcome>}
 */
export function actThroughPostgrest(client) {
  return async (kind, alertId) => {
    const update =
      kind === "ack"
        ? client.from("system_alerts").update({ status: "ACK", ack_note: "Charge : acquittée" }).eq("id", alertId).eq("status", "OPEN")
        : client
            .from("system_alerts")
            .update({ status: "RESOLVED", resolution_reason: "fixed_at_source", resolution_note: "Charge : résolue" })
            .eq("id", alertId)
            .in("status", ["OPEN", "ACK"]);
    const { data, error } = await update.select("id");
    if (error) return { won: false, error: `${error.code ?? ""} ${error.message}`.trim() };
    return { won: (data?.length ?? 0) === 1 };
  };
}

/**
 * @typedef {{ id: string, truckId: string }} PoolAlert
 * @typedef {"ack" | "resolve"} Kind
 * @typedef {{ won: boolean, error?: string }} Outcome
 * @typedef {{ role: "admin" | "directeur", userId: string, act: (kind: Kind, alertId: string) => Promise<Outcome> }} LoadSession
 * @typedef {{ alertId: string, kind: Kind, userId: string, won: boolean, error?: string, ms: number }} Attempt
 * @typedef {Pick<import("pg").Pool, "query">} Db a pool or a client, connected as the superuser
 */

/**
 * `size` new trucks left ARRIVE for 72 h (CDR_ARRIVE_STALE, WARN), synced: their OPEN alerts. WARN,
 * so that a directeur resolves alone: a CRITICAL alert still detected waits for a second
 * directeur's countersignature (four-eyes, its own tests), which this workload is not about.
 * @param {Db} db
 * @param {number} size
 * @returns {Promise<PoolAlert[]>}
 */
export async function createAlertPool(db, size) {
  const truckIds = Array.from({ length: size }, () => randomUUID());
  await db.query(
    `insert into public.cours_de_route (id, depot_id, produit_id, immatriculation, transporteur, volume_ambiant,
       statut, date_chargement, date_arrivee)
     select id, $2, $3, 'LT-' || left(id::text, 8), 'Transport de charge', 30000, 'ARRIVE',
       now() - interval '5 days', now() - interval '72 hours'
     from unnest($1::uuid[]) as id`,
    [truckIds, SEED_DEPOT_ID, SEED_GASOIL_ID],
  );
  await db.query("select public.sync_system_alerts()");
  /** @type {import("pg").QueryResult<{ id: string, entity_id: string }>} */
  const { rows } = await db.query(
    `select id, entity_id from public.system_alerts
     where entity_id = any($1::text[]) and status = 'OPEN' and check_code = 'CDR_ARRIVE_STALE'`,
    [truckIds],
  );
  if (rows.length !== size) throw new Error(`expected ${size} OPEN alerts in the pool, found ${rows.length}`);
  return rows.map((row) => ({ id: row.id, truckId: row.entity_id }));
}

/**
 * Makes some of the pool's data clean (the trucks unloaded), so the sync clears their alerts while
 * people act on them.
 * @param {Db} db
 * @param {string[]} truckIds
 */
export async function fixTrucks(db, truckIds) {
  await db.query(`update public.cours_de_route set statut = 'DECHARGE', date_dechargement = now() where id = any($1::uuid[])`, [truckIds]);
}

/**
 * Deletes the pool's rows and syncs (their alerts are cleared; alerts themselves are never deleted).
 * @param {Db} db
 * @param {PoolAlert[]} pool
 */
export async function removeAlertPool(db, pool) {
  await db.query("delete from public.cours_de_route where id = any($1::uuid[])", [pool.map((alert) => alert.truckId)]);
  await db.query("select public.sync_system_alerts()");
}

/**
 * Runs the sync back to back (as a busy scheduler would) until stopped; returns how many ran.
 * @param {Db} db
 * @param {{ pauseMs?: number }} [options]
 */
export function startSyncLoop(db, { pauseMs = 50 } = {}) {
  let running = true;
  let runs = 0;
  /** @type {string[]} */
  const errors = [];
  const done = (async () => {
    while (running) {
      try {
        await db.query("select public.sync_system_alerts()");
        runs += 1;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { runs, errors };
    },
  };
}

/**
 * Every session acts on random alerts of the pool until the deadline, `maxAttempts` in all, or
 * every alert is resolved. Admins acknowledge; directeurs resolve (two times in three) or
 * acknowledge. Returns every attempt with its outcome.
 * @param {{ sessions: LoadSession[], pool: PoolAlert[], durationMs: number, maxAttempts: number }} options
 */
export async function runWorkload({ sessions, pool, durationMs, maxAttempts }) {
  /** @type {Attempt[]} */
  const attempts = [];
  /** @type {Set<string>} */
  const resolved = new Set();
  const deadline = Date.now() + durationMs;
  let budget = maxAttempts;
  const startedAt = performance.now();

  /** @param {LoadSession} session */
  async function worker(session) {
    while (Date.now() < deadline && budget > 0 && resolved.size < pool.length) {
      budget -= 1;
      const open = pool.filter((alert) => !resolved.has(alert.id));
      const alert = open[Math.floor(Math.random() * open.length)];
      if (!alert) return;
      const kind = session.role === "directeur" && Math.random() < 2 / 3 ? "resolve" : "ack";
      const started = performance.now();
      let outcome;
      try {
        outcome = await session.act(kind, alert.id);
      } catch (error) {
        outcome = { won: false, error: error instanceof Error ? error.message : String(error) };
      }
      attempts.push({ alertId: alert.id, kind, userId: session.userId, ...outcome, ms: performance.now() - started });
      if (outcome.won && kind === "resolve") resolved.add(alert.id);
    }
  }

  await Promise.all(sessions.map(worker));
  const seconds = (performance.now() - startedAt) / 1000;
  const errors = attempts.filter((attempt) => attempt.error);
  const latencies = attempts.map((attempt) => attempt.ms).sort((a, b) => a - b);
  const percentile = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    attempts,
    stats: {
      seconds,
      attempts: attempts.length,
      wins: attempts.filter((attempt) => attempt.won).length,
      errors: errors.length,
      errorRate: attempts.length ? errors.length / attempts.length : 0,
      throughput: attempts.length / seconds,
      p50Ms: percentile(50),
      p95Ms: percentile(95),
      firstErrors: [...new Set(errors.map((attempt) => attempt.error))].slice(0, 5),
    },
  };
}

/**
 * Re-reads the pool and the ledger and returns every inconsistency found (empty when all holds):
 * per alert, the transitions the clients were told they won match the ledger's events one for one
 * (no lost, no duplicated transition), the final status follows from them, the row is in a legal
 * state with the winners as actors; the whole ledger's hash chain verifies; the totals reconcile.
 * @param {Db} db
 * @param {PoolAlert[]} pool
 * @param {Attempt[]} attempts
 */
export async function verifyOutcome(db, pool, attempts) {
  /** @type {string[]} */
  const problems = [];
  const { rows } = await db.query(
    `select a.id, a.status, a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_by, a.resolution_note, a.resolution_reason,
            coalesce(e.acks, 0)::int as acks, coalesce(e.resolves, 0)::int as resolves,
            e.ack_actor, e.resolve_actor, e.resolved_from
     from public.system_alerts a
     left join lateral (
       select count(*) filter (where event_type = 'acknowledged') as acks,
              count(*) filter (where event_type = 'resolved') as resolves,
              max(actor_id::text) filter (where event_type = 'acknowledged') as ack_actor,
              max(actor_id::text) filter (where event_type = 'resolved') as resolve_actor,
              max(from_status) filter (where event_type = 'resolved') as resolved_from
       from public.system_alert_events where alert_id = a.id
     ) e on true
     where a.id = any($1::uuid[])`,
    [pool.map((alert) => alert.id)],
  );
  if (rows.length !== pool.length) problems.push(`expected ${pool.length} alerts, read ${rows.length}`);

  const wins = new Map(pool.map((alert) => [alert.id, { ack: /** @type {Attempt[]} */ ([]), resolve: /** @type {Attempt[]} */ ([]) }]));
  for (const attempt of attempts) if (attempt.won) wins.get(attempt.alertId)?.[attempt.kind].push(attempt);

  let statusResolved = 0;
  for (const row of rows) {
    const won = wins.get(row.id);
    const tag = `alert ${row.id}`;
    if (!won) continue;
    if (won.ack.length > 1) problems.push(`${tag}: ${won.ack.length} sessions were told they acknowledged it`);
    if (won.resolve.length > 1) problems.push(`${tag}: ${won.resolve.length} sessions were told they resolved it`);
    if (row.acks !== won.ack.length) problems.push(`${tag}: ${row.acks} acknowledged event(s) for ${won.ack.length} acknowledgement(s) won`);
    if (row.resolves !== won.resolve.length) problems.push(`${tag}: ${row.resolves} resolved event(s) for ${won.resolve.length} resolution(s) won`);

    const expected = won.resolve.length ? "RESOLVED" : won.ack.length ? "ACK" : "OPEN";
    if (row.status !== expected) problems.push(`${tag}: status ${row.status}, expected ${expected} from what the clients were told`);
    if (row.status === "RESOLVED") statusResolved += 1;

    // Legal states (DESIGN.md §2.3).
    const acknowledged = row.acknowledged_at !== null && row.acknowledged_by !== null;
    const resolvedFields = row.resolved_at !== null && row.resolved_by !== null;
    if (row.status === "OPEN" && (row.acknowledged_at || row.acknowledged_by || row.resolved_at || row.resolved_by)) {
      problems.push(`${tag}: OPEN with acknowledgement or resolution fields set`);
    }
    if (row.status === "ACK" && (!acknowledged || row.resolved_at || row.resolved_by)) problems.push(`${tag}: ACK in an illegal shape`);
    if (row.status === "RESOLVED" && (!acknowledged || !resolvedFields || !row.resolution_note?.trim() || !row.resolution_reason)) {
      problems.push(`${tag}: RESOLVED in an illegal shape`);
    }

    // The actors are the winners, and a resolution came from where the ledger says.
    const [ackWinner] = won.ack;
    const [resolveWinner] = won.resolve;
    if (ackWinner && row.ack_actor !== ackWinner.userId) problems.push(`${tag}: acknowledged by ${row.ack_actor}, won by ${ackWinner.userId}`);
    if (resolveWinner) {
      if (row.resolve_actor !== resolveWinner.userId || row.resolved_by !== resolveWinner.userId) {
        problems.push(`${tag}: resolved by ${row.resolved_by} (ledger ${row.resolve_actor}), won by ${resolveWinner.userId}`);
      }
      const from = ackWinner ? "ACK" : "OPEN";
      if (row.resolved_from !== from) problems.push(`${tag}: resolved from ${row.resolved_from}, expected ${from}`);
    }
  }

  const [chain] = (await db.query("select valid, checked, first_broken_id, reason from public.verify_alert_event_chain()")).rows;
  if (!chain?.valid) problems.push(`ledger chain broken at ${chain?.first_broken_id}: ${chain?.reason}`);

  const totals = {
    ackWins: attempts.filter((a) => a.won && a.kind === "ack").length,
    resolveWins: attempts.filter((a) => a.won && a.kind === "resolve").length,
    ackEvents: rows.reduce((sum, row) => sum + row.acks, 0),
    resolveEvents: rows.reduce((sum, row) => sum + row.resolves, 0),
    resolvedAlerts: statusResolved,
    ledgerRows: Number(chain?.checked ?? 0),
  };
  if (totals.ackEvents !== totals.ackWins) problems.push(`ledger has ${totals.ackEvents} acknowledgements, clients won ${totals.ackWins}`);
  if (totals.resolveEvents !== totals.resolveWins || totals.resolvedAlerts !== totals.resolveWins) {
    problems.push(`${totals.resolveEvents} resolved events and ${totals.resolvedAlerts} RESOLVED alerts for ${totals.resolveWins} resolutions won`);
  }
  return { problems, totals };
}
