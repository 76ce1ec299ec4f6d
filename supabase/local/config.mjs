/**
 * Settings of the local Supabase-compatible stack. Everything has the value `supabase start` uses,
 * so tools written for the Supabase CLI's local stack work unchanged; ports and the data folder can
 * be moved with environment variables (the test runner uses its own ports and folder).
 */
import { createHash, createHmac } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_ACCESS_TOKEN_HOOK } from "./auth/hook.mjs";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The Supabase CLI's well-known local JWT secret (public knowledge; local use only). */
export const jwtSecret = "super-secret-jwt-token-with-at-least-32-characters-long";

/**
 * The local stack's well-known key for signing audit export manifests (AUDIT_SIGNING_KEY): an
 * Ed25519 private key as the base64 of its PKCS#8 DER — the fixed DER prefix for Ed25519, then a
 * 32-byte seed that is the SHA-256 of the label below. Public knowledge like jwtSecret: anyone can
 * sign with it, so exports signed with it prove nothing. Local use only, never in production.
 */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
export const localAuditSigningKey = Buffer.concat([
  ED25519_PKCS8_PREFIX,
  createHash("sha256").update("governance-console: local-only audit signing key, public knowledge").digest(),
]).toString("base64");

/**
 * @param {string} name
 * @param {number} fallback
 */
function integerFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer (got "${raw}")`);
  }
  return value;
}

/**
 * A legacy Supabase API key: an HS256 JWT over `{iss, role, exp}`, as the CLI derives them.
 * @param {string} role
 */
export function apiKeyFor(role) {
  const encode = (/** @type {unknown} */ value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ iss: "supabase-demo", role, exp: 1983812996 })}`;
  const signature = createHmac("sha256", jwtSecret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

/** The auth server's custom access token hook: a pg-functions URI, or none with "off". */
function accessTokenHookFromEnv() {
  const raw = process.env.STACK_AUTH_ACCESS_TOKEN_HOOK;
  if (raw === undefined || raw === "") return DEFAULT_ACCESS_TOKEN_HOOK;
  return raw === "off" ? null : raw;
}

/** @typedef {ReturnType<typeof loadStackConfig>} StackConfig */

export function loadStackConfig() {
  const apiPort = integerFromEnv("STACK_API_PORT", 54321);
  const dbPort = integerFromEnv("STACK_DB_PORT", 54322);
  const dataDir = path.resolve(projectRoot, process.env.STACK_DATA_DIR || ".local/stack");
  return {
    apiPort,
    dbPort,
    dataDir,
    pgDataDir: path.join(dataDir, "postgres"),
    logFile: path.join(dataDir, "postgres.log"),
    // A Unix socket keeps PostgREST off the network: only the gateway talks to it.
    postgrestSocket: path.join(tmpdir(), `governance-postgrest-${apiPort}.sock`),
    apiUrl: `http://127.0.0.1:${apiPort}`,
    dbUrl: `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`,
    authenticatorUrl: `postgresql://authenticator:postgres@127.0.0.1:${dbPort}/postgres`,
    anonKey: apiKeyFor("anon"),
    serviceRoleKey: apiKeyFor("service_role"),
    // null: the timer follows governance_settings.sync_interval_seconds (see ./stack/sync.mjs).
    syncIntervalOverride: process.env.STACK_SYNC_INTERVAL_SECONDS ? integerFromEnv("STACK_SYNC_INTERVAL_SECONDS", 60) : null,
    accessTokenHook: accessTokenHookFromEnv(),
    // Overridable so a test can prove a failing migration stops the start cleanly.
    migrationsDir: path.resolve(projectRoot, process.env.STACK_MIGRATIONS_DIR || "supabase/migrations"),
    seedFile: path.join(projectRoot, "supabase/seed.sql"),
    platformFile: path.join(projectRoot, "supabase/local/platform.sql"),
  };
}
