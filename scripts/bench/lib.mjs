/**
 * Helpers of the benchmark: percentiles, timing loops, the bench stack in a child process, the
 * console's session cookies, the resident memory of a process tree.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServerClient } from "@supabase/ssr";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * @typedef {{ n: number, p50: number, p95: number, p99: number, min: number, max: number, mean: number }} Summary
 */

/**
 * Nearest-rank percentiles of a list of durations (ms), rounded to 0.1 ms. NaN for an empty list.
 * @param {number[]} samples
 * @returns {Summary}
 */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (/** @type {number} */ p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const r = (/** @type {number | undefined} */ v) => Math.round((v ?? Number.NaN) * 10) / 10;
  return {
    n: sorted.length,
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    min: r(sorted[0]),
    max: r(sorted.at(-1)),
    mean: r(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/**
 * Runs `fn` `warmup` times unmeasured, then `n` times measured; returns the samples (ms).
 * @param {number} n
 * @param {(i: number) => Promise<unknown>} fn called with the run's index (negative while warming up)
 * @param {{ warmup?: number }} [options]
 */
export async function timeIt(n, fn, { warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  /** @type {number[]} */
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * `workers` loops in parallel, each running `fn(worker, i)` `perWorker` times; all samples (ms).
 * @param {number} workers
 * @param {number} perWorker
 * @param {(worker: number, i: number) => Promise<unknown>} fn
 */
export async function timeConcurrent(workers, perWorker, fn) {
  /** @type {number[]} */
  const samples = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) {
        const t0 = performance.now();
        await fn(w, i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { samples, wallMs: performance.now() - started };
}

/** Lets this process import the console's TypeScript modules (lib/alerts/queries.ts) as they are. */
export { registerTsImports } from "../ts-imports.mjs";

/**
 * The bench stack's child process, as it reported itself ready.
 * @typedef {{
 *   readySeconds: number, apiUrl: string, dbUrl: string, anonKey: string, serviceRoleKey: string,
 *   wallSeconds: number, child: import("node:child_process").ChildProcess, stop: () => Promise<void>,
 * }} BenchStack
 */

/**
 * Starts the bench stack (scripts/bench/stack-child.mjs) and resolves when it is ready.
 * @param {{ apiPort: number, dbPort: number, dataDir: string, reset: boolean, log?: (message: string) => void }} options
 * @returns {Promise<BenchStack>}
 */
export function startBenchStack({ apiPort, dbPort, dataDir, reset, log }) {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(projectRoot, "scripts/bench/stack-child.mjs"), ...(reset ? ["--reset"] : []), "bench-helper"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      STACK_API_PORT: String(apiPort),
      STACK_DB_PORT: String(dbPort),
      STACK_DATA_DIR: dataDir,
      STACK_SYNC_INTERVAL_SECONDS: "86400",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`bench stack not ready within 180 s:\n${output.slice(-2000)}`));
    }, 180_000);
    const onData = (/** @type {string} */ chunk) => {
      output += chunk;
      const line = output.split("\n").find((l) => l.startsWith("BENCH_STACK_READY "));
      if (line) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stdout.resume();
        const info = JSON.parse(line.slice("BENCH_STACK_READY ".length));
        const wallSeconds = (performance.now() - started) / 1000;
        log?.(`stack ready in ${wallSeconds.toFixed(1)} s (${reset ? "fresh cluster, migrations, seed" : "warm"})`);
        resolve({
          ...info,
          wallSeconds,
          child,
          stop: async () => {
            if (child.exitCode !== null) return;
            await new Promise((done) => {
              child.once("exit", done);
              child.kill("SIGTERM");
              setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
            });
          },
        });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bench stack exited (${code}):\n${output.slice(-2000)}`));
    });
  });
}

/**
 * Signs in through the stack's auth endpoint the way the console's sign-in does (@supabase/ssr),
 * and returns the session cookies as a `Cookie` header, plus the access token.
 * @param {{ apiUrl: string, anonKey: string, email: string, password?: string }} options
 */
export async function signInCookies({ apiUrl, anonKey, email, password = "demo-governance" }) {
  /** @type {Map<string, string>} */
  const jar = new Map();
  const supabase = createServerClient(apiUrl, anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (list) => {
        for (const { name, value } of list) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
  });
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw new Error(`sign-in as ${email} failed: ${error?.message ?? "no session"}`);
  return {
    cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
    accessToken: data.session.access_token,
    userId: data.user.id,
  };
}

/**
 * Resident memory (kB) of a process and all its descendants, from /proc.
 * @param {number} rootPid
 */
export function treeRssKb(rootPid) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  /** @type {Map<number, number>} */
  const rss = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const siblings = children.get(ppid) ?? [];
      siblings.push(Number(entry));
      children.set(ppid, siblings);
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {}
  }
  let total = 0;
  const stack = [rootPid];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Samples treeRssKb every `everyMs` until stopped; returns the peak (MB).
 * @param {number} rootPid
 * @param {number} [everyMs]
 */
export function rssSampler(rootPid, everyMs = 100) {
  let peakKb = treeRssKb(rootPid);
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, treeRssKb(rootPid));
  }, everyMs);
  return {
    reset() {
      peakKb = treeRssKb(rootPid);
    },
    peakMb: () => Math.round(peakKb / 102.4) / 10,
    stop() {
      clearInterval(timer);
      return Math.round(peakKb / 102.4) / 10;
    },
  };
}
