/**
 * `npm run dev`: the console in development mode. With no Supabase project configured
 * (NEXT_PUBLIC_SUPABASE_URL unset in the environment and in .env.local / .env), it first starts
 * the embedded local stack with its demo data and points the console at it. With no
 * AUDIT_SIGNING_KEY configured, exports are signed with the local stack's well-known key.
 *
 * Notifications: with no SMTP_URL configured, a local mail catcher takes every e-mail (SMTP on
 * 54325, web inbox on 54324 — MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_WEB_PORT); with a database
 * to work on (the local stack's, or DATABASE_URL), the delivery worker runs beside the console.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { localAuditSigningKey, projectRoot } from "../supabase/local/config.mjs";
import { startMailCatcher } from "../supabase/local/mail-catcher.mjs";
import { onStopSignal, startStack } from "../supabase/local/stack.mjs";

/**
 * A variable's value from the environment, else from .env.local or .env (as Next reads them).
 * @param {string} name
 * @returns {string | null}
 */
function configuredValue(name) {
  if (process.env[name]) return process.env[name];
  for (const file of [".env.local", ".env"]) {
    const full = path.join(projectRoot, file);
    if (!existsSync(full)) continue;
    const match = new RegExp(`^\\s*${name}\\s*=\\s*"?([^"\\n]+)"?\\s*$`, "m").exec(readFileSync(full, "utf8"));
    if (match?.[1]) return match[1];
  }
  return null;
}

/** @type {import("../supabase/local/stack.mjs").RunningStack | null} */
let stack = null;
const configured = configuredValue("NEXT_PUBLIC_SUPABASE_URL");
if (configured) {
  console.log(`[dev] using the configured Supabase project at ${configured}`);
} else {
  try {
    stack = await startStack();
  } catch (error) {
    console.error(`[dev] the local stack did not start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  const { config } = stack;
  process.env.NEXT_PUBLIC_SUPABASE_URL = config.apiUrl;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = config.anonKey;
  // Server-only: lets the console record denied attempts (lib/audit/security-log.ts).
  process.env.SUPABASE_SERVICE_ROLE_KEY = config.serviceRoleKey;
}
// IMPORTANT: only when no file configures it either: Next never overrides a variable already set.
if (!configuredValue("AUDIT_SIGNING_KEY")) {
  console.log("[dev] signing audit exports with the local stack's well-known key (public; set AUDIT_SIGNING_KEY for a key of your own)");
  process.env.AUDIT_SIGNING_KEY = localAuditSigningKey;
}

const port = process.env.PORT || "3000";

let stopping = false;
/** @type {import("../supabase/local/mail-catcher.mjs").MailCatcher | null} */
let catcher = null;
/** @type {import("node:child_process").ChildProcess | null} */
let worker = null;
const databaseUrl = stack ? stack.config.dbUrl : configuredValue("DATABASE_URL");
if (!configuredValue("SMTP_URL")) {
  try {
    catcher = await startMailCatcher({
      smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT || 54325),
      webPort: Number(process.env.MAIL_CATCHER_WEB_PORT || 54324),
    });
  } catch (error) {
    console.error(`[dev] the mail catcher did not start: ${error instanceof Error ? error.message : error}`);
    if (stack) await stack.shutdown();
    process.exit(1);
  }
  process.env.SMTP_URL = catcher.smtpUrl;
  console.log(`[dev] e-mails go to the local inbox: ${catcher.webUrl}`);
}
process.env.MAIL_FROM ||= configuredValue("MAIL_FROM") ?? "Console de gouvernance <gouvernance@depot.local>";
process.env.CONSOLE_URL ||= configuredValue("CONSOLE_URL") ?? `http://127.0.0.1:${port}`;
// On a developer's machine a webhook receiver is usually local; in production private addresses are refused.
process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ||= configuredValue("WEBHOOK_ALLOW_PRIVATE_NETWORKS") ?? "true";
if (databaseUrl) {
  // The same heap cap as `npm run worker` (package.json): V8 would otherwise grow it lazily.
  worker = spawn(process.execPath, ["--max-old-space-size=128", "scripts/worker.mjs"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: process.env.SMTP_URL || configuredValue("SMTP_URL") || "" },
  });
  worker.on("exit", (code, signal) => {
    if (!stopping) console.error(`[dev] the delivery worker stopped (${signal ?? `exit ${code}`}); notifications wait in the outbox until it runs again`);
  });
} else {
  console.log("[dev] no DATABASE_URL for the configured project: the delivery worker does not run (start it with `npm run worker`)");
}

const next = spawn("next", ["dev", "--hostname", "127.0.0.1", "--port", port], {
  stdio: "inherit",
  env: process.env,
});

/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  const runningWorker = worker;
  if (runningWorker && runningWorker.exitCode === null && runningWorker.signalCode === null) {
    const exited = new Promise((resolve) => runningWorker.once("exit", resolve));
    runningWorker.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  if (catcher) await catcher.stop();
  if (stack) await stack.shutdown();
  process.exit(code);
}
next.on("exit", (code) => stop(code ?? 0));
onStopSignal(() => stop(0));
