/**
 * The load workload through the console itself: a session's cookies as @supabase/ssr writes them,
 * and the acknowledge / resolve server actions posted over HTTP as the browser posts them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {{ ack: string, resolve: string }} ActionIds
 * @typedef {{ ok: boolean, code?: string, message?: string }} ActionResult
 */

/**
 * The action ids of a build, by exported name, from its server reference manifest.
 * @param {string} appDir
 * @returns {ActionIds}
 */
export function loadActionIds(appDir) {
  const file = path.join(appDir, ".next/server/server-reference-manifest.json");
  /** @type {{ node?: Record<string, { exportedName: string }> }} */
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  /** @type {Record<string, string>} */
  const byName = {};
  for (const [id, entry] of Object.entries(manifest.node ?? {})) byName[entry.exportedName] = id;
  const { acknowledgeAlertAction: ack, resolveAlertAction: resolve } = byName;
  if (!ack || !resolve) throw new Error(`no alert actions in ${file}: build the console first`);
  return { ack, resolve };
}

/**
 * The auth cookie(s) @supabase/ssr would set for `session` (base64url JSON, in 3,180-char chunks).
 * @param {string} supabaseUrl
 * @param {import("@supabase/supabase-js").Session} session
 */
export function sessionCookieHeader(supabaseUrl, session) {
  const name = `sb-${new URL(supabaseUrl).hostname.split(".")[0]}-auth-token`;
  const value = `base64-${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
  if (value.length <= 3180) return `${name}=${value}`;
  const chunks = [];
  for (let i = 0; i * 3180 < value.length; i++) chunks.push(`${name}.${i}=${value.slice(i * 3180, (i + 1) * 3180)}`);
  return chunks.join("; ");
}

/**
 * The action's result out of its RSC answer (`1:{"ok":…}`), or null.
 * @param {string} text
 * @returns {ActionResult | null}
 */
export function parseActionResult(text) {
  for (const line of text.split("\n")) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!json) continue;
    try {
      const value = JSON.parse(json);
      if (typeof value.ok === "boolean") return value;
    } catch {
      // another RSC row
    }
  }
  return null;
}

/**
 * A session acting through the console's server actions. Wins on `ok`; `conflict` / `not_found`
 * (someone was first) are ordinary losses; anything else (`rate_limited`, `unexpected`, HTTP
 * errors) is an error.
 * @param {{ baseUrl: string, supabaseUrl: string, session: import("@supabase/supabase-js").Session, actionIds: ActionIds }} options
 * @returns {(kind: import("./workload.mjs").Kind, alertId: string) => Promise<import("./workload.mjs").Outcome>}
 */
export function actThroughServerActions({ baseUrl, supabaseUrl, session, actionIds }) {
  const cookie = sessionCookieHeader(supabaseUrl, session);
  return async (kind, alertId) => {
    const args =
      kind === "ack"
        ? [{ id: alertId, note: "Charge : acquittée" }]
        : [{ id: alertId, reason: "fixed_at_source", note: "Charge : résolue", confirmActive: true }];
    const response = await fetch(`${baseUrl}/governance/alerts`, {
      method: "POST",
      headers: {
        "next-action": kind === "ack" ? actionIds.ack : actionIds.resolve,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        cookie,
      },
      body: JSON.stringify(args),
      redirect: "manual",
    });
    const text = await response.text();
    const result = parseActionResult(text);
    if (!result) return { won: false, error: `HTTP ${response.status} without an action result` };
    if (result.ok) return { won: true };
    if (result.code === "conflict" || result.code === "not_found") return { won: false };
    return { won: false, error: `${result.code}: ${result.message}` };
  };
}
