/**
 * `npm test`: every test, in the order STYLE.md gives —
 * typecheck → lint → format → unit → database (against a fresh local stack) → build → end-to-end, then the
 * benchmark's smoke run.
 *
 * The test stack has its own ports (55321 API, 55322 PostgreSQL) and data folder, rebuilt from
 * scratch on every run, so a running `npm run dev` is left alone and results never depend on
 * leftovers. Beside it run a mail catcher (SMTP 55325, inbox 55324, with its control endpoint so
 * the tests can stop SMTP) from the database tests on, and one delivery worker from the build on
 * (during the database tests the outbox stays as the triggers leave it; the delivery tests start
 * workers of their own). Its test-only control endpoint (`STACK_CONTROL_PORT`, API port + 2) lets the fault
 * tests stop and start PostgREST and PostgreSQL. Stops at the first failing step and exits non-zero.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { userInfo } from "node:os";

process.env.STACK_API_PORT ||= "55321";
process.env.STACK_DB_PORT ||= "55322";
process.env.STACK_DATA_DIR ||= ".local/test-stack";
// The timer would race the tests' own sync calls; tests run the sync themselves.
process.env.STACK_SYNC_INTERVAL_SECONDS ||= "3600";
// The fault tests (e2e/faults.spec.ts) stop and start PostgREST and PostgreSQL through it.
// IMPORTANT: kept out of process.env: stacks that database tests start in child processes must not
// try to open it too.
const controlPort = Number(process.env.STACK_CONTROL_PORT || Number(process.env.STACK_API_PORT) + 2);
const e2ePort = process.env.E2E_PORT || "3100";

const mailSmtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT || 55325);
const mailWebPort = Number(process.env.MAIL_CATCHER_WEB_PORT || 55324);

const { onStopSignal, startStack } = await import("../supabase/local/stack.mjs");
const { localAuditSigningKey } = await import("../supabase/local/config.mjs");
const { startMailCatcher } = await import("../supabase/local/mail-catcher.mjs");

/** @type {[label: string, seconds: number][]} */
const timings = [];
/** @type {import("../supabase/local/stack.mjs").RunningStack | null} */
let stack = null;
/** @type {import("node:child_process").ChildProcess | null} */
let server = null;
/** @type {import("../supabase/local/mail-catcher.mjs").MailCatcher | null} */
let catcher = null;
/** @type {import("node:child_process").ChildProcess | null} */
let worker = null;

/**
 * Runs one step. IMPORTANT: asynchronously — the stack's gateway and auth endpoint live in this
 * process, and a synchronous spawn would freeze them while the tests call them.
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env] added to this process's environment
 */
async function run(label, command, args, env = {}) {
  const started = performance.now();
  console.log(`\n▶ ${label}: ${command} ${args.join(" ")}`);
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  /** @type {[number | null, NodeJS.Signals | null]} */
  const [code, signal] = await new Promise((resolve) => child.once("exit", (...result) => resolve(result)));
  timings.push([label, (performance.now() - started) / 1000]);
  if (code !== 0) throw new Error(`${label} failed${signal ? ` (signal ${signal})` : ` (exit ${code})`}`);
}

/** Playwright drives Debian's Chromium (it cannot download its own browser here). */
function ensureChromium() {
  if (process.env.CHROMIUM_PATH || existsSync("/usr/bin/chromium")) return;
  if (userInfo().uid !== 0 || spawnSync("which", ["apt-get"]).status !== 0) {
    throw new Error("Chromium is missing: install Debian's `chromium` package (or set CHROMIUM_PATH) to run the end-to-end tests.");
  }
  console.log("\n▶ installing Debian's chromium for the end-to-end tests …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

/**
 * @param {string} url
 * @param {number} timeoutMs
 */
async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  const startedAt = performance.now();
  // The schema version the console is built for must be the newest migration (lib/versions).
  await run("build info", "node", ["scripts/stamp-build-info.mjs", "--check"]);
  await run("typecheck", "tsc", ["--noEmit"]);
  await run("typecheck (node)", "tsc", ["--noEmit", "-p", "tsconfig.node.json"]);
  await run("lint", "eslint", ["--max-warnings=0", "."]);
  await run("format", "prettier", ["--check", "--log-level=warn", "."]);
  await run("unit tests", "vitest", ["run", "--project", "unit"]);

  let started = performance.now();
  await startStack({ reset: true });
  stack = await startStack({ controlPort });
  const { config } = stack;
  timings.push(["test stack (fresh)", (performance.now() - started) / 1000]);
  const appEnv = {
    NEXT_PUBLIC_SUPABASE_URL: config.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: config.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
    AUDIT_SIGNING_KEY: localAuditSigningKey,
  };
  started = performance.now();
  catcher = await startMailCatcher({ smtpPort: mailSmtpPort, webPort: mailWebPort, control: true, log: () => {} });
  const workerEnv = {
    DATABASE_URL: config.dbUrl,
    SMTP_URL: catcher.smtpUrl,
    MAIL_FROM: "Console de gouvernance <gouvernance@depot.test>",
    CONSOLE_URL: `http://127.0.0.1:${e2ePort}`,
    // Retries come due between polls: a short poll keeps the retry tests short.
    WORKER_POLL_INTERVAL_MS: "250",
    // The tests' webhook receivers listen on the loopback.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
  };
  timings.push(["mail catcher", (performance.now() - started) / 1000]);
  const testEnv = {
    SUPABASE_URL: config.apiUrl,
    SUPABASE_ANON_KEY: config.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
    DATABASE_URL: config.dbUrl,
    MAIL_CATCHER_URL: catcher.webUrl,
    SMTP_URL: workerEnv.SMTP_URL,
    MAIL_FROM: workerEnv.MAIL_FROM,
    CONSOLE_URL: workerEnv.CONSOLE_URL,
  };

  // The committed snapshot of the schema (supabase/schema) must be what the migrations build.
  await run("schema snapshot", "node", ["scripts/schema-snapshot.mjs", "--check"], testEnv);
  await run("database tests", "vitest", ["run", "--project", "db"], testEnv);
  started = performance.now();
  worker = await startWorker(workerEnv);
  timings.push(["delivery worker", (performance.now() - started) / 1000]);
  await run("build", "next", ["build"], appEnv);

  ensureChromium();
  started = performance.now();
  const nextServer = spawn("next", ["start", "--hostname", "127.0.0.1", "--port", e2ePort], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...appEnv },
    // Its own process group: `next start` forks the real server, and both must stop.
    detached: true,
  });
  server = nextServer;
  await waitForHttp(`http://127.0.0.1:${e2ePort}/`, 60_000);
  timings.push(["production server start", (performance.now() - started) / 1000]);
  await run("end-to-end tests", "playwright", ["test"], {
    ...appEnv,
    ...testEnv,
    E2E_BASE_URL: `http://127.0.0.1:${e2ePort}`,
    STACK_CONTROL_PORT: String(controlPort),
  });
  // The benchmark's smoke run (scale 1, few iterations, no targets), so the harness cannot rot.
  await run("bench smoke", "node", ["scripts/bench/run.mjs", "--smoke", "--attach"], {
    ...testEnv,
    BENCH_BASE_URL: `http://127.0.0.1:${e2ePort}`,
    BENCH_SERVER_PID: String(nextServer.pid),
  });

  timings.push(["total", (performance.now() - startedAt) / 1000]);
}

/**
 * The delivery worker for the tests, its JSON lines kept in .local/test-worker.log (warnings and
 * errors also on stderr); resolves once it is ready.
 * @param {Record<string, string>} env
 * @returns {Promise<import("node:child_process").ChildProcess>}
 */
async function startWorker(env) {
  mkdirSync(".local", { recursive: true });
  const log = createWriteStream(".local/test-worker.log");
  const child = spawn(process.execPath, ["scripts/worker.mjs"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  child.stdout?.pipe(log);
  child.stderr?.on("data", (chunk) => {
    log.write(chunk);
    process.stderr.write(`[worker] ${chunk}`);
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the delivery worker did not start within 30 s (.local/test-worker.log)")), 30_000);
    child.stdout?.on("data", (/** @type {Buffer} */ chunk) => {
      if (chunk.toString().includes("worker ready")) {
        clearTimeout(timer);
        resolve(undefined);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the delivery worker exited (${code}) before it was ready (.local/test-worker.log)`));
    });
  });
  return child;
}

/** Ends `next start` with the real server it forked (its process group), the worker, the catcher, then the test stack. */
async function stopEverything() {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  const runningWorker = worker;
  if (runningWorker && runningWorker.exitCode === null && runningWorker.signalCode === null) {
    const exited = new Promise((resolve) => runningWorker.once("exit", resolve));
    runningWorker.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  if (catcher) await catcher.stop();
  if (stack) await stack.shutdown();
}

/** @type {unknown} */
let failure = null;
onStopSignal(async (signal) => {
  await stopEverything();
  console.error(`\n✗ interrupted (${signal})`);
  process.exit(130);
});
try {
  await main();
} catch (error) {
  failure = error;
} finally {
  await stopEverything();
}

console.log("\nTimings:");
for (const [label, seconds] of timings) console.log(`  ${label.padEnd(26)} ${seconds.toFixed(1)} s`);
if (failure) {
  console.error(`\n✗ ${failure instanceof Error ? failure.message : failure}`);
  process.exit(1);
}
console.log("\n✓ all test steps passed");
process.exit(0);
