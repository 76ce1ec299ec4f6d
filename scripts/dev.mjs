/**
 * `npm run dev`: the console in development mode. With no Supabase project configured
 * (NEXT_PUBLIC_SUPABASE_URL unset in the environment and in .env.local / .env), it first starts
 * the embedded local stack with its demo data and points the console at it.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../supabase/local/config.mjs";
import { onStopSignal, startStack } from "../supabase/local/stack.mjs";

function configuredSupabaseUrl() {
  if (process.env.NEXT_PUBLIC_SUPABASE_URL) return process.env.NEXT_PUBLIC_SUPABASE_URL;
  for (const file of [".env.local", ".env"]) {
    const full = path.join(projectRoot, file);
    if (!existsSync(full)) continue;
    const match = /^\s*NEXT_PUBLIC_SUPABASE_URL\s*=\s*"?([^"\n]+)"?\s*$/m.exec(readFileSync(full, "utf8"));
    if (match?.[1]) return match[1];
  }
  return null;
}

let stack = null;
const configured = configuredSupabaseUrl();
if (configured) {
  console.log(`[dev] using the configured Supabase project at ${configured}`);
} else {
  try {
    stack = await startStack();
  } catch (error) {
    console.error(`[dev] the local stack did not start: ${error.message}`);
    process.exit(1);
  }
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack.config.apiUrl;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = stack.config.anonKey;
  // Server-only: lets the console record denied attempts (lib/audit/security-log.ts).
  process.env.SUPABASE_SERVICE_ROLE_KEY = stack.config.serviceRoleKey;
}

const port = process.env.PORT || "3000";
const next = spawn("next", ["dev", "--hostname", "127.0.0.1", "--port", port], {
  stdio: "inherit",
  env: process.env,
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  if (stack) await stack.shutdown();
  process.exit(code);
}
next.on("exit", (code) => stop(code ?? 0));
onStopSignal(() => stop(0));
