/**
 * The alert sync: `select public.sync_system_alerts()` once at start, then every
 * `STACK_SYNC_INTERVAL_SECONDS` — what pg_cron's job does on a hosted project. Each run first
 * probes the API with the anon key and records the answers (lib/security/scheduled-probe.ts), so
 * the sync sees a leak as SEC_ANON_PROBE_ROWS — what `npm run security:probe` does beside pg_cron.
 * A failed probe or sync is logged and the timer goes on.
 */
import pg from "pg";
import { runScheduledAnonProbe } from "../../../lib/security/scheduled-probe.ts";
import { stopInOrder } from "./support.mjs";

/**
 * @typedef {{
 *   firstSync: unknown,
 *   runSync: () => Promise<unknown>,
 *   stop: import("./support.mjs").Stop,
 * }} Sync
 *   `firstSync`: the first run's result (null when it failed); `runSync`: one run now, its result
 *   (null when it failed); `stop`: the timer, then the pool.
 */

/**
 * @param {import("../config.mjs").StackConfig} config
 * @returns {Promise<Sync>}
 */
export async function startSync(config) {
  const pool = new pg.Pool({ connectionString: config.dbUrl, max: 1 });
  pool.on("error", (error) => console.error(`[stack] sync pool: ${error.message}`));
  const runProbe = async () => {
    try {
      const outcome = await runScheduledAnonProbe({ url: config.apiUrl, anonKey: config.anonKey, serviceRoleKey: config.serviceRoleKey });
      if (outcome.leaks.length > 0) {
        console.error(`[stack] anon probe: rows readable with the anon key: ${outcome.leaks.map((l) => `${l.relation} (${l.rowCount})`).join(", ")}`);
      }
    } catch (error) {
      console.error(`[stack] anon probe failed: ${error instanceof Error ? error.message : error}`);
    }
  };
  const runSync = async () => {
    await runProbe();
    try {
      const { rows } = await pool.query("select public.sync_system_alerts() as result");
      return rows[0]?.result;
    } catch (error) {
      console.error(`[stack] sync_system_alerts() failed: ${error instanceof Error ? error.message : error}`);
      return null;
    }
  };
  const firstSync = await runSync();
  const timer = setInterval(runSync, config.syncIntervalSeconds * 1000);
  return {
    firstSync,
    runSync,
    stop: () => stopInOrder([async () => clearInterval(timer), () => pool.end()]),
  };
}
