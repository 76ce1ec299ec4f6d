/**
 * `npm run bench`: the console's cost at scales 1, 10 and 100 (DESIGN §4, issue 7), written to
 * docs/benchmarks.json and docs/benchmarks.md.
 *
 *   --scales 1,10,100   which scales (each on its own fresh stack: 127.0.0.1:63321 API / 63322 DB,
 *                       data in .local/bench-<scale>, deleted afterwards unless --keep)
 *   --smoke             scale 1, a few iterations, no targets asserted, nothing written to docs/
 *   --attach            use a running stack and console instead of starting them (the test runner's:
 *                       SUPABASE_URL, SUPABASE_ANON_KEY, DATABASE_URL, BENCH_BASE_URL, BENCH_SERVER_PID)
 *   --build-dir DIR     a production build made with NEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:63321
 *                       (default: build the project itself with that URL when .next lacks one)
 *   --iterations N      samples per figure (default 200; sync and integrity fewer at scale 100)
 *
 * Each figure is p50/p95/p99 over its samples. The stack runs in a child process (startStack()),
 * the console is `next start` of a production build (the database's per-user write limit raised for
 * the run: governance_settings.api_writes_per_minute), the load
 * comes from this process: supabase-js for the alert list (the real fetchAlertPage), HTTP for the
 * server action (the action id comes from the build's server-reference manifest) and the pages.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { projectRoot, registerTsImports, rssSampler, signInCookies, startBenchStack, summarize, timeConcurrent, timeIt } from "./lib.mjs";
import { localAuditSigningKey } from "../../supabase/local/config.mjs";
import { benchNotifications } from "./notifications.mjs";
import { seedBench } from "./seed.mjs";

/**
 * @typedef {import("./lib.mjs").Summary} Summary
 * @typedef {Summary & { rows?: number, throughputPerSecond?: number, fullResponseP95?: number, lost?: number, doubled?: number, largestBytes?: number }} Figure
 * @typedef {{ status: number, scripts: number, kB: number, gzipKB: number, noModuleGzipKB: number }} RouteScripts
 * @typedef {{
 *   scale: number,
 *   figures: Record<string, Figure>,
 *   counts: Record<string, unknown>,
 *   plans: Record<string, string>,
 *   list?: Record<string, Figure>,
 *   ratios?: Record<string, number>,
 *   firstLoadJs?: Record<string, RouteScripts>,
 *   peakRssMb?: number,
 *   seedSeconds?: number,
 *   seedSteps?: import("./seed.mjs").SeedStep[],
 *   stackColdSeconds?: number | null,
 *   uptime?: string,
 * }} ScaleResult one scale's measurements
 * @typedef {{
 *   generatedAt: string,
 *   smoke: boolean,
 *   machine: {
 *     cpus: number, cpuModel: string | undefined, memGiB: number, node: string,
 *     uptimeBefore: string, uptimeAfter?: string, calibration?: { sha256_256MiB_ms: number },
 *   },
 *   scales: ScaleResult[],
 *   notes?: string,
 * }} Report
 * @typedef {{ apiUrl: string, anonKey: string, dbUrl: string, serviceRoleKey?: string, stop: () => Promise<void> }} Stack
 * @typedef {Stack & (
 *   { base: string, buildDir: string, serverPid: number | null } |
 *   { base: null, buildDir: string | null, serverPid: number | null }
 * )} BenchEnv `base`: the console's URL (none: no console figures), `buildDir` its build,
 *   `serverPid` its server process (for its memory)
 */

const argv = process.argv.slice(2);
const flag = (/** @type {string} */ name) => argv.includes(`--${name}`);
/**
 * @template {string | undefined} F
 * @param {string} name
 * @param {F} fallback
 * @returns {string | F}
 */
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value !== undefined ? value : fallback;
};
const smoke = flag("smoke");
const attach = flag("attach");
const scales = smoke ? [1] : option("scales", "1,10,100").split(",").map(Number);
const baseIterations = Number(option("iterations", smoke ? "5" : "200"));
const API_PORT = 63321;
const DB_PORT = 63322;
const WEB_PORT = Number(option("port", "63400"));
const log = (/** @type {string} */ message) => console.log(`[bench] ${message}`);

const TARGETS = {
  "acknowledge c1 p99 (ms)": 50,
  "acknowledge c1 p99 / bare PATCH p99": 2,
  "acknowledge c1 p50 / bare PATCH p50": 1.5,
  "alert list p95, worst page/filter (ms)": 50,
  // Issue 14: grouped by check or by object, under the same 50 ms.
  "alert list grouped p95, worst grouping (ms)": 50,
  "integrity page TTFB p95 (ms)": 200,
  "alerts page TTFB p95 (ms)": 200,
  "v_integrity_checks p95 (ms)": 200,
  // Issue 13: the steady state stays within 400 ms with every family of checks.
  "sync 10k checks p95 (ms), steady state (rerun)": 400,
  "sync 10k checks p95 (ms), first sync opening all": 1000,
  "first-load JS, largest governance route (kB gz)": 200,
  "stack ready from cold (s)": 10,
  // Issue 15: 1,000 CRITICAL alerts opening at once reach the inbox within 10 s, none lost or
  // doubled; one event's webhook within the audit closure's 1.2 s.
  "detection → e-mail accepted p95 (ms), 1,000 alerts at once": 10000,
  "e-mails lost or doubled": 0,
  "event commit → webhook delivered p95 (ms)": 1200,
  // Issue 16: a month's board report, rendered the first time it is asked for.
  "board report first render p95 (ms)": 5000,
};

// The production build ---------------------------------------------------------------------------
/**
 * The console's production build for the stack at `apiUrl`: --build-dir, or this project (built
 * when its .next lacks a build for that URL).
 * @param {string} apiUrl
 * @param {string} anonKey
 */
function ensureBuild(apiUrl, anonKey) {
  const dir = path.resolve(option("build-dir", process.env.BENCH_BUILD_DIR || projectRoot));
  const marker = path.join(dir, ".next/BENCH_SUPABASE_URL");
  const hasBuild = existsSync(path.join(dir, ".next/BUILD_ID"));
  const builtFor = existsSync(marker) ? readFileSync(marker, "utf8").trim() : null;
  if (hasBuild && (builtFor === apiUrl || option("build-dir", process.env.BENCH_BUILD_DIR))) return dir;
  log(`building the console in ${dir} for ${apiUrl} …`);
  const result = spawnSync(path.join(dir, "node_modules/.bin/next"), ["build"], {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, NEXT_PUBLIC_SUPABASE_URL: apiUrl, NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey },
  });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(marker, `${apiUrl}\n`);
  return dir;
}

/**
 * `next start` of the build in `dir`, against the stack.
 * @param {string} dir
 * @param {Stack} stack
 */
async function startConsole(dir, stack) {
  const child = spawn(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "start", "--hostname", "127.0.0.1", "--port", String(WEB_PORT)], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_PUBLIC_SUPABASE_URL: stack.apiUrl,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      AUDIT_SIGNING_KEY: localAuditSigningKey,
      BENCH_HELPER: "bench-helper",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${WEB_PORT}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    pid: child.pid,
    stop: () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {}
    },
  };
}

// HTTP ---------------------------------------------------------------------------------------------
/**
 * One request; resolves with the status, the time to the response head (TTFB) and the full time.
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [options]
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, ttfb: number, total: number, body: string }>}
 */
function request(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, { method, headers, agent: keepAlive }, (res) => {
      const ttfb = performance.now() - t0;
      /** @type {Buffer[]} */
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, ttfb, total: performance.now() - t0, body: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

// The router state the browser sends with a server action called from the alert list.
const ALERTS_ROUTER_STATE = encodeURIComponent(
  JSON.stringify([
    "",
    {
      children: [
        "governance",
        { children: ["alerts", { children: ["(list)", { children: ["__PAGE__", {}, null, null] }, null, null] }, null, null] },
        null,
        null,
      ],
    },
    null,
    null,
    true,
  ]),
);

/**
 * A server action's id in a build, from its server reference manifest.
 * @param {string} buildDir
 * @param {string} exportedName
 */
function actionId(buildDir, exportedName) {
  /** @type {{ node: Record<string, { exportedName: string }> }} */
  const manifest = JSON.parse(readFileSync(path.join(buildDir, ".next/server/server-reference-manifest.json"), "utf8"));
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`no server action ${exportedName} in the build`);
  return entry[0];
}

// One scale -------------------------------------------------------------------------------------------
/**
 * @param {number} scale
 * @param {BenchEnv} env
 * @returns {Promise<ScaleResult>}
 */
async function benchScale(scale, env) {
  /** @type {ScaleResult} */
  const result = { scale, figures: {}, counts: {}, plans: {} };
  const iters = (/** @type {number} */ n) => Math.max(3, Math.round(n));
  const it = baseIterations;
  const db = new pg.Client({ connectionString: env.dbUrl });
  // The stack stopping after a failure ends this connection: that must not hide the failure.
  db.on("error", () => {});
  await db.connect();
  /**
   * The rows of a query as the superuser.
   * @param {string} sql
   * @param {unknown[]} [values]
   */
  const q = async (sql, values) => (await db.query(sql, values)).rows;

  // Data ------------------------------------------------------------------------------------------
  const seeded = await seedBench({ scale, seed: 1, databaseUrl: env.dbUrl, log: (m) => log(m) });
  result.seedSeconds = Math.round(seeded.seconds * 10) / 10;
  result.seedSteps = seeded.steps;
  // The load comes from a few users: far more writes a minute than the production limit allows.
  const [{ api_writes_per_minute: writeLimit }] = await q("select api_writes_per_minute from public.governance_settings where id");
  await q("update public.governance_settings set api_writes_per_minute = 100000 where id");
  for (const [name, table] of /** @type {const} */ ([
    ["daily stock", "stocks_journaliers"],
    ["trucks", "cours_de_route"],
    ["receipts", "receptions"],
    ["outflows", "sorties_produit"],
    ["alerts", "system_alerts"],
    ["ledger events", "system_alert_events"],
  ])) {
    result.counts[name] = Number((await q(`select count(*) from public.${table}`))[0].count);
  }

  // v_integrity_checks ----------------------------------------------------------------------------
  const heavy = scale >= 100 ? 0.1 : scale >= 10 ? 0.25 : 1;
  let checkRows = 0;
  result.figures["v_integrity_checks full evaluation"] = summarize(
    await timeIt(iters(Math.min(it, 100) * heavy * 2), async () => {
      checkRows = (await db.query("select * from public.v_integrity_checks")).rowCount ?? 0;
    }),
  );
  result.counts["check rows"] = checkRows;
  result.counts["checks by code"] = Object.fromEntries(
    (await q("select check_code, count(*)::int as n from public.v_integrity_checks group by 1 order by 1")).map((r) => [r.check_code, r.n]),
  );

  // The sync: opening every check's alert (rolled back after each run, so each run starts from the
  // same state), then committed once, then the idempotent rerun (also rolled back).
  const syncOnce = async (/** @type {boolean} */ commit) => {
    await db.query("begin");
    const { rows } = await db.query("select public.sync_system_alerts() as r");
    await db.query(commit ? "commit" : "rollback");
    return rows[0].r;
  };
  /** @type {unknown} */
  let lastSync = null;
  result.figures["sync_system_alerts() opening all checks"] = summarize(
    await timeIt(iters(Math.min(it, 30) * heavy), async () => (lastSync = await syncOnce(false)), { warmup: 0 }),
  );
  result.counts["sync (first run)"] = await syncOnce(true);
  // Steady state is what a depot lives in minute after minute: the first run's rows already
  // vacuumed and analysed (autovacuum does it within a minute of such a write), caches warm. Before
  // this, the rerun's three samples started right after the commit — the first one setting the hint
  // bits of 10,000 new alerts and ledger events, and being the "p95" of three.
  await db.query("vacuum (analyze) public.system_alerts, public.system_alert_events, public.notification_deliveries");
  result.figures["sync_system_alerts() idempotent rerun"] = summarize(
    await timeIt(Math.max(10, iters(Math.min(it, 30) * heavy)), async () => (lastSync = await syncOnce(false)), { warmup: 1 }),
  );
  result.counts["sync (rerun)"] = lastSync;

  // The audit page's chain check: from scratch (no checkpoint: every event rehashed; rolled back so
  // the checkpoint stays), then from the checkpoint a first call leaves (the digest of the events
  // already verified, the new ones rehashed).
  const verifyOnce = async (/** @type {boolean} */ fromScratch) => {
    await db.query("begin");
    try {
      if (fromScratch) await db.query("delete from private.alert_event_chain_checkpoint");
      const { rows } = await db.query("select * from public.verify_alert_event_chain()");
      if (!rows[0]?.valid) throw new Error(`verify_alert_event_chain: ${JSON.stringify(rows[0])}`);
    } finally {
      await db.query(fromScratch ? "rollback" : "commit");
    }
  };
  result.figures["verify_alert_event_chain() whole ledger"] = summarize(
    await timeIt(iters(Math.min(it, 10) * heavy * 3), () => verifyOnce(true), { warmup: 0 }),
  );
  result.figures["verify_alert_event_chain() from its checkpoint"] = summarize(await timeIt(iters(Math.min(it, 30) * heavy * 3), () => verifyOnce(false)));

  // The alert list: the console's own fetchAlertPage, through supabase-js, signed in as the PCA --------
  // A depot pauses a few alerts: 50 active ones, for a week (the « En pause » view, and the filter
  // every other view applies).
  await q(
    `update public.system_alerts set snoozed_until = now() + interval '7 days', snoozed_at = now(),
       snoozed_by = '00000000-0000-4000-8000-000000000002', snooze_reason = 'Bench'
     where id in (select id from public.system_alerts where status in ('OPEN', 'ACK') order by first_seen_at, id limit 50)`,
  );
  // And a directeur silences a check for a week: 50 other active alerts opened under it (the
  // « En silence » view, and the filter every other view applies). The alerts are tied to it as the
  // superuser with triggers off: only an insert sets an alert's silence.
  await q(
    `begin;
     set local session_replication_role = replica;
     with silence as (
       insert into public.alert_silences (check_code, entity_type, entity_id, starts_at, ends_at, reason, created_by)
       select 'STOCK_NEGATIF', 'depot', d.id::text, now() - interval '1 hour', now() + interval '7 days', 'Bench',
         '00000000-0000-4000-8000-000000000002'
       from public.depots d order by d.code limit 1
       returning id
     )
     update public.system_alerts set silence_id = (select id from silence)
     where id in (select id from public.system_alerts where status in ('OPEN', 'ACK') and snoozed_until is null
       order by first_seen_at desc, id desc limit 50);
     commit;`,
  );
  registerTsImports();
  const { fetchAlertPage, fetchAlertGroups } = /** @type {typeof import("../../lib/alerts/queries.ts")} */ (
    await import(path.join(projectRoot, "lib/alerts/queries.ts"))
  );
  const { alertFiltersSchema, decodeCursor, encodeCursor } = /** @type {typeof import("../../lib/alerts/schemas.ts")} */ (
    await import(path.join(projectRoot, "lib/alerts/schemas.ts"))
  );
  /** @type {import("@supabase/supabase-js").SupabaseClient<import("../../lib/supabase/database.types.ts").Database>} */
  const reader = createClient(env.apiUrl, env.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  {
    const { error } = await reader.auth.signInWithPassword({ email: "pca@depot.test", password: "demo-governance" });
    if (error) throw new Error(`pca sign-in: ${error.message}`);
  }
  const sortColumns = { recent: "first_seen_at.desc,id.desc", oldest: "first_seen_at.asc,id.asc", severity: "severity_rank.desc,first_seen_at.desc,id.desc" };
  /**
   * @typedef {{ status: string, sort: "recent" | "oldest" | "severity", severity?: string, check?: string, q?: string, snoozed?: string, silenced?: string }} ListFilters
   */
  /**
   * The cursor a user reaches after `depth` rows, read through the same API.
   * @param {ListFilters} filters
   * @param {number} depth
   */
  async function cursorAt(filters, depth) {
    let query = reader.from("v_system_alerts").select("id, first_seen_at, severity_rank");
    if (filters.status === "active") query = query.in("status", ["OPEN", "ACK"]);
    else if (filters.status !== "all") query = query.eq("status", filters.status);
    if (filters.severity) query = query.eq("severity", filters.severity);
    if (filters.check) query = query.eq("check_code", filters.check);
    for (const part of sortColumns[filters.sort].split(",")) {
      const [col, dir] = /** @type {[string, string]} */ (part.split("."));
      query = query.order(col, { ascending: dir === "asc" });
    }
    const { data, error } = await query.range(depth, depth);
    if (error) throw new Error(error.message);
    const row = data?.[0];
    if (!row) return undefined;
    const k = filters.sort === "severity" ? [row.severity_rank, row.first_seen_at] : [row.first_seen_at];
    return encodeCursor({ k, id: row.id });
  }
  const activeCount = Number((await q("select count(*) from public.system_alerts where status in ('OPEN','ACK')"))[0].count);
  const allCount = Number((await q("select count(*) from public.system_alerts"))[0].count);
  const deepActive = Math.max(0, Math.min(5000, activeCount - 60));
  const deepAll = Math.max(0, Math.min(50000, allCount - 60));
  /** @type {[label: string, filters: ListFilters, depth: number][]} */
  const listCases = [
    ["active, recent — first page", { status: "active", sort: "recent" }, 0],
    [`active, recent — deep page (row ${deepActive})`, { status: "active", sort: "recent" }, deepActive],
    ["all, recent — first page", { status: "all", sort: "recent" }, 0],
    [`all, recent — deep page (row ${deepAll})`, { status: "all", sort: "recent" }, deepAll],
    [`all, oldest — deep page (row ${deepAll})`, { status: "all", sort: "oldest" }, deepAll],
    ["active, by severity — first page", { status: "active", sort: "severity" }, 0],
    ["all, CRITICAL — first page", { status: "all", severity: "CRITICAL", sort: "recent" }, 0],
    ["all, check ECART_15C — deep page (row 2000)", { status: "all", check: "ECART_15C", sort: "recent" }, 2000],
    ["RESOLVED — first page", { status: "RESOLVED", sort: "recent" }, 0],
    ["« En pause » (snoozed) — first page", { status: "all", sort: "recent", snoozed: "1" }, 0],
    ["« En silence » (silenced) — first page", { status: "all", sort: "recent", silenced: "1" }, 0],
    ["all, search 'T07' — first page", { status: "all", q: "T07", sort: "recent" }, 0],
    ["all, search with no match", { status: "all", q: "zz-aucun-resultat", sort: "recent" }, 0],
  ];
  result.list = {};
  for (const [label, raw, depth] of listCases) {
    const cursor = depth ? await cursorAt({ ...raw }, depth) : undefined;
    // A cursor the console refuses is silently ignored (first page): that would time the wrong page.
    if (cursor && !decodeCursor(cursor)) throw new Error(`${label}: the console rejects the cursor ${cursor}`);
    const filters = alertFiltersSchema.parse({ ...raw, cursor });
    let rows = 0;
    const samples = await timeIt(
      iters(it / 2),
      async () => {
        const page = await fetchAlertPage(reader, filters);
        rows = page.rows.length;
      },
      { warmup: 2 },
    );
    result.list[label] = { ...summarize(samples), rows };
  }
  // Grouped (issue 14): one request, the groups under the list's filters.
  /** @type {[label: string, filters: ListFilters & { group: "check" | "entity" }][]} */
  const groupCases = [
    ["grouped by check — active", { status: "active", sort: "recent", group: "check" }],
    ["grouped by object — active", { status: "active", sort: "recent", group: "entity" }],
    ["grouped by check — all statuses", { status: "all", sort: "recent", group: "check" }],
    ["grouped by object — all statuses", { status: "all", sort: "recent", group: "entity" }],
  ];
  for (const [label, raw] of groupCases) {
    const filters = { ...alertFiltersSchema.parse(raw), group: raw.group };
    let rows = 0;
    const samples = await timeIt(
      iters(it / 2),
      async () => {
        rows = (await fetchAlertGroups(reader, filters)).groups.length;
      },
      { warmup: 2 },
    );
    result.list[label] = { ...summarize(samples), rows };
  }
  // The board's review (issue 16): one call, the period's figures, read as the PCA (every depot).
  {
    const { fetchReviewSummary } = /** @type {typeof import("../../lib/review/queries.ts")} */ (await import(path.join(projectRoot, "lib/review/queries.ts")));
    const now = Date.now();
    for (const days of [30, 90]) {
      const bounds = { since: new Date(now - days * 86_400_000), until: new Date(now) };
      result.figures[`review_summary() last ${days} days, every depot`] = summarize(
        await timeIt(iters(Math.min(it, 40)), () => fetchReviewSummary(reader, bounds, undefined), { warmup: 2 }),
      );
    }
  }
  for (const [name, grouped] of /** @type {const} */ ([
    ["alert list, worst case", false],
    ["alert list grouped, worst case", true],
  ])) {
    const worst = worstOf(result.list, grouped);
    if (worst) result.figures[name] = worst;
  }

  // The console: acknowledge, pages, bundles, memory -----------------------------------------------
  if (env.base) {
    // Attached to the test run, the demo admin may have spent its rate limit in the end-to-end
    // tests: act as a bench admin there.
    const admin = await signInCookies({ apiUrl: env.apiUrl, anonKey: env.anonKey, email: attach ? "bench-admin-01@depot.test" : "admin@depot.test" });
    const ackId = actionId(env.buildDir, "acknowledgeAlertAction");
    const open = (await q("select id from public.system_alerts where status = 'OPEN' order by id")).map((r) => r.id);
    let next = 0;
    const take = () => {
      if (next >= open.length) throw new Error("out of OPEN alerts to acknowledge");
      return open[next++];
    };
    const perKind = Math.max(2, Math.min(it, Math.floor((open.length * 0.4) / 2)));
    const perWorker = Math.max(1, Math.min(Math.ceil(it / 16), Math.floor((open.length - 2 * perKind - 8) / 64)));
    /** @typedef {Awaited<ReturnType<typeof signInCookies>>} Session */
    const ackViaAction = async (/** @type {Session} */ session, /** @type {string} */ id) => {
      const res = await request(`${env.base}/governance/alerts`, {
        method: "POST",
        headers: {
          "Next-Action": ackId,
          "Next-Router-State-Tree": ALERTS_ROUTER_STATE,
          Accept: "text/x-component",
          "Content-Type": "text/plain;charset=UTF-8",
          Origin: env.base,
          Cookie: session.cookie,
        },
        body: JSON.stringify([{ id }]),
      });
      if (res.status !== 200 || !res.body.includes('"ok":true')) throw new Error(`acknowledge ${id}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    };
    const ackViaPatch = async (/** @type {Session} */ session, /** @type {string} */ id) => {
      const res = await fetch(`${env.apiUrl}/rest/v1/system_alerts?id=eq.${id}&status=eq.OPEN&select=id,status,acknowledged_at,acknowledged_by`, {
        method: "PATCH",
        headers: { apikey: env.anonKey, Authorization: `Bearer ${session.accessToken}`, "Content-Type": "application/json", Prefer: "return=representation" },
        body: JSON.stringify({ status: "ACK", ack_note: null }),
      });
      /** @type {unknown} */
      const body = await res.json();
      if (res.status !== 200 || !Array.isArray(body) || body.length !== 1)
        throw new Error(`PATCH ${id}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    };
    const rss = env.serverPid ? rssSampler(env.serverPid) : null;
    // Warm the server (first requests compile nothing in production, but fill caches and JIT).
    for (let i = 0; i < 2; i++) {
      await ackViaAction(admin, take());
      await ackViaPatch(admin, take());
    }
    const c1Action = [];
    const c1Patch = [];
    for (let i = 0; i < perKind; i++) {
      // Interleaved, so both see the same machine and the same table.
      let t0 = performance.now();
      await ackViaAction(admin, take());
      c1Action.push(performance.now() - t0);
      t0 = performance.now();
      await ackViaPatch(admin, take());
      c1Patch.push(performance.now() - t0);
    }
    result.figures["acknowledge (server action) c1"] = summarize(c1Action);
    result.figures["bare PostgREST PATCH c1"] = summarize(c1Patch);
    // The console's own share: the same action refused by input validation, before any database
    // request (the session verified in-process, the role from the token).
    result.figures["acknowledge refused before the database (server action) c1"] = summarize(
      await timeIt(
        Math.max(3, Math.min(it, perKind)),
        async () => {
          const res = await request(`${env.base}/governance/alerts`, {
            method: "POST",
            headers: {
              "Next-Action": ackId,
              "Next-Router-State-Tree": ALERTS_ROUTER_STATE,
              Accept: "text/x-component",
              "Content-Type": "text/plain;charset=UTF-8",
              Origin: env.base,
              Cookie: admin.cookie,
            },
            body: JSON.stringify([{ id: "not-a-uuid" }]),
          });
          if (res.status !== 200 || !res.body.includes('"code":"validation"'))
            throw new Error(`invalid acknowledge: HTTP ${res.status} ${res.body.slice(0, 300)}`);
        },
        { warmup: 2 },
      ),
    );

    // What PostgREST's pre-request hook (api_guard.check_request: live session, write budget) costs
    // each request: the same read and the same PATCH with it, then without it (unset for the
    // moment through PostgREST's in-database configuration, then set back).
    const readOnce = async () => {
      const res = await request(`${env.apiUrl}/rest/v1/system_alerts?select=id&limit=1`, {
        headers: { apikey: env.anonKey, Authorization: `Bearer ${admin.accessToken}` },
      });
      if (res.status !== 200) throw new Error(`GET system_alerts: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    };
    const hookIs = async (/** @type {boolean} */ on) => {
      const res = await request(`${env.apiUrl}/rest/v1/system_alerts?select=id&limit=1`, {
        headers: { apikey: env.anonKey, Authorization: `Bearer ${admin.accessToken}`, Prefer: "count=planned" },
      });
      // With the hook, 400 (no planned counts); without, 200 or 206 (a partial range with its count).
      return on ? res.status === 400 : res.status >= 200 && res.status < 300;
    };
    const setHook = async (/** @type {boolean} */ on) => {
      await q(on ? "alter role authenticator set pgrst.db_pre_request = 'api_guard.check_request'" : "alter role authenticator reset pgrst.db_pre_request");
      await q("notify pgrst, 'reload config'");
      const deadline = Date.now() + 10_000;
      while (!(await hookIs(on))) {
        if (Date.now() > deadline) throw new Error(`PostgREST did not ${on ? "set" : "unset"} the pre-request hook`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const hookSamples = Math.max(3, Math.min(it, perKind));
    const measureHook = async (/** @type {string} */ label) => {
      result.figures[`GET one alert (PostgREST), ${label}`] = summarize(await timeIt(hookSamples, readOnce, { warmup: 3 }));
      /** @type {number[]} */
      const patches = [];
      for (let i = 0; i < Math.max(3, Math.floor(hookSamples / 2)); i++) {
        const t0 = performance.now();
        await ackViaPatch(admin, take());
        patches.push(performance.now() - t0);
      }
      result.figures[`bare PostgREST PATCH c1, ${label}`] = summarize(patches);
    };
    await measureHook("with the pre-request hook");
    await setHook(false);
    try {
      await measureHook("without the pre-request hook");
    } finally {
      await setHook(true);
    }

    /** @type {Session[]} */
    const admins = [];
    for (let i = 1; i <= 16; i++)
      admins.push(await signInCookies({ apiUrl: env.apiUrl, anonKey: env.anonKey, email: `bench-admin-${String(i).padStart(2, "0")}@depot.test` }));
    const adminOf = (/** @type {number} */ worker) => {
      const session = admins[worker];
      if (!session) throw new Error(`no bench admin for worker ${worker}`);
      return session;
    };
    const c16Action = await timeConcurrent(16, perWorker, (w) => ackViaAction(adminOf(w), take()));
    const c16Patch = await timeConcurrent(16, perWorker, (w) => ackViaPatch(adminOf(w), take()));
    result.figures["acknowledge (server action) c16"] = {
      ...summarize(c16Action.samples),
      throughputPerSecond: Math.round((c16Action.samples.length / c16Action.wallMs) * 10000) / 10,
    };
    result.figures["bare PostgREST PATCH c16"] = {
      ...summarize(c16Patch.samples),
      throughputPerSecond: Math.round((c16Patch.samples.length / c16Patch.wallMs) * 10000) / 10,
    };
    const ratio = (/** @type {number} */ a, /** @type {number} */ b) => Math.round((a / b) * 10) / 10;
    result.ratios = {
      "c1 p50": ratio(result.figures["acknowledge (server action) c1"].p50, result.figures["bare PostgREST PATCH c1"].p50),
      "c1 p99": ratio(result.figures["acknowledge (server action) c1"].p99, result.figures["bare PostgREST PATCH c1"].p99),
      "c16 p50": ratio(result.figures["acknowledge (server action) c16"].p50, result.figures["bare PostgREST PATCH c16"].p50),
      "c16 p99": ratio(result.figures["acknowledge (server action) c16"].p99, result.figures["bare PostgREST PATCH c16"].p99),
    };

    // Server render: time to first byte of the pages, signed in as the admin.
    for (const [label, route] of /** @type {const} */ ([
      ["integrity page TTFB", "/governance/integrity"],
      ["alerts page TTFB", "/governance/alerts"],
    ])) {
      /** @type {number[]} */
      const samples = [];
      /** @type {number[]} */
      const totals = [];
      await timeIt(
        iters(it / 2),
        async (i) => {
          const res = await request(`${env.base}${route}`, { headers: { Cookie: admin.cookie, Accept: "text/html" } });
          if (res.status !== 200) throw new Error(`${route}: HTTP ${res.status}`);
          if (i >= 0) {
            samples.push(res.ttfb);
            totals.push(res.total);
          }
        },
        { warmup: 2 },
      );
      result.figures[label] = { ...summarize(samples), fullResponseP95: summarize(totals).p95 };
    }
    if (rss) result.peakRssMb = rss.stop();

    // The monthly board report (issue 16): the first request for a month renders it (figures,
    // lists, the ledger verified, the PDF, its signature) and keeps it; later ones read it back.
    // Each sample is another month (every depot), from last month backwards.
    {
      const pca = await signInCookies({ apiUrl: env.apiUrl, anonKey: env.anonKey, email: "pca@depot.test" });
      const kept = await q("select to_char(period_month, 'YYYY-MM') as m from public.board_reports where depot_id is null");
      const taken = new Set(kept.map((row) => row.m));
      /** @type {string[]} */
      const months = [];
      for (let back = 1; months.length < Math.max(3, Math.min(it / 5, 12)) && back < 300; back++) {
        const date = new Date();
        date.setUTCDate(15);
        date.setUTCMonth(date.getUTCMonth() - back);
        const month = date.toISOString().slice(0, 7);
        if (!taken.has(month)) months.push(month);
      }
      const fetchReport = async (/** @type {string} */ month) => {
        const res = await request(`${env.base}/api/review/report?month=${month}`, { headers: { Cookie: pca.cookie } });
        if (res.status !== 200 || !res.body.startsWith("%PDF-")) throw new Error(`board report ${month}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
      };
      /** @type {number[]} */
      const firsts = [];
      for (const month of months) {
        const t0 = performance.now();
        await fetchReport(month);
        firsts.push(performance.now() - t0);
      }
      // The PDFs' sizes as kept (the response is streamed without a Content-Length).
      const [{ largest }] = await q("select coalesce(max(byte_size), 0)::int as largest from public.board_reports where depot_id is null");
      result.figures["board report, first request (render, sign, keep), every depot"] = { ...summarize(firsts), largestBytes: largest };
      result.figures["board report, later request (kept)"] = summarize(
        await timeIt(iters(Math.min(it, 40)), () => fetchReport(/** @type {string} */ (months[0])), { warmup: 1 }),
      );
    }

    // First-load JavaScript per governance route: the scripts each page's HTML loads, gzipped.
    // /governance itself only redirects (307) to the integrity page: it has no page of its own.
    /** @type {Record<string, string>} */
    const routeManifest = JSON.parse(readFileSync(path.join(env.buildDir, ".next/app-path-routes-manifest.json"), "utf8"));
    const routes = Object.values(routeManifest).filter((r) => r.startsWith("/governance/"));
    /** The file of a script the HTML names (`/_next/static/…?v=…`). */
    const scriptFile = (/** @type {string} */ src) => path.join(env.buildDir, ".next", decodeURIComponent(src.replace(/^\/_next\//, "").split("?")[0] ?? ""));
    const anAlert = (await q("select id from public.system_alerts order by id limit 1"))[0]?.id;
    result.firstLoadJs = {};
    // A real value for each dynamic segment (an alert's id, a catalogued check code's runbook), so
    // every route answers its own page.
    /** @type {Record<string, string>} */
    const segmentValues = { "[id]": anAlert, "[code]": "STOCK_NEGATIF" };
    for (const route of routes.sort()) {
      const url = route.replace(/\[\w+\]/g, (segment) => segmentValues[segment] ?? segment);
      const res = await request(`${env.base}${url}`, { headers: { Cookie: admin.cookie, Accept: "text/html" } });
      // A 404 or a redirect would measure the not-found or sign-in page instead of this one.
      if (res.status !== 200) throw new Error(`first-load JS: ${url} answered HTTP ${res.status}, not the page`);
      // Not the `noModule` script: Next's legacy polyfills (≈ 40 kB gzipped), which every browser
      // that runs modules — all the console supports — neither downloads nor runs. Counted apart.
      const tags = [...res.body.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"[^>]*>/g)];
      // The pattern's one group always takes part in a match.
      const srcOf = (/** @type {RegExpExecArray} */ m) => /** @type {string} */ (m[1]);
      const srcs = [...new Set(tags.filter((m) => !/\snoModule/i.test(m[0])).map(srcOf))];
      const legacy = [...new Set(tags.filter((m) => /\snoModule/i.test(m[0])).map(srcOf))];
      let raw = 0;
      let gz = 0;
      for (const src of srcs) {
        const file = scriptFile(src);
        if (!existsSync(file)) continue;
        const content = readFileSync(file);
        raw += content.length;
        gz += gzipSync(content).length;
      }
      const legacyGz = legacy.reduce((sum, src) => {
        const file = scriptFile(src);
        return existsSync(file) ? sum + gzipSync(readFileSync(file)).length : sum;
      }, 0);
      result.firstLoadJs[route] = {
        status: res.status,
        scripts: srcs.length,
        kB: Math.round(raw / 102.4) / 10,
        gzipKB: Math.round(gz / 102.4) / 10,
        noModuleGzipKB: Math.round(legacyGz / 102.4) / 10,
      };
    }
  }

  // Plans of the hot queries, as the API runs them (role authenticated, the user's claims) ----------
  /**
   * The plan of a query run as an authenticated user, as PostgREST runs it for them.
   * @param {string} userId
   * @param {string} sql an `explain …`
   * @param {unknown[]} [values]
   */
  const asUser = async (userId, sql, values) => {
    await db.query("begin");
    try {
      await db.query("set local role authenticated");
      await db.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: userId, role: "authenticated" })]);
      const { rows } = await db.query(sql, values);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    } finally {
      await db.query("rollback");
    }
  };
  const PCA = "00000000-0000-4000-8000-000000000003";
  const ADMIN = "00000000-0000-4000-8000-000000000001";
  const cols =
    "id, check_code, severity, severity_rank, entity_type, entity_id, message, status, first_seen_at, last_seen_at, cleared_at, acknowledged_at, acknowledged_by_name, resolved_at, resolved_by_name, resolved_while_active";
  const deepRow = (await q("select first_seen_at, id from public.system_alerts order by first_seen_at desc, id desc offset $1 limit 1", [deepAll]))[0];
  const explain = "explain (analyze, buffers, costs off, timing on)";
  result.plans["v_integrity_checks (the sync's read)"] = (await q(`${explain} select * from public.v_integrity_checks`)).map((r) => r["QUERY PLAN"]).join("\n");
  result.plans["alert list: active, recent, first page"] = await asUser(
    PCA,
    `${explain} select ${cols} from public.v_system_alerts where status = any('{OPEN,ACK}') order by first_seen_at desc, id desc limit 51`,
  );
  if (deepRow) {
    result.plans[`alert list: all, recent, deep page (row ${deepAll})`] = await asUser(
      PCA,
      `${explain} select ${cols} from public.v_system_alerts where first_seen_at <= $1 and (first_seen_at < $1 or (first_seen_at = $1 and id < $2)) order by first_seen_at desc, id desc limit 51`,
      [deepRow.first_seen_at, deepRow.id],
    );
  }
  result.plans["alert list: search 'T07'"] = await asUser(
    PCA,
    `${explain} select ${cols} from public.v_system_alerts where search_text ilike '%T07%' order by first_seen_at desc, id desc limit 51`,
  );
  result.plans["alert list: search with no match"] = await asUser(
    PCA,
    `${explain} select ${cols} from public.v_system_alerts where search_text ilike '%zz-aucun-resultat%' order by first_seen_at desc, id desc limit 51`,
  );
  result.plans["integrity page: the most severe detected anomalies"] = await asUser(
    PCA,
    `${explain} select id, check_code, severity, entity_type, entity_id, message, details, status, first_seen_at from public.v_system_alerts where cleared_at is null order by severity_rank desc, first_seen_at desc, id desc limit 25`,
  );
  const oneOpen = (await q("select id from public.system_alerts where status = 'OPEN' order by id desc limit 1"))[0]?.id;
  if (oneOpen) {
    result.plans["acknowledge: the PATCH's update"] = await asUser(
      ADMIN,
      `${explain} update public.system_alerts set status = 'ACK', ack_note = null where id = $1 and status = 'OPEN' returning id, status, acknowledged_at, acknowledged_by`,
      [oneOpen],
    );
  }
  // Notifications, last: they open alerts of their own. Not with --attach: the test run's own
  // worker would take the deliveries.
  if (!attach) {
    log("notifications: detection → e-mail, commit → webhook …");
    const delivery = await benchNotifications({
      dbUrl: env.dbUrl,
      q,
      log,
      alerts: scale >= 100 ? 1000 : smoke ? 20 : 100,
      webhookSamples: scale >= 100 ? 30 : smoke ? 3 : 10,
    });
    Object.assign(result.figures, delivery);
  }
  await q("update public.governance_settings set api_writes_per_minute = $1 where id", [writeLimit]);
  await db.end();
  return result;
}

/**
 * The slowest (p95) of the list's figures: the flat pages, or the groupings.
 * @param {Record<string, Figure>} list
 * @param {boolean} grouped
 * @returns {Figure | undefined}
 */
function worstOf(list, grouped) {
  const figures = Object.entries(list)
    .filter(([label]) => label.startsWith("grouped ") === grouped)
    .map(([, figure]) => figure);
  return figures.length ? figures.reduce((a, b) => (b.p95 > a.p95 ? b : a)) : undefined;
}

// Report ---------------------------------------------------------------------------------------------
/**
 * The figures the targets are about, by target (TARGETS' keys).
 * @param {ScaleResult} r
 * @returns {Record<string, number | null | undefined>}
 */
function headline(r) {
  const f = r.figures;
  const worstJs = r.firstLoadJs ? Math.max(...Object.values(r.firstLoadJs).map((x) => x.gzipKB)) : null;
  const mailed = Object.entries(f).find(([name]) => name.startsWith("detection → e-mail accepted by SMTP"))?.[1];
  return {
    "acknowledge c1 p99 (ms)": f["acknowledge (server action) c1"]?.p99,
    "acknowledge c1 p99 / bare PATCH p99": r.ratios?.["c1 p99"],
    "acknowledge c1 p50 / bare PATCH p50": r.ratios?.["c1 p50"],
    // Read from the list's figures: a report of an older run holds the groupings in one worst case.
    "alert list p95, worst page/filter (ms)": (r.list ? worstOf(r.list, false) : f["alert list, worst case"])?.p95,
    "alert list grouped p95, worst grouping (ms)": (r.list ? worstOf(r.list, true) : f["alert list grouped, worst case"])?.p95,
    "integrity page TTFB p95 (ms)": f["integrity page TTFB"]?.p95,
    "alerts page TTFB p95 (ms)": f["alerts page TTFB"]?.p95,
    "v_integrity_checks p95 (ms)": f["v_integrity_checks full evaluation"]?.p95,
    "sync 10k checks p95 (ms), steady state (rerun)": f["sync_system_alerts() idempotent rerun"]?.p95,
    "sync 10k checks p95 (ms), first sync opening all": f["sync_system_alerts() opening all checks"]?.p95,
    "first-load JS, largest governance route (kB gz)": worstJs,
    "stack ready from cold (s)": r.stackColdSeconds,
    "detection → e-mail accepted p95 (ms), 1,000 alerts at once": f["detection → e-mail accepted by SMTP, 1000 alerts at once"]?.p95,
    "e-mails lost or doubled": mailed ? (mailed.lost ?? 0) + (mailed.doubled ?? 0) : undefined,
    "event commit → webhook delivered p95 (ms)": f["event commit → webhook delivered, one alert"]?.p95,
    "board report first render p95 (ms)": f["board report, first request (render, sign, keep), every depot"]?.p95,
  };
}

/**
 * docs/benchmarks.md.
 * @param {Report} report
 */
function markdown(report) {
  /** @type {string[]} */
  const lines = [];
  const fmt = (/** @type {Figure | undefined} */ s) => (s ? `${s.p50} / ${s.p95} / ${s.p99}` : "—");
  lines.push("# Benchmarks", "");
  lines.push(
    `Generated by \`npm run bench\` on ${report.generatedAt} — ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memGiB} GiB, Node ${report.machine.node}.`,
  );
  lines.push(`Machine load (\`uptime\`) before: \`${report.machine.uptimeBefore}\`; after: \`${report.machine.uptimeAfter}\`.`);
  lines.push(`Calibration (CPU speed on the day: SHA-256 of 256 MiB, best of 3): ${report.machine.calibration?.sha256_256MiB_ms ?? "—"} ms.`, "");
  lines.push("Times in ms as p50 / p95 / p99 unless stated. The targets apply at scale 100.", "");
  lines.push("## Targets", "");
  lines.push(`| target | limit | ${report.scales.map((s) => `scale ${s.scale}`).join(" | ")} | met at largest scale |`);
  lines.push(`| --- | --- | ${report.scales.map(() => "---").join(" | ")} | --- |`);
  const largest = report.scales.at(-1);
  if (!largest) throw new Error("no scale was measured");
  for (const [name, limit] of Object.entries(TARGETS)) {
    const values = report.scales.map((s) => headline(s)[name]);
    const v = headline(largest)[name];
    const met = v === undefined || v === null ? "n/a" : v <= limit ? "✓" : `✗ (+${Math.round((v / limit - 1) * 100)} %)`;
    lines.push(`| ${name} | ≤ ${limit} | ${values.map((x) => x ?? "—").join(" | ")} | ${met} |`);
  }
  lines.push("", "## Data", "");
  lines.push(`| | ${report.scales.map((s) => `scale ${s.scale}`).join(" | ")} |`, `| --- | ${report.scales.map(() => "---").join(" | ")} |`);
  const countKeys = Object.keys(largest.counts).filter((k) => typeof largest.counts[k] === "number");
  const count = (/** @type {unknown} */ value) => (typeof value === "number" ? value.toLocaleString("en") : "—");
  for (const k of countKeys) lines.push(`| ${k} | ${report.scales.map((s) => count(s.counts[k])).join(" | ")} |`);
  lines.push(`| generation time (s) | ${report.scales.map((s) => s.seedSeconds).join(" | ")} |`);
  lines.push(`| stack ready from cold (s) | ${report.scales.map((s) => s.stackColdSeconds ?? "—").join(" | ")} |`);
  lines.push("", "## Figures", "");
  lines.push(`| figure | ${report.scales.map((s) => `scale ${s.scale}`).join(" | ")} |`, `| --- | ${report.scales.map(() => "---").join(" | ")} |`);
  const figureNames = [...new Set(report.scales.flatMap((s) => Object.keys(s.figures)))];
  for (const name of figureNames) lines.push(`| ${name} | ${report.scales.map((s) => fmt(s.figures[name])).join(" | ")} |`);
  lines.push(
    `| ratio action / PATCH (c1 p50, c1 p99, c16 p50, c16 p99) | ${report.scales.map((s) => (s.ratios ? Object.values(s.ratios).join(", ") : "—")).join(" | ")} |`,
  );
  lines.push(
    `| throughput c16 action / PATCH (req/s) | ${report.scales.map((s) => `${s.figures["acknowledge (server action) c16"]?.throughputPerSecond ?? "—"} / ${s.figures["bare PostgREST PATCH c16"]?.throughputPerSecond ?? "—"}`).join(" | ")} |`,
  );
  lines.push(`| peak RSS of the console server (MB) | ${report.scales.map((s) => s.peakRssMb ?? "—").join(" | ")} |`);
  lines.push("", "### Alert list (fetchAlertPage through supabase-js, signed in as the PCA)", "");
  lines.push(`| page / filter | ${report.scales.map((s) => `scale ${s.scale}`).join(" | ")} |`, `| --- | ${report.scales.map(() => "---").join(" | ")} |`);
  const listNames = Object.keys(largest.list ?? {});
  for (const name of listNames) {
    const key = name.replace(/\(row \d+\)/, "");
    lines.push(
      `| ${name} | ${report.scales.map((s) => fmt(Object.entries(s.list ?? {}).find(([k]) => k.replace(/\(row \d+\)/, "") === key)?.[1])).join(" | ")} |`,
    );
  }
  lines.push("", "### First-load JavaScript per governance route (gzipped kB)", "");
  lines.push(`| route | ${report.scales.map((s) => `scale ${s.scale}`).join(" | ")} |`, `| --- | ${report.scales.map(() => "---").join(" | ")} |`);
  for (const route of Object.keys(largest.firstLoadJs ?? {}))
    lines.push(`| ${route} | ${report.scales.map((s) => s.firstLoadJs?.[route]?.gzipKB ?? "—").join(" | ")} |`);
  const legacy = largest.firstLoadJs ? Math.max(...Object.values(largest.firstLoadJs).map((x) => x.noModuleGzipKB ?? 0)) : 0;
  if (legacy)
    lines.push("", `Not counted: the \`noModule\` legacy polyfills (${legacy} kB gzipped), which browsers that run modules neither download nor run.`);
  if (report.notes) lines.push("", "## Notes", "", report.notes);
  lines.push("", `## Query plans at scale ${largest.scale}`, "");
  for (const [name, plan] of Object.entries(largest.plans)) lines.push(`### ${name}`, "", "```", plan, "```", "");
  return lines.join("\n");
}

/**
 * A fixed amount of CPU work, timed: the same machine kind runs at different speeds from one day to
 * the next (a shared host), so runs compare through this figure. SHA-256 of 256 MiB, best of 3.
 */
function calibrate() {
  const block = Buffer.alloc(1 << 20, 7);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    const hash = createHash("sha256");
    for (let i = 0; i < 256; i++) hash.update(block);
    hash.digest();
    best = Math.min(best, performance.now() - t0);
  }
  return { sha256_256MiB_ms: Math.round(best) };
}

// Main ------------------------------------------------------------------------------------------------
/**
 * With --attach: the running stack's settings, from the environment.
 * @param {string} name
 */
function attachedTo(name) {
  const value = process.env[name];
  if (!value) throw new Error(`--attach needs ${name} (the running stack's)`);
  return value;
}

async function main() {
  if (flag("report-only")) {
    // Rewrites docs/benchmarks.md from docs/benchmarks.json and scripts/bench/notes.md.
    const saved = JSON.parse(readFileSync(path.join(projectRoot, "docs/benchmarks.json"), "utf8"));
    // The targets are rewritten from TARGETS.
    delete saved.targets;
    const notesFile = path.join(projectRoot, "scripts/bench/notes.md");
    saved.notes = existsSync(notesFile) ? readFileSync(notesFile, "utf8").trim() : undefined;
    writeFileSync(path.join(projectRoot, "docs/benchmarks.md"), `${markdown(saved)}\n`);
    log("rewrote docs/benchmarks.md");
    return;
  }
  /** @type {Report} */
  const report = {
    generatedAt: new Date().toISOString(),
    smoke,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      uptimeBefore: spawnSync("uptime", { encoding: "utf8" }).stdout.trim(),
      calibration: calibrate(),
    },
    scales: [],
  };
  /** @type {Awaited<ReturnType<typeof startConsole>> | null} */
  let server = null;
  try {
    for (const scale of scales) {
      log(`— scale ${scale} —`);
      /** @type {Stack} */
      let stack;
      let stackColdSeconds = null;
      if (attach) {
        stack = { apiUrl: attachedTo("SUPABASE_URL"), anonKey: attachedTo("SUPABASE_ANON_KEY"), dbUrl: attachedTo("DATABASE_URL"), stop: async () => {} };
      } else {
        const dataDir = `.local/bench-${scale}`;
        rmSync(path.join(projectRoot, dataDir), { recursive: true, force: true });
        const started = await startBenchStack({ apiPort: API_PORT, dbPort: DB_PORT, dataDir, reset: true, log });
        stackColdSeconds = Math.round(started.wallSeconds * 10) / 10;
        stack = started;
      }
      try {
        /** @type {BenchEnv} */
        let env = { ...stack, base: null, buildDir: null, serverPid: null };
        if (attach) {
          env = {
            ...env,
            base: process.env.BENCH_BASE_URL || null,
            buildDir: path.resolve(option("build-dir", process.env.BENCH_BUILD_DIR || projectRoot)),
            serverPid: Number(process.env.BENCH_SERVER_PID) || null,
          };
        } else if (!flag("no-console")) {
          const buildDir = ensureBuild(stack.apiUrl, stack.anonKey);
          server ??= await startConsole(buildDir, stack);
          env = { ...env, base: server.base, buildDir, serverPid: server.pid ?? null };
        }
        const result = await benchScale(scale, env);
        result.stackColdSeconds = stackColdSeconds;
        result.uptime = spawnSync("uptime", { encoding: "utf8" }).stdout.trim();
        report.scales.push(result);
        log(JSON.stringify(headline(result)));
      } finally {
        await stack.stop();
        if (!attach && !flag("keep")) rmSync(path.join(projectRoot, `.local/bench-${scale}`), { recursive: true, force: true });
      }
    }
  } finally {
    server?.stop();
  }
  report.machine.uptimeAfter = spawnSync("uptime", { encoding: "utf8" }).stdout.trim();
  if (smoke) {
    log("smoke run complete (no targets asserted):");
    for (const s of report.scales) log(JSON.stringify(headline(s)));
    return;
  }
  const notesFile = path.join(projectRoot, "scripts/bench/notes.md");
  report.notes = existsSync(notesFile) ? readFileSync(notesFile, "utf8").trim() : undefined;
  mkdirSync(path.join(projectRoot, "docs"), { recursive: true });
  // The notes go to the markdown only.
  const json = { ...report };
  delete json.notes;
  writeFileSync(path.join(projectRoot, "docs/benchmarks.json"), `${JSON.stringify({ targets: TARGETS, ...json }, null, 2)}\n`);
  writeFileSync(path.join(projectRoot, "docs/benchmarks.md"), `${markdown(report)}\n`);
  log("wrote docs/benchmarks.json and docs/benchmarks.md");
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.stack : error}`);
  if (error && typeof error === "object" && "where" in error) console.error(`[bench] where: ${error.where}`);
  process.exit(1);
}
