/**
 * The notifications' delivery figures (issue 15), on a seeded bench stack:
 *
 * - detection → e-mail accepted by SMTP, when `alerts` CRITICAL anomalies open at once: every alert's
 *   first detection (its first_seen_at, the sync's transaction start) to the moment the local SMTP
 *   catcher accepted its message; and how many were lost or doubled (counted by Message-ID, which is
 *   the delivery's id).
 * - an event's commit → its webhook delivered, one alert at a time: the sync that opens it commits,
 *   then the clock runs until the local receiver has the signed POST (signature verified).
 *
 * Real pieces only: the worker is `node scripts/worker.mjs` (graphile-worker, nodemailer,
 * standardwebhooks) in a child process; the catcher is the local stack's; only the demo admin is
 * notified (the bench's other governance users are switched off), so the figures are one message
 * per alert.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { startMailCatcher } from "../../supabase/local/mail-catcher.mjs";
import { projectRoot, summarize } from "./lib.mjs";

const SMTP_PORT = 63325;
const WEB_PORT = 63324;
const HOOK_PORT = 63326;
const DEMO_ADMIN = "admin@depot.test";

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `done()` holds, checking every 50 ms; throws after `timeoutMs`.
 * @param {() => boolean | Promise<boolean>} done
 * @param {number} timeoutMs
 * @param {string} what
 */
async function waitFor(done, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A local receiver that keeps every POST with the time it arrived. */
async function startReceiver() {
  /** @type {{ receivedAt: number, headers: http.IncomingHttpHeaders, body: string }[]} */
  const received = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ receivedAt: Date.now(), headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(HOOK_PORT, "127.0.0.1", () => resolve(undefined)));
  return { url: `http://127.0.0.1:${HOOK_PORT}/hook`, received, stop: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

/**
 * @param {{ dbUrl: string, q: (sql: string, values?: unknown[]) => Promise<any[]>, log: (line: string) => void,
 *   alerts: number, webhookSamples: number }} options
 */
export async function benchNotifications({ dbUrl, q, log, alerts, webhookSamples }) {
  const catcher = await startMailCatcher({ smtpPort: SMTP_PORT, webPort: WEB_PORT, log: () => {} });
  const receiver = await startReceiver();
  const [{ user_id: adminId }] = await q(`select p.user_id from public.profils p join auth.users u on u.id = p.user_id where u.email = $1`, [DEMO_ADMIN]);
  // Everyone quiet but the demo admin: e-mail on, CRITICAL at once.
  await q(
    `insert into public.notification_preferences (user_id, email_enabled, webhook_url, min_severity, digest)
     select p.user_id, p.user_id = $1, null, case when p.user_id = $1 then 'CRITICAL' end, 'none'
     from public.profils p where p.role in ('admin', 'directeur', 'pca')
     on conflict (user_id) do update set email_enabled = excluded.email_enabled, webhook_url = null,
       min_severity = excluded.min_severity, digest = 'none'`,
    [adminId],
  );
  // The seed's alert history wrote deliveries of its own (thousands at scale 100): they are not
  // what is measured, and a worker starting would first enqueue them all.
  await q("delete from public.notification_deliveries");
  let workerOutput = "";
  const worker = spawn(process.execPath, [path.join(projectRoot, "scripts/worker.mjs")], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      SMTP_URL: catcher.smtpUrl,
      MAIL_FROM: "Console de gouvernance <gouvernance@bench.test>",
      CONSOLE_URL: "http://127.0.0.1:3000",
      WORKER_CONCURRENCY: "16",
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout.on("data", (chunk) => (workerOutput += chunk));
  worker.stderr.on("data", (chunk) => (workerOutput += chunk));
  /** @type {Record<string, import("./lib.mjs").Summary & { lost?: number, doubled?: number }>} */
  const figures = {};
  try {
    await waitFor(() => /worker ready/.test(workerOutput), 180_000, `the worker to start (its output: ${workerOutput.slice(-500)})`);

    // 1. `alerts` CRITICAL anomalies at once: new tanks with a negative latest stock.
    const [{ depot_id: depotId, produit_id: productId }] = await q("select depot_id, produit_id from public.citernes where actif order by code limit 1");
    const run = randomUUID().slice(0, 8);
    await q(
      `with tanks as (
         insert into public.citernes (depot_id, produit_id, code, nom, capacite_totale, capacite_securite)
         select $1, $2, 'NB-' || $3 || '-' || g, 'Citerne bench notifications ' || g, 100000, 95000
         from generate_series(1, $4) g
         returning id
       )
       insert into public.stocks_journaliers (citerne_id, date_jour, stock_ambiant, stock_15c)
       select t.id, current_date - d, -500, -495 from tanks t cross join generate_series(0, 3) d`,
      [depotId, productId, run, alerts],
    );
    const syncStarted = performance.now();
    await q("select public.sync_system_alerts()");
    log(`  the sync opening them: ${Math.round(performance.now() - syncStarted)} ms`);
    const opened = await q(
      `select a.id, extract(epoch from a.first_seen_at) * 1000 as detected_ms, d.id as delivery_id
       from public.system_alerts a
       join public.notification_deliveries d on d.alert_id = a.id and d.recipient_id = $1 and d.channel = 'email'
       where a.check_code = 'STOCK_NEGATIF' and a.entity_id in (select id::text from public.citernes where code like 'NB-' || $2 || '-%')`,
      [adminId, run],
    );
    if (opened.length !== alerts) throw new Error(`expected ${alerts} e-mail deliveries, found ${opened.length}`);
    const byDelivery = new Map(opened.map((row) => [row.delivery_id, Number(row.detected_ms)]));
    const mine = () => catcher.messages().filter((m) => byDelivery.has(deliveryIdOf(m.messageId)));
    await waitFor(() => new Set(mine().map((m) => m.messageId)).size >= alerts, 120_000, `${alerts} e-mails`).catch((error) =>
      log(`  ${error.message}: ${new Set(mine().map((m) => m.messageId)).size} arrived`),
    );
    await sleep(1000); // a doubled message would arrive late
    const messages = mine();
    const firstByDelivery = new Map();
    for (const m of messages) {
      const id = deliveryIdOf(m.messageId);
      const at = Date.parse(m.receivedAt);
      if (!firstByDelivery.has(id) || firstByDelivery.get(id) > at) firstByDelivery.set(id, at);
    }
    figures[`detection → e-mail accepted by SMTP, ${alerts} alerts at once`] = {
      ...summarize([...firstByDelivery].map(([id, at]) => at - /** @type {number} */ (byDelivery.get(id)))),
      lost: alerts - firstByDelivery.size,
      doubled: messages.length - firstByDelivery.size,
    };
    log(`  ${alerts} alerts → ${firstByDelivery.size} e-mails (${messages.length - firstByDelivery.size} doubled)`);
    // Where a delivery's time goes, from the worker's own log lines (claim, send, finish).
    const steps = workerOutput
      .split("\n")
      .filter((line) => line.includes('"claimMs"'))
      .map((line) => JSON.parse(line));
    if (steps.length) {
      const mean = (/** @type {string} */ key) => Math.round(steps.reduce((sum, step) => sum + step[key], 0) / steps.length);
      log(`  per delivery (mean of ${steps.length}): claim ${mean("claimMs")} ms, send ${mean("sendMs")} ms, finish ${mean("finishMs")} ms`);
    }

    // 2. One alert at a time, by webhook only: commit → delivered.
    await q(`update public.notification_preferences set email_enabled = false, webhook_url = $2 where user_id = $1`, [adminId, receiver.url]);
    await q(
      `insert into private.webhook_secrets (user_id, secret) values ($1, 'whsec_' || encode(extensions.gen_random_bytes(24), 'base64'))
       on conflict (user_id) do nothing`,
      [adminId],
    );
    const [{ secret }] = await q("select secret from private.webhook_secrets where user_id = $1", [adminId]);
    const verifier = new Webhook(secret);
    /** @type {number[]} */
    const latencies = [];
    let unverified = 0;
    for (let i = 0; i < webhookSamples; i++) {
      const code = `NW-${run}-${i}`;
      await q(
        `with tank as (
           insert into public.citernes (depot_id, produit_id, code, nom, capacite_totale, capacite_securite)
           values ($1, $2, $3, 'Citerne bench webhook', 100000, 95000) returning id
         )
         insert into public.stocks_journaliers (citerne_id, date_jour, stock_ambiant, stock_15c)
         select tank.id, current_date - d, -500, -495 from tank cross join generate_series(0, 3) d`,
        [depotId, productId, code],
      );
      const before = receiver.received.length;
      await q("select public.sync_system_alerts()");
      const committed = Date.now();
      await waitFor(() => receiver.received.length > before, 30_000, `webhook ${i + 1}`);
      const hit = receiver.received[before];
      if (!hit) throw new Error(`webhook ${i + 1} did not arrive`);
      latencies.push(hit.receivedAt - committed);
      try {
        verifier.verify(hit.body, /** @type {Record<string, string>} */ (hit.headers));
      } catch {
        unverified += 1;
      }
    }
    figures["event commit → webhook delivered, one alert"] = { ...summarize(latencies), lost: 0, doubled: unverified };
    if (unverified) log(`  ${unverified} webhook signatures did not verify`);
  } finally {
    worker.kill("SIGTERM");
    await new Promise((resolve) => (worker.exitCode !== null ? resolve(undefined) : worker.once("exit", () => resolve(undefined))));
    await receiver.stop();
    await catcher.stop();
  }
  return figures;
}

/** `<delivery-id@host>` → delivery id. */
function deliveryIdOf(/** @type {string | null} */ messageId) {
  return (messageId ?? "").replace(/^</, "").split("@")[0];
}
