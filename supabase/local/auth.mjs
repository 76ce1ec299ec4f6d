/**
 * A GoTrue-compatible auth endpoint for the local stack: just what unmodified `@supabase/supabase-js`
 * and `@supabase/ssr` use for email + password sign-in, session refresh, `getUser()`,
 * `getClaims()` and `signOut()`.
 *
 * Request and response shapes follow supabase/auth (GoTrue) `internal/api` and `internal/tokens`:
 * - errors are `{code, error_code, msg}` or, when the request carries `X-Supabase-Api-Version`
 *   >= 2024-01-01 (auth-js always sends `2024-01-01`), `{code: "<error_code>", message}` with the
 *   version echoed in the response header; auth-js only reads `code` as the error code when it can
 *   see that response header (so the gateway's CORS must expose `X-Supabase-Api-Version`);
 * - sessions and refresh tokens live in `auth.sessions` / `auth.refresh_tokens` as GoTrue's legacy
 *   (v1) refresh tokens: 12 lowercase base32 characters, rotated on every use, the used token
 *   revoked and the new one's `parent` set to it.
 * Access tokens are HS256 JWTs signed with the project's JWT secret (no `kid`, never published in
 * the JWKS), so `auth.getClaims()` falls back to `GET /user`.
 *
 * CORS is the gateway's job. Passwords and tokens are never logged.
 */
import { randomBytes, randomUUID } from "node:crypto";
import net from "node:net";
import bcrypt from "bcryptjs";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";

const MAX_BODY_BYTES = 64 * 1024;
const API_VERSION_HEADER = "X-Supabase-Api-Version";
const API_VERSION_2024_01_01 = Date.UTC(2024, 0, 1);
const DEFAULT_AUD = "authenticated";
const DEFAULT_ROLE = "authenticated";
const INVALID_LOGIN_MESSAGE = "Invalid login credentials";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const LEGACY_REFRESH_TOKEN_RE = /^[a-z0-9]{12}$/;
const BEARER_RE = /^bearer (\S+)$/i;
// A bcrypt hash of a random string: compared against when the e-mail is unknown, so an unknown
// address takes as long to refuse as a wrong password.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString("hex"), 6);

/** An error answered the way GoTrue's HandleResponseError answers an `HTTPError`. */
class AuthError extends Error {
  /**
   * @param {number} status
   * @param {string} errorCode GoTrue error code ("" for none)
   * @param {string} message
   * @param {{ close?: boolean }} [extra] `close`: close the connection after answering
   */
  constructor(status, errorCode, message, extra = {}) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.close = extra.close ?? false;
  }
}

const badRequest = (/** @type {string} */ code, /** @type {string} */ msg) => new AuthError(400, code, msg);
const forbidden = (/** @type {string} */ code, /** @type {string} */ msg) => new AuthError(403, code, msg);

/**
 * @typedef {{
 *   id: string, aud: string | null, role: string | null, email: string | null,
 *   encrypted_password: string | null, email_confirmed_at: Date | null, confirmed_at: Date | null,
 *   phone: string | null, last_sign_in_at: Date | null, raw_app_meta_data: Record<string, unknown> | null,
 *   raw_user_meta_data: Record<string, unknown> | null, created_at: Date | null, updated_at: Date | null,
 *   banned_until: Date | null, deleted_at: Date | null, is_anonymous: boolean, banned: boolean
 * }} UserRow
 * @typedef {{ id: string, user_id: string, created_at: Date, not_after: Date | null, expired: boolean }} SessionRow
 * @typedef {{ id: string, token: string, user_id: string | null, revoked: boolean, parent: string | null,
 *   session_id: string | null, past_reuse_interval: boolean }} RefreshTokenRow
 * @typedef {import('pg').PoolClient} PoolClient
 */

const USER_COLUMNS = `
  id, aud, role, email, encrypted_password, email_confirmed_at, confirmed_at, phone, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, banned_until, deleted_at, is_anonymous,
  coalesce(banned_until > now(), false) as banned`;

/**
 * @param {{ pool: import('pg').Pool, jwtSecret: string, apiUrl: string, jwtExpirySeconds?: number, refreshReuseIntervalSeconds?: number }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, path: string) => Promise<void>}
 */
export function createAuthHandler(options) {
  const { pool, jwtSecret, apiUrl } = options;
  if (!pool || !jwtSecret || !apiUrl) throw new Error("createAuthHandler needs pool, jwtSecret and apiUrl");
  const jwtExpirySeconds = options.jwtExpirySeconds ?? 3600;
  const reuseIntervalSeconds = options.refreshReuseIntervalSeconds ?? 10;
  const issuer = `${apiUrl.replace(/\/+$/, "")}/auth/v1`;
  const key = new TextEncoder().encode(jwtSecret);

  // ---------------------------------------------------------------------------------------------
  // Tokens

  /**
   * GoTrue `GenerateAccessToken`, with GoTrue's claim order.
   * @param {UserRow} user
   * @param {SessionRow} session
   */
  async function signAccessToken(user, session) {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + jwtExpirySeconds;
    const payload = {
      iss: issuer,
      sub: user.id,
      aud: user.aud || DEFAULT_AUD,
      exp,
      iat,
      email: user.email ?? "",
      phone: user.phone ?? "",
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role || DEFAULT_ROLE,
      aal: "aal1",
      // GoTrue keeps one AMR entry per sign-in method, stamped when the session was created;
      // refreshing does not add one.
      amr: [{ method: "password", timestamp: Math.floor(session.created_at.getTime() / 1000) }],
      session_id: session.id,
      is_anonymous: Boolean(user.is_anonymous),
    };
    const token = await new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);
    return { token, exp };
  }

  /**
   * The session response of `POST /token` (GoTrue `AccessTokenResponse`).
   * @param {UserRow} user
   * @param {SessionRow} session
   * @param {string} refreshToken
   */
  async function sessionResponse(user, session, refreshToken) {
    const { token, exp } = await signAccessToken(user, session);
    return {
      access_token: token,
      token_type: "bearer",
      expires_in: exp - Math.floor(Date.now() / 1000),
      expires_at: exp,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // POST /token?grant_type=password

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {Record<string, unknown>} body
   */
  async function passwordGrant(req, body) {
    const email = stringParam(body, "email");
    const phone = stringParam(body, "phone");
    const password = stringParam(body, "password");
    if (email && phone) {
      throw badRequest("validation_failed", "Only an email address or phone number should be provided on login.");
    }
    if (phone) throw new AuthError(422, "phone_provider_disabled", "Phone logins are disabled");
    if (!email) throw badRequest("validation_failed", "missing email or phone");

    const aud = requestAud(req);
    /** @type {{ rows: UserRow[] }} */
    const found = await pool.query(
      `select ${USER_COLUMNS} from auth.users
        where lower(email) = lower($1) and is_sso_user = false and coalesce(aud, $2) = $2
        order by created_at limit 1`,
      [email, aud],
    );
    const user = found.rows[0];
    if (!user || user.deleted_at) {
      await verifyPassword(password, DUMMY_HASH);
      throw badRequest("invalid_credentials", INVALID_LOGIN_MESSAGE);
    }
    if (!user.encrypted_password) throw badRequest("invalid_credentials", INVALID_LOGIN_MESSAGE);
    if (user.banned) throw badRequest("user_banned", "User is banned");
    if (!(await verifyPassword(password, user.encrypted_password))) {
      throw badRequest("invalid_credentials", INVALID_LOGIN_MESSAGE);
    }
    if (!user.email_confirmed_at) throw badRequest("email_not_confirmed", "Email not confirmed");

    const client = requestClient(req);
    return withTransaction(async (tx) => {
      /** @type {{ rows: SessionRow[] }} */
      const sessions = await tx.query(
        `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
         values ($1, $2, now(), now(), 'aal1', $3, $4)
         returning id, user_id, created_at, not_after, false as expired`,
        [randomUUID(), user.id, client.userAgent, client.ip],
      );
      const session = /** @type {SessionRow} */ (sessions.rows[0]);
      const refreshToken = newRefreshToken();
      await tx.query(
        `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
         values ($1, $2, false, now(), now(), null, $3)`,
        [refreshToken, user.id, session.id],
      );
      /** @type {{ rows: UserRow[] }} */
      const updated = await tx.query(
        `update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1
         returning ${USER_COLUMNS}`,
        [user.id],
      );
      return sessionResponse(/** @type {UserRow} */ (updated.rows[0]), session, refreshToken);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // POST /token?grant_type=refresh_token (GoTrue tokens.Service.RefreshTokenGrant, legacy tokens)

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {Record<string, unknown>} body
   */
  async function refreshTokenGrant(req, body) {
    const refreshToken = stringParam(body, "refresh_token");
    // GoTrue validates the format first; it issues only 12-character legacy tokens here.
    if (!LEGACY_REFRESH_TOKEN_RE.test(refreshToken)) {
      throw badRequest("validation_failed", "Refresh token is not valid");
    }
    const client = requestClient(req);

    return withTransaction(async (tx) => {
      await tx.query("set local lock_timeout = '5s'");
      const notFound = () => badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");

      // Lock the session first, then the token: the same order in which deleting a session
      // (logout) locks the session and then, by cascade, its tokens.
      const peek = await tx.query("select session_id from auth.refresh_tokens where token = $1", [refreshToken]);
      if (peek.rows.length === 0) throw notFound();
      /** @type {string | null} */
      const peekSessionId = peek.rows[0].session_id;
      /** @type {SessionRow | undefined} */
      let session;
      if (peekSessionId && peekSessionId !== NIL_UUID) {
        const locked = await tx.query(
          `select id, user_id, created_at, not_after, coalesce(not_after < now(), false) as expired
             from auth.sessions where id = $1 for update`,
          [peekSessionId],
        );
        session = locked.rows[0];
      }
      /** @type {{ rows: RefreshTokenRow[] }} */
      const tokens = await tx.query(
        `select id, token, user_id, revoked, parent, session_id,
                updated_at + make_interval(secs => $2) < clock_timestamp() as past_reuse_interval
           from auth.refresh_tokens where token = $1 for update`,
        [refreshToken, reuseIntervalSeconds],
      );
      const token = tokens.rows[0];
      if (!token || token.session_id !== peekSessionId) throw notFound();

      if (!token.user_id || !UUID_RE.test(token.user_id)) throw notFound();
      /** @type {{ rows: UserRow[] }} */
      const users = await tx.query(`select ${USER_COLUMNS} from auth.users where id = $1`, [token.user_id]);
      const user = users.rows[0];
      if (!user || user.deleted_at) throw notFound();
      if (user.banned) throw badRequest("user_banned", "Invalid Refresh Token: User Banned");
      if (!session) {
        await tx.query("delete from auth.refresh_tokens where id = $1", [token.id]);
        return { commitError: badRequest("session_not_found", "Invalid Refresh Token: No Valid Session Found") };
      }
      if (session.expired) throw badRequest("session_expired", "Invalid Refresh Token: Session Expired");

      /** @type {string | undefined} */
      let issued;
      if (token.revoked) {
        const active = await tx.query(
          `select token, parent from auth.refresh_tokens
            where session_id = $1 and revoked = false order by id desc limit 1`,
          [session.id],
        );
        const activeToken = active.rows[0];
        if (activeToken && activeToken.parent === token.token) {
          // The client most likely never saved the token it was given (or two tabs refreshed at
          // once): hand out the still-unused child instead of failing.
          issued = activeToken.token;
        } else if (token.past_reuse_interval) {
          // Reuse of an old token: GoTrue revokes the whole family (the session's tokens) and
          // commits that before answering.
          await tx.query(
            "update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false",
            [session.id],
          );
          return { commitError: badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used") };
        }
      }
      if (!issued) {
        // GrantRefreshTokenSwap: revoke the used token, issue its child in the same session.
        await tx.query("update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1", [token.id]);
        issued = newRefreshToken();
        await tx.query(
          `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
           values ($1, $2, false, now(), now(), $3, $4)`,
          [issued, user.id, token.token, session.id],
        );
      }
      await tx.query(
        `update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(),
                user_agent = $2, ip = $3 where id = $1`,
        [session.id, client.userAgent, client.ip],
      );
      return sessionResponse(user, session, issued);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Bearer authentication (GoTrue requireAuthentication)

  /**
   * @param {import('node:http').IncomingMessage} req
   * @returns {Promise<{ claims: import('jose').JWTPayload & Record<string, unknown>, user: UserRow, session: SessionRow | null }>}
   */
  async function authenticate(req) {
    const header = req.headers.authorization ?? "";
    const match = BEARER_RE.exec(header);
    if (!match) throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
    const bearer = /** @type {string} */ (match[1]);

    /** @type {import('jose').JWTPayload & Record<string, unknown>} */
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(bearer, key, { algorithms: ["HS256"] }));
    } catch (error) {
      throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${jwtErrorText(error)}`);
    }
    if (!claims.sub) throw forbidden("bad_jwt", "invalid claim: missing sub claim");
    if (!UUID_RE.test(claims.sub)) throw badRequest("bad_jwt", "invalid claim: sub claim must be a UUID");

    /** @type {{ rows: UserRow[] }} */
    const users = await pool.query(`select ${USER_COLUMNS} from auth.users where id = $1`, [claims.sub]);
    const user = users.rows[0];
    if (!user || user.deleted_at) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");

    /** @type {SessionRow | null} */
    let session = null;
    const sessionId = claims.session_id;
    if (sessionId !== undefined && sessionId !== "" && sessionId !== NIL_UUID) {
      if (typeof sessionId !== "string" || !UUID_RE.test(sessionId)) {
        throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
      }
      const sessions = await pool.query(
        `select id, user_id, created_at, not_after, coalesce(not_after < now(), false) as expired
           from auth.sessions where id = $1`,
        [sessionId],
      );
      session = sessions.rows[0] ?? null;
      if (!session) throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
    }
    if (user.banned) throw forbidden("user_banned", "User is banned");
    return { claims, user, session };
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  /** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>} */
  async function getUser(req, res) {
    const { claims, user } = await authenticate(req);
    const tokenAud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    if (!tokenAud || requestAud(req, tokenAud) !== tokenAud) {
      throw badRequest("validation_failed", "Token audience doesn't match request audience");
    }
    sendJson(res, 200, userJson(user));
  }

  /** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => Promise<void>} */
  async function logout(req, res, url) {
    const { user, session } = await authenticate(req);
    const scope = url.searchParams.get("scope") ?? "";
    if (!["", "global", "local", "others"].includes(scope)) {
      throw badRequest("validation_failed", `Unsupported logout scope "${scope}"`);
    }
    await withTransaction(async (tx) => {
      if (session && scope === "local") {
        await tx.query("delete from auth.sessions where id = $1", [session.id]);
      } else if (session && scope === "others") {
        await lockSessions(tx, "user_id = $1 and id <> $2", [user.id, session.id]);
        await tx.query("delete from auth.sessions where user_id = $1 and id <> $2", [user.id, session.id]);
      } else {
        // "global", or a token without a session: every session of the user.
        await lockSessions(tx, "user_id = $1", [user.id]);
        await tx.query("delete from auth.sessions where user_id = $1", [user.id]);
      }
      return null;
    });
    res.writeHead(204);
    res.end();
  }

  /** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => Promise<void>} */
  async function token(req, res, url) {
    const grantType = url.searchParams.get("grant_type") ?? "";
    if (grantType !== "password" && grantType !== "refresh_token") {
      // Exactly GoTrue's answer, error code included.
      throw badRequest("invalid_credentials", "unsupported_grant_type");
    }
    const body = await readJsonBody(req);
    const result = grantType === "password" ? await passwordGrant(req, body) : await refreshTokenGrant(req, body);
    sendJson(res, 200, result);
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path request path without the `/auth/v1` prefix
   */
  return async function handleAuth(req, res, path) {
    const url = new URL(req.url ?? "/", "http://auth.local");
    let route = (path || "/").split("?")[0] || "/";
    if (route.length > 1 && route.endsWith("/")) route = route.slice(0, -1);
    const method = req.method ?? "GET";
    try {
      switch (route) {
        case "/token":
          if (method !== "POST") throw methodNotAllowed();
          return await token(req, res, url);
        case "/user":
          if (method !== "GET") throw methodNotAllowed();
          return await getUser(req, res);
        case "/logout":
          if (method !== "POST") throw methodNotAllowed();
          return await logout(req, res, url);
        case "/.well-known/jwks.json":
          if (method !== "GET") throw methodNotAllowed();
          // The HS256 secret is symmetric and never published.
          res.setHeader("Cache-Control", "public, max-age=600");
          return sendJson(res, 200, { keys: [] });
        case "/health":
          if (method !== "GET") throw methodNotAllowed();
          return sendJson(res, 200, {
            version: "local",
            name: "GoTrue",
            description: "GoTrue is a user registration and authentication API",
          });
        case "/settings":
          if (method !== "GET") throw methodNotAllowed();
          return sendJson(res, 200, SETTINGS);
        default:
          throw new AuthError(404, "not_found", "Not Found");
      }
    } catch (error) {
      if (error instanceof AuthError) return sendError(req, res, error);
      // A refresh waited too long for the token's lock (pg SQLSTATE lock_not_available).
      if (/** @type {{ code?: unknown } | null} */ (error)?.code === "55P03") {
        return sendError(
          req,
          res,
          new AuthError(409, "conflict", "Too many concurrent token refresh requests on the same session or refresh token"),
        );
      }
      const detail = error instanceof Error ? error.message : String(error);
      console.error(`[auth] ${method} ${route} failed: ${detail.replace(/\s+/g, " ")}`);
      return sendError(
        req,
        res,
        new AuthError(500, "unexpected_failure", "Unexpected failure, please check server logs for more information"),
      );
    }
  };

  // ---------------------------------------------------------------------------------------------
  // Helpers that need the pool

  /**
   * Runs `fn` in a transaction. `fn` may return `{ commitError }` to commit and then fail
   * (GoTrue's storage.NewCommitWithError), e.g. after revoking a reused token's family.
   * @template T
   * @param {(tx: PoolClient) => Promise<T | { commitError: AuthError }>} fn
   * @returns {Promise<T>}
   */
  async function withTransaction(fn) {
    const tx = await pool.connect();
    /** @type {Error | undefined} */
    let broken;
    try {
      await tx.query("begin");
      let result;
      try {
        result = await fn(tx);
      } catch (error) {
        await tx.query("rollback").catch((rollbackError) => {
          broken = rollbackError;
        });
        throw error;
      }
      await tx.query("commit");
      if (result && typeof result === "object" && "commitError" in result) throw result.commitError;
      return /** @type {T} */ (result);
    } finally {
      tx.release(broken);
    }
  }
}

// -----------------------------------------------------------------------------------------------
// Pure helpers

const SETTINGS = {
  external: {
    anonymous_users: false,
    apple: false,
    azure: false,
    bitbucket: false,
    discord: false,
    facebook: false,
    snapchat: false,
    figma: false,
    fly: false,
    github: false,
    gitlab: false,
    google: false,
    keycloak: false,
    kakao: false,
    linkedin: false,
    linkedin_oidc: false,
    notion: false,
    spotify: false,
    slack: false,
    slack_oidc: false,
    workos: false,
    twitch: false,
    twitter: false,
    email: true,
    phone: false,
    zoom: false,
  },
  disable_signup: true,
  mailer_autoconfirm: false,
  phone_autoconfirm: false,
  sms_provider: "",
  saml_enabled: false,
  saml_private_key_next_configured: false,
  passkeys_enabled: false,
};

/**
 * GoTrue's `models.User` JSON (omitempty fields left out when null).
 * @param {UserRow} user
 */
function userJson(user) {
  /** @type {Record<string, unknown>} */
  const json = {
    id: user.id,
    aud: user.aud || DEFAULT_AUD,
    role: user.role || DEFAULT_ROLE,
    email: user.email ?? "",
  };
  if (user.email_confirmed_at) json.email_confirmed_at = iso(user.email_confirmed_at);
  json.phone = user.phone ?? "";
  if (user.confirmed_at) json.confirmed_at = iso(user.confirmed_at);
  if (user.last_sign_in_at) json.last_sign_in_at = iso(user.last_sign_in_at);
  json.app_metadata = user.raw_app_meta_data ?? {};
  json.user_metadata = user.raw_user_meta_data ?? {};
  json.identities = [];
  json.created_at = user.created_at ? iso(user.created_at) : null;
  json.updated_at = user.updated_at ? iso(user.updated_at) : null;
  if (user.banned_until) json.banned_until = iso(user.banned_until);
  json.is_anonymous = Boolean(user.is_anonymous);
  return json;
}

/** @param {Date} date */
function iso(date) {
  return date.toISOString();
}

/** GoTrue `crypto.SecureAlphanumeric(12)`: 12 lowercase base32 characters (60 random bits). */
function newRefreshToken() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = "";
  for (let i = 0; i < 12; i++) out += alphabet[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  return out;
}

/**
 * @param {string} password
 * @param {string} hash
 */
async function verifyPassword(password, hash) {
  if (!password) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false; // not a bcrypt hash
  }
}

/**
 * The audience of the request: `X-JWT-AUD`, else the token's, else the default.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} [tokenAud]
 */
function requestAud(req, tokenAud) {
  const header = req.headers["x-jwt-aud"];
  if (typeof header === "string" && header) return header;
  return tokenAud || DEFAULT_AUD;
}

/** @param {import('node:http').IncomingMessage} req */
function requestClient(req) {
  const userAgent = typeof req.headers["user-agent"] === "string" && req.headers["user-agent"] ? req.headers["user-agent"] : null;
  const forwarded = req.headers["x-forwarded-for"];
  const candidates = [
    ...(typeof forwarded === "string" ? forwarded.split(",") : []),
    req.socket?.remoteAddress ?? "",
  ].map((value) => value.trim());
  const ip = candidates.find((value) => net.isIP(value) !== 0) ?? null;
  return { userAgent, ip };
}

/**
 * @param {Record<string, unknown>} body
 * @param {string} name
 */
function stringParam(body, name) {
  const value = body[name];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw badRequest("bad_json", `Could not parse request body as JSON: json: cannot unmarshal ${typeof value} into Go struct field .${name} of type string`);
  }
  return value;
}

/**
 * Reads a JSON object body of at most 64 KiB. An empty body is a JSON error, as in GoTrue.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Record<string, unknown>>}
 */
async function readJsonBody(req) {
  const tooLarge = () =>
    new AuthError(413, "request_entity_too_large", `Request body too large (max ${MAX_BODY_BYTES} bytes)`, { close: true });
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    req.resume();
    throw tooLarge();
  }
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === "" ? "unexpected end of JSON input" : error instanceof Error ? error.message : "invalid JSON";
    throw badRequest("bad_json", `Could not parse request body as JSON: ${reason}`);
  }
  if (parsed === null) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw badRequest("bad_json", "Could not parse request body as JSON: expected a JSON object");
  }
  return /** @type {Record<string, unknown>} */ (parsed);
}

/**
 * @param {PoolClient} tx
 * @param {string} where
 * @param {unknown[]} params
 */
async function lockSessions(tx, where, params) {
  await tx.query(`select id from auth.sessions where ${where} order by id for update`, params);
}

function methodNotAllowed() {
  return new AuthError(405, "method_not_allowed", "Method Not Allowed");
}

/** @param {unknown} error */
function jwtErrorText(error) {
  if (error instanceof joseErrors.JWTExpired) return "token has invalid claims: token is expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "token signature is invalid: signature is invalid";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "token is unverifiable: signing method is invalid";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token has invalid claims: ${error.message}`;
  return `token is malformed: ${error instanceof Error ? error.message : "invalid token"}`;
}

/**
 * The `X-Supabase-Api-Version` GoTrue answers with: 2024-01-01 for any valid date from then on,
 * null (the initial version) for none, an older date or an invalid one.
 * @param {import('node:http').IncomingMessage} req
 */
function apiVersionOf(req) {
  const value = req.headers[API_VERSION_HEADER.toLowerCase()];
  if (typeof value !== "string") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return time >= API_VERSION_2024_01_01 ? "2024-01-01" : null;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

/**
 * GoTrue's HandleResponseError for an HTTPError.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {AuthError} error
 */
function sendError(req, res, error) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.close) res.setHeader("Connection", "close");
  const version = apiVersionOf(req);
  if (version) res.setHeader(API_VERSION_HEADER, version);
  const errorCode = error.errorCode || (error.status === 500 ? "unexpected_failure" : "unknown");
  res.setHeader("x-sb-error-code", errorCode);
  if (version) {
    sendJson(res, error.status, { code: errorCode, message: error.message });
  } else {
    sendJson(res, error.status, { code: error.status, error_code: errorCode, msg: error.message });
  }
}
