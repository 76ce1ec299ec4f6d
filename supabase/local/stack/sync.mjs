/**
 * The alert sync: `select public.sync_system_alerts()` once at start, then every
 * `governance_settings.sync_interval_seconds` (read again after each run, so a change takes effect
 * without a restart) — what pg_cron's job does on a hosted project. `STACK_SYNC_INTERVAL_SECONDS`
 * overrides it: the stack then writes it into the setting, because the watchdog judges "stale"
 * (no successful run within three intervals) by the setting, which must describe the schedule in
 * force (`npm test` uses 3600 so no timer races the tests' own syncs).
 *
 * The sync records its own runs, failures included (alert_sync_runs): a failure inside the checks
 * comes back as `{ ok: false, … }`. What the database could not record — the call itself failed
 * (cancelled, timed out) — the runner records; when even that fails (the database is down), the
 * watchdog sees the silence once it is back. The timer goes on either way.
 *
 * Each run first probes the API with the anon key and records the answers
 * (lib/security/scheduled-probe.ts), so the sync sees a leak as SEC_ANON_PROBE_ROWS — what
 * `npm run security:probe` does beside pg_cron. A failed probe is logged and the sync runs anyway.
 */
import pg from "pg";
import { runScheduledAnonProbe } from "../../../lib/security/scheduled-probe.ts";
import { StackError, stopInOrder } from "./support.mjs";

/**
 * @typedef {{
 *   firstSync: unknown,
 *   runSync: () => Promise<unknown>,
 *   intervalSeconds: number,
 *   intervalSource: string,
 *   stop: import("./support.mjs").Stop,
 * }} Sync
 *   `firstSync`: the first run's result (`{ ok: false, … }` when it failed, null when the call
 *   itself failed); `runSync`: one run now, its result likewise; `intervalSeconds`: the interval
 *   at start, and `intervalSource` where it comes from; `stop`: the timer, then the pool.
 */

const SETTING = "governance_settings.sync_interval_seconds";

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * @param {import("../config.mjs").StackConfig} config
 * @returns {Promise<Sync>}
 */
export async function startSync(config) {
  const pool = new pg.Pool({ connectionString: config.dbUrl, max: 1 });
  pool.on("error", (error) => console.error(`[stack] sync pool: ${error.message}`));
  const override = config.syncIntervalOverride;

  if (override) {
    try {
      await pool.query("update public.governance_settings set sync_interval_seconds = $1 where id and sync_interval_seconds is distinct from $1", [override]);
    } catch (error) {
      await pool.end();
      throw new StackError(`STACK_SYNC_INTERVAL_SECONDS=${override} cannot be the sync's interval: ${messageOf(error)}`);
    }
  }

  let intervalSeconds = override ?? 60;
  const readInterval = async () => {
    if (override) return override;
    try {
      const { rows } = await pool.query("select sync_interval_seconds as seconds from public.governance_settings where id");
      intervalSeconds = rows[0]?.seconds ?? intervalSeconds;
    } catch (error) {
      console.error(`[stack] reading ${SETTING} failed (keeping ${intervalSeconds} s): ${messageOf(error)}`);
    }
    return intervalSeconds;
  };

  /** @param {Date} startedAt @param {unknown} error */
  const recordFailure = async (startedAt, error) => {
    const code = /** @type {{ code?: unknown }} */ (error)?.code;
    try {
      await pool.query("select private.record_sync_run($1, null, $2, $3, null)", [
        startedAt,
        typeof code === "string" && code ? code : "runner",
        `the runner's call failed: ${messageOf(error)}`,
      ]);
    } catch (recordError) {
      console.error(`[stack] the failed run could not be recorded either: ${messageOf(recordError)}`);
    }
  };

  const runProbe = async () => {
    try {
      const outcome = await runScheduledAnonProbe({ url: config.apiUrl, anonKey: config.anonKey, serviceRoleKey: config.serviceRoleKey });
      if (outcome.leaks.length > 0) {
        console.error(`[stack] anon probe: rows readable with the anon key: ${outcome.leaks.map((l) => `${l.relation} (${l.rowCount})`).join(", ")}`);
      }
    } catch (error) {
      console.error(`[stack] anon probe failed: ${messageOf(error)}`);
    }
  };

  const runSync = async () => {
    await runProbe();
    const startedAt = new Date();
    try {
      const { rows } = await pool.query("select public.sync_system_alerts() as result");
      const result = rows[0]?.result;
      if (result && result.ok === false) {
        console.error(`[stack] sync_system_alerts() failed (run ${result.run_id}, recorded): ${result.error_code} ${result.error}`);
      }
      return result;
    } catch (error) {
      console.error(`[stack] sync_system_alerts() failed: ${messageOf(error)}`);
      await recordFailure(startedAt, error);
      return null;
    }
  };

  const firstSync = await runSync();
  await readInterval();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let stopped = false;
  const scheduleNext = (/** @type {number} */ seconds) => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await runSync();
      scheduleNext(await readInterval());
    }, seconds * 1000);
  };
  scheduleNext(intervalSeconds);

  return {
    firstSync,
    runSync,
    intervalSeconds,
    intervalSource: override ? "STACK_SYNC_INTERVAL_SECONDS" : SETTING,
    stop: () =>
      stopInOrder([
        async () => {
          stopped = true;
          clearTimeout(timer);
        },
        () => pool.end(),
      ]),
  };
}
