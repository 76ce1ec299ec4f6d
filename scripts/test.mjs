/**
 * `npm test`: every test, in the order STYLE.md gives —
 * typecheck → lint → format → unit → database (against a fresh local stack) → build → end-to-end, then the
 * benchmark's smoke run.
 *
 * The test stack has its own ports (55321 API, 55322 PostgreSQL) and data folder, rebuilt from
 * scratch on every run, so a running `npm run dev` is left alone and results never depend on
 * leftovers. Its test-only control endpoint (`STACK_CONTROL_PORT`, API port + 2) lets the fault
 * tests stop and start PostgREST and PostgreSQL. Stops at the first failing step and exits non-zero.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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

const { onStopSignal, startStack } = await import("../supabase/local/stack.mjs");
const { localAuditSigningKey } = await import("../supabase/local/config.mjs");

/** @type {[label: string, seconds: number][]} */
const timings = [];
/** @type {import("../supabase/local/stack.mjs").RunningStack | null} */
let stack = null;
/** @type {import("node:child_process").ChildProcess | null} */
let server = null;

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
  const testEnv = {
    SUPABASE_URL: config.apiUrl,
    SUPABASE_ANON_KEY: config.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
    DATABASE_URL: config.dbUrl,
  };

  // The committed snapshot of the schema (supabase/schema) must be what the migrations build.
  await run("schema snapshot", "node", ["scripts/schema-snapshot.mjs", "--check"], testEnv);
  await run("database tests", "vitest", ["run", "--project", "db"], testEnv);
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

/** Ends `next start` with the real server it forked (its process group), then the test stack. */
async function stopEverything() {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
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
