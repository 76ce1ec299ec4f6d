/**
 * `npm run test:load`: the load suite's long form (its short form runs in `npm test`,
 * `supabase/tests/load.test.ts`). Rounds of: a fresh pool of alerts; many concurrent admin and
 * directeur sessions acknowledging and resolving it while the sync runs back to back; then the
 * checks (no lost or duplicated transition, legal states, the ledger verifies, counts reconcile).
 * Prints throughput, latency and error rate per round and in total; exits non-zero on any problem.
 *
 *   --duration=60      seconds of load per path (default 30)
 *   --sessions=16      concurrent sessions, half admin, half directeur (default 16)
 *   --pool=100         alerts per round (default 100)
 *   --path=postgrest   postgrest (supabase-js, as the database tests), actions (the console's
 *                      server actions over HTTP), or both (default postgrest)
 *   --base-url=URL     a running production console for --path=actions (default: starts
 *                      `next start` from --app-dir on a free port)
 *   --app-dir=DIR      the built console (its .next names the action ids; default: this project)
 *
 * IMPORTANT: the database limits each user's writes (governance_settings.api_writes_per_minute,
 * default 60), on both paths: the run raises it for its length and puts it back at the end.
 * Loopback only: the stack and the console must be on 127.0.0.1 (default: `npm run stack`, or set
 * SUPABASE_URL, SUPABASE_ANON_KEY, DATABASE_URL as `npm test` does).
 */
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { localAuditSigningKey } from "../supabase/local/config.mjs";
import { actThroughPostgrest, createAlertPool, fixTrucks, removeAlertPool, runWorkload, startSyncLoop, verifyOutcome } from "./load/workload.mjs";
import { actThroughServerActions, loadActionIds } from "./load/server-actions.mjs";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: options } = parseArgs({
  options: {
    duration: { type: "string", default: "30" },
    sessions: { type: "string", default: "16" },
    pool: { type: "string", default: "100" },
    path: { type: "string", default: "postgrest" },
    "base-url": { type: "string" },
    "app-dir": { type: "string", default: projectRoot },
  },
});

const supabaseUrl = process.env.SUPABASE_URL || "http://127.0.0.1:54321";
const anonKey =
  process.env.SUPABASE_ANON_KEY ||
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";
const databaseUrl = process.env.DATABASE_URL || "postgresql://postgres:postgres@127.0.0.1:54322/postgres";

/**
 * @param {string} name
 * @param {string | undefined} raw
 */
function positive(name, raw) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer (got "${raw}")`);
  return value;
}
/**
 * @param {string} url
 * @param {string} what
 */
function assertLoopback(url, what) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`${what} must be on the loopback interface (got ${host})`);
}

const durationMs = positive("duration", options.duration) * 1000;
const sessionCount = positive("sessions", options.sessions);
const poolSize = positive("pool", options.pool);
const paths = options.path === "both" ? ["postgrest", "actions"] : [options.path];
if (!paths.every((p) => p === "postgrest" || p === "actions")) throw new Error(`--path must be postgrest, actions or both`);
assertLoopback(supabaseUrl, "SUPABASE_URL");
assertLoopback(databaseUrl.replace(/^postgres(ql)?:/, "http:"), "DATABASE_URL");
if (options["base-url"]) assertLoopback(options["base-url"], "--base-url");

/**
 * @typedef {Awaited<ReturnType<typeof signIn>>} SignedIn
 * @param {"admin" | "directeur"} role
 */
async function signIn(role) {
  const client = createClient(supabaseUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { data, error } = await client.auth.signInWithPassword({ email: `${role}@depot.test`, password: "demo-governance" });
  if (error || !data.session) throw new Error(`sign-in as ${role}@depot.test failed: ${error?.message ?? "no session"}`);
  return { client, session: data.session, userId: data.user.id, role };
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * `next start` from the app dir.
 * @param {string} appDir
 */
async function startConsole(appDir) {
  const port = await freePort();
  const child = spawn(path.join(appDir, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: appDir,
    env: {
      NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
      // A production server needs a signing key; the stack is local (loopback only), so its key.
      AUDIT_SIGNING_KEY: localAuditSigningKey,
      ...process.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Its own process group (detached): `next start` forks the real server, and both must stop.
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${baseUrl}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    ) {
      console.log(`[load] console started at ${baseUrl}`);
      return { baseUrl, stop };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error(`the console did not start from ${appDir} (is it built? npm run build)`);
}

/** @param {Awaited<ReturnType<typeof runWorkload>>["stats"]} stats */
const format = (stats) =>
  `${stats.attempts} attempts in ${stats.seconds.toFixed(1)} s = ${stats.throughput.toFixed(1)}/s, ` +
  `${stats.wins} transitions, errors ${stats.errors} (${(stats.errorRate * 100).toFixed(2)} %), ` +
  `p50 ${stats.p50Ms.toFixed(0)} ms, p95 ${stats.p95Ms.toFixed(0)} ms`;

/**
 * Rounds of load through one path until the duration is spent; returns the problems and errors seen.
 * @param {string} loadPath "postgrest" or "actions"
 * @param {pg.Pool} db
 * @param {SignedIn[]} signedIn
 * @param {string | undefined} baseUrl the console, for "actions"
 */
async function runPath(loadPath, db, signedIn, baseUrl) {
  /** @type {(s: SignedIn) => import("./load/workload.mjs").LoadSession["act"]} */
  let act = (s) => actThroughPostgrest(s.client);
  if (loadPath === "actions") {
    if (!baseUrl) throw new Error("the actions path needs the console's URL");
    const consoleUrl = baseUrl;
    const actionIds = loadActionIds(options["app-dir"]);
    act = (s) => actThroughServerActions({ baseUrl: consoleUrl, supabaseUrl, session: s.session, actionIds });
  }
  const sessions = signedIn.map((s) => ({ role: s.role, userId: s.userId, act: act(s) }));
  const total = { attempts: 0, wins: 0, errors: 0, seconds: 0, problems: 0, latencies: /** @type {number[]} */ ([]) };
  const deadline = Date.now() + durationMs;
  let round = 0;
  while (Date.now() < deadline) {
    round += 1;
    const pool = await createAlertPool(db, poolSize);
    const syncLoop = startSyncLoop(db, { pauseMs: 50 });
    const clearing = setTimeout(
      () =>
        void fixTrucks(
          db,
          pool.slice(0, Math.ceil(poolSize / 5)).map((a) => a.truckId),
        ),
      200,
    );
    const { attempts, stats } = await runWorkload({ sessions, pool, durationMs: deadline - Date.now(), maxAttempts: 200_000 });
    clearTimeout(clearing);
    const sync = await syncLoop.stop();
    const { problems, totals } = await verifyOutcome(db, pool, attempts);
    await removeAlertPool(db, pool);
    console.log(
      `[load] ${loadPath} round ${round}: ${format(stats)}; ${sync.runs} syncs; ${totals.resolvedAlerts}/${poolSize} resolved; ${problems.length ? `${problems.length} PROBLEM(S)` : "checks passed"}`,
    );
    for (const problem of problems.slice(0, 10)) console.error(`  ✗ ${problem}`);
    for (const error of stats.firstErrors) console.error(`  error: ${error}`);
    total.attempts += stats.attempts;
    total.wins += stats.wins;
    total.errors += stats.errors;
    total.seconds += stats.seconds;
    total.problems += problems.length + sync.errors.length;
    total.latencies.push(...attempts.map((a) => a.ms));
  }
  total.latencies.sort((a, b) => a - b);
  const pct = (/** @type {number} */ p) => total.latencies[Math.min(total.latencies.length - 1, Math.floor((p / 100) * total.latencies.length))] ?? 0;
  console.log(
    `[load] ${loadPath} total: ${total.attempts} attempts in ${total.seconds.toFixed(1)} s = ${(total.attempts / total.seconds).toFixed(1)}/s, ` +
      `${total.wins} transitions = ${(total.wins / total.seconds).toFixed(1)}/s, error rate ${((total.errors / Math.max(1, total.attempts)) * 100).toFixed(2)} %, ` +
      `p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, ${round} round(s), ${total.problems} problem(s)`,
  );
  return total.problems + total.errors;
}

const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
let console_ = null;
let failures = 0;
// Far above what the load can reach: the run measures the workflow, not the write limit.
const {
  rows: [{ api_writes_per_minute: writeLimit }],
} = await db.query("select api_writes_per_minute from public.governance_settings where id");
await db.query("update public.governance_settings set api_writes_per_minute = 100000 where id");
try {
  console.log(`[load] ${sessionCount} sessions, pool ${poolSize}, ${durationMs / 1000} s per path: ${paths.join(", ")}; stack ${supabaseUrl}`);
  const signedIn = await Promise.all(Array.from({ length: sessionCount }, (_, i) => signIn(i % 2 === 0 ? "admin" : "directeur")));
  for (const loadPath of paths) {
    let baseUrl = options["base-url"];
    if (loadPath === "actions" && !baseUrl) {
      console_ = await startConsole(path.resolve(options["app-dir"]));
      baseUrl = console_.baseUrl;
    }
    failures += await runPath(loadPath, db, signedIn, baseUrl);
  }
} finally {
  console_?.stop();
  await db.query("update public.governance_settings set api_writes_per_minute = $1 where id", [writeLimit]);
  await db.end();
}
if (failures) {
  console.error(`\n✗ load test: ${failures} problem(s) or error(s)`);
  process.exit(1);
}
console.log("\n✓ load test passed");
