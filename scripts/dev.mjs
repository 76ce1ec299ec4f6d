/**
 * `npm run dev`: the console in development mode. With no Supabase project configured
 * (NEXT_PUBLIC_SUPABASE_URL unset in the environment and in .env.local / .env), it first starts
 * the embedded local stack with its demo data and points the console at it. With no
 * AUDIT_SIGNING_KEY configured, exports are signed with the local stack's well-known key.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { localAuditSigningKey, projectRoot } from "../supabase/local/config.mjs";
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
const next = spawn("next", ["dev", "--hostname", "127.0.0.1", "--port", port], {
  stdio: "inherit",
  env: process.env,
});

let stopping = false;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  if (stack) await stack.shutdown();
  process.exit(code);
}
next.on("exit", (code) => stop(code ?? 0));
onStopSignal(() => stop(0));
