/**
 * Supabase Auth's custom access token hook, Postgres-function flavour, as GoTrue runs it
 * (`internal/hooks/v0hooks`, `internal/hooks/hookspgfunc`, `internal/hooks/hookserrors`,
 * `internal/tokens/service.go` `GenerateAccessToken` and `validateTokenClaims`):
 * - the URI is `pg-functions://<database>/<schema>/<function>`; the function is called as the auth
 *   server's own role (`supabase_auth_admin`), in the transaction that issues the token, with a
 *   2 s statement timeout, as `select "<schema>"."<function>"($1)` with the input
 *   `{metadata, user_id, claims, authentication_method}`;
 * - an output `{"error": {"http_code", "message"}}` with a message is that error (default 500);
 * - otherwise the output's `claims` object must hold the required claims with the right types
 *   (GoTrue's MinimumViableTokenSchema); those claims are signed as they are.
 */
import { randomUUID } from "node:crypto";
import { AuthError, internalError } from "./errors.mjs";

export const DEFAULT_ACCESS_TOKEN_HOOK = "pg-functions://postgres/public/custom_access_token_hook";
const HOOK_TIMEOUT_MS = 2000;
const POSTGRES_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

/**
 * @typedef {{ uri: string, functionName: string }} PgFunctionHook
 * @typedef {{ type: string | string[] | undefined, items?: boolean }} ClaimRule
 */

/**
 * GoTrue's `ValidateExtensibilityPoint` + `PopulateExtensibilityPoint` for a `pg-functions:` URI.
 * @param {string} uri
 * @returns {PgFunctionHook}
 */
export function parsePgFunctionHook(uri) {
  let url;
  try {
    url = new URL(uri);
  } catch {
    throw new Error(`custom access token hook: "${uri}" is not a URI`);
  }
  if (url.protocol.toLowerCase() !== "pg-functions:") {
    throw new Error(`custom access token hook: only pg-functions:// URIs are supported here (got "${uri}")`);
  }
  const [, schema = "", name = ""] = url.pathname.split("/");
  if (!POSTGRES_NAME_RE.test(schema)) throw new Error(`custom access token hook: invalid schema name: ${schema}`);
  if (!POSTGRES_NAME_RE.test(name)) throw new Error(`custom access token hook: invalid table name: ${name}`);
  return { uri, functionName: `"${schema}"."${name}"` };
}

/**
 * Runs the hook in `tx` and returns the claims to sign.
 * @param {import('pg').PoolClient} tx
 * @param {PgFunctionHook} hook
 * @param {{ userId: string, claims: Record<string, unknown>, authenticationMethod: string, ip: string | null }} input
 * @returns {Promise<Record<string, unknown>>}
 */
export async function runAccessTokenHook(tx, hook, { userId, claims, authenticationMethod, ip }) {
  const event = {
    metadata: {
      uuid: randomUUID(),
      time: new Date().toISOString(),
      name: "customize-access-token",
      ...(ip ? { ip_address: ip } : {}),
    },
    user_id: userId,
    claims,
    authentication_method: authenticationMethod,
  };
  /** @type {string | null} */
  let output;
  try {
    await tx.query(`set local statement_timeout to '${HOOK_TIMEOUT_MS}'`);
    const { rows } = await tx.query(`select ${hook.functionName}($1)::text as output`, [JSON.stringify(event)]);
    output = rows[0]?.output ?? null;
    await tx.query("set local statement_timeout to default");
  } catch {
    // GoTrue's manager: a failure that is not a hook error becomes this 500 (details in its log).
    throw internalError(`Error running hook URI: ${hook.uri}`);
  }
  return claimsFromHookOutput(output);
}

/**
 * The claims from the hook's output text (null: SQL NULL), checked as GoTrue checks them.
 * @param {string | null} output
 * @returns {Record<string, unknown>}
 */
export function claimsFromHookOutput(output) {
  /** @type {unknown} */
  let parsed = null;
  if (output !== null) {
    try {
      parsed = JSON.parse(output);
    } catch {
      throw internalError("Error unmarshaling JSON output.");
    }
  }
  // hookserrors.Check: {"error": {"http_code": n, "message": "…"}} with a message is an error.
  if (isObject(parsed) && isObject(parsed.error)) {
    const { http_code: httpCode, message } = parsed.error;
    const wellFormed =
      (httpCode === undefined || httpCode === null || Number.isInteger(httpCode)) && (message === undefined || message === null || typeof message === "string");
    if (wellFormed && typeof message === "string" && message !== "") {
      throw new AuthError(typeof httpCode === "number" && httpCode !== 0 ? httpCode : 500, "", message);
    }
  }
  /** @type {unknown} */
  let claims = null;
  if (output !== null) {
    if (!isObject(parsed)) throw internalError("Error unmarshaling JSON output.");
    if (!("claims" in parsed)) throw new AuthError(500, "", "output claims field is missing");
    claims = parsed.claims;
    if (claims !== null && !isObject(claims)) throw internalError("Error unmarshaling JSON output.");
  }
  const problems = claimProblems(claims);
  if (problems.length > 0) {
    throw new AuthError(500, "", `output claims do not conform to the expected schema: \n${problems.map((p) => `- ${p}\n`).join("")}`);
  }
  return /** @type {Record<string, unknown>} */ (claims);
}

/** GoTrue's MinimumViableTokenSchema: the types of the claims it knows. @type {Record<string, ClaimRule>} */
const CLAIM_TYPES = {
  aud: { type: ["string", "array"] },
  exp: { type: "integer" },
  jti: { type: "string" },
  iat: { type: "integer" },
  iss: { type: "string" },
  nbf: { type: "integer" },
  sub: { type: "string" },
  email: { type: "string" },
  phone: { type: "string" },
  app_metadata: { type: "object" },
  user_metadata: { type: "object" },
  role: { type: "string" },
  aal: { type: "string" },
  amr: { type: "array", items: true },
  session_id: { type: "string" },
  client_id: { type: "string" },
};
const REQUIRED_CLAIMS = ["aud", "exp", "iat", "sub", "email", "phone", "role", "aal", "session_id", "is_anonymous"];

/**
 * The schema violations, worded as gojsonschema words them (`<field>: <description>`).
 * @param {unknown} claims
 * @returns {string[]}
 */
export function claimProblems(claims) {
  if (!isObject(claims)) return [`(root): Invalid type. Expected: object, given: ${jsonType(claims)}`];
  const problems = REQUIRED_CLAIMS.filter((name) => !(name in claims)).map((name) => `(root): ${name} is required`);
  for (const [name, rule] of Object.entries(CLAIM_TYPES)) {
    if (!(name in claims)) continue;
    const value = claims[name];
    const expected = /** @type {string[]} */ ([rule.type].flat());
    if (!expected.some((type) => matchesType(value, type))) {
      problems.push(`${name}: Invalid type. Expected: ${expected.length > 1 ? `[${expected.join(",")}]` : expected[0]}, given: ${jsonType(value)}`);
      continue;
    }
    if (rule.items && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item !== "string" && !isObject(item)) {
          problems.push(`${name}.${index}: Must validate at least one schema (anyOf)`);
          problems.push(`${name}.${index}: Invalid type. Expected: string, given: ${jsonType(item)}`);
        }
      });
    }
  }
  return problems;
}

/**
 * @param {unknown} value
 * @param {string} type
 */
function matchesType(value, type) {
  if (type === "integer") return Number.isInteger(value);
  return jsonType(value) === type || (type === "number" && typeof value === "number");
}

/** @param {unknown} value */
function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
