/**
 * The alert sync: `select public.sync_system_alerts()` once at start, then every
 * `STACK_SYNC_INTERVAL_SECONDS` — what pg_cron's job does on a hosted project. A failed run is
 * logged and the timer goes on.
 */
import pg from "pg";
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
  const runSync = async () => {
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
