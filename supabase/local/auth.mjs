/**
 * A GoTrue-compatible auth endpoint for the local stack: just what unmodified `@supabase/supabase-js`
 * and `@supabase/ssr` use for email + password sign-in, session refresh, `getUser()`,
 * `getClaims()` and `signOut()`. Request and response shapes follow supabase/auth (GoTrue)
 * `internal/api` and `internal/tokens`; errors are GoTrue's (`./auth/errors.mjs`).
 *
 * - Access tokens are ES256 JWTs with a `kid` (`./auth/keys.mjs`, `./auth/tokens.mjs`), published
 *   at `/.well-known/jwks.json`, so `auth.getClaims()` verifies them without asking this server;
 *   the custom access token hook (`./auth/hook.mjs`) shapes their claims.
 * - Sessions and refresh tokens live in `auth.sessions` / `auth.refresh_tokens` as GoTrue's legacy
 *   (v1) refresh tokens: 12 lowercase base32 characters, rotated on every use (the used token
 *   revoked, the new one's `parent` set to it). A used token may be presented again only within the
 *   reuse interval after its first use, and then gets the session's current token; later, it is
 *   reuse: the session is deleted, with every token of its family.
 * - Sessions end `sessionTimeboxSeconds` after they were created (`not_after`; GoTrue's
 *   SESSIONS_TIMEBOX).
 * - Password sign-in is throttled per account and per client address (`./auth/throttle.mjs`).
 *
 * CORS is the gateway's job. Passwords and tokens are never logged.
 */
import { randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { AuthError, badRequest, forbidden, methodNotAllowed, sendError, sendJson } from "./auth/errors.mjs";
import { DEFAULT_ACCESS_TOKEN_HOOK, parsePgFunctionHook } from "./auth/hook.mjs";
import { DEFAULT_AUD, addressKey, readJsonBody, requestAud, requestClient, stringParam } from "./auth/http.mjs";
import { publicJwks } from "./auth/keys.mjs";
import { createSignInThrottle } from "./auth/throttle.mjs";
import { DEFAULT_ROLE, createTokenService } from "./auth/tokens.mjs";

const INVALID_LOGIN_MESSAGE = "Invalid login credentials";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const LEGACY_REFRESH_TOKEN_RE = /^[a-z0-9]{12}$/;
const BEARER_RE = /^bearer (\S+)$/i;
// A bcrypt hash of a random string: compared against when the e-mail is unknown, so an unknown
// address takes as long to refuse as a wrong password.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString("hex"), 6);

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
 *   session_id: string | null, reuse_expired: boolean }} RefreshTokenRow
 * @typedef {import('pg').PoolClient} PoolClient
 * @typedef {{
 *   pool: import('pg').Pool, jwtSecret: string, apiUrl: string, signingKey: import('./auth/keys.mjs').SigningKey,
 *   jwtExpirySeconds?: number, refreshReuseIntervalSeconds?: number, sessionTimeboxSeconds?: number,
 *   accessTokenHook?: string | null, signInThrottle?: Partial<import('./auth/throttle.mjs').ThrottleSettings>
 * }} AuthOptions
 */

const USER_COLUMNS = `
  id, aud, role, email, encrypted_password, email_confirmed_at, confirmed_at, phone, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, banned_until, deleted_at, is_anonymous,
  coalesce(banned_until > now(), false) as banned`;

/**
 * A session's columns; `expired` once past its `not_after` or its timebox ($2 seconds, 0: none).
 * @param {string} where
 */
const sessionQuery = (where) => `
  select id, user_id, created_at, not_after,
         coalesce(not_after < clock_timestamp(), false)
           or ($2::float8 > 0 and created_at + make_interval(secs => $2::float8) < clock_timestamp()) as expired
    from auth.sessions where ${where}`;

/**
 * @param {AuthOptions} options
 *   - `signingKey`: the ES256 key access tokens are signed with (`./auth/keys.mjs`);
 *   - `jwtSecret`: the legacy HS256 secret, still accepted from bearer tokens without a known `kid`;
 *   - `refreshReuseIntervalSeconds` (10): how long after its first use a refresh token may be used again;
 *   - `sessionTimeboxSeconds` (12 h; 0: none): a session's life, whatever its activity;
 *   - `accessTokenHook` (`pg-functions://postgres/public/custom_access_token_hook`; null: none);
 *   - `signInThrottle`: limits other than `SIGN_IN_THROTTLE`'s (tests).
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, path: string) => Promise<void>}
 */
export function createAuthHandler(options) {
  const { pool, jwtSecret, apiUrl, signingKey } = options;
  if (!pool || !jwtSecret || !apiUrl || !signingKey) {
    throw new Error("createAuthHandler needs pool, jwtSecret, apiUrl and signingKey");
  }
  const reuseIntervalSeconds = nonNegative(options.refreshReuseIntervalSeconds ?? 10, "refreshReuseIntervalSeconds");
  const sessionTimeboxSeconds = nonNegative(options.sessionTimeboxSeconds ?? 12 * 3600, "sessionTimeboxSeconds");
  const hookUri = options.accessTokenHook === undefined ? DEFAULT_ACCESS_TOKEN_HOOK : options.accessTokenHook;
  const tokens = createTokenService({
    issuer: `${apiUrl.replace(/\/+$/, "")}/auth/v1`,
    jwtSecret,
    signingKey,
    jwtExpirySeconds: options.jwtExpirySeconds ?? 3600,
    accessTokenHook: hookUri ? parsePgFunctionHook(hookUri) : null,
  });
  const throttle = createSignInThrottle(options.signInThrottle);
  const jwks = JSON.stringify(publicJwks(signingKey));

  /**
   * The session response of `POST /token` (GoTrue `AccessTokenResponse`); the access token is
   * signed (and the hook run) in `tx`.
   * @param {PoolClient} tx
   * @param {{ user: UserRow, session: SessionRow, refreshToken: string, authenticationMethod: "password" | "token_refresh", ip: string | null }} params
   */
  async function sessionResponse(tx, { user, session, refreshToken, authenticationMethod, ip }) {
    const { token, exp } = await tokens.issue(tx, { user, session, authenticationMethod, ip });
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
  // POST /token?grant_type=password (GoTrue ResourceOwnerPasswordGrant), throttled

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

    const client = requestClient(req);
    const aud = requestAud(req);
    /** @type {{ rows: UserRow[] }} */
    const found = await pool.query(
      `select ${USER_COLUMNS} from auth.users
        where lower(email) = lower($1) and is_sso_user = false and coalesce(aud, $2) = $2
        order by created_at limit 1`,
      [email, aud],
    );
    const user = found.rows[0]?.deleted_at ? undefined : found.rows[0];

    // Counted per account (the user when there is one, so every spelling of the address counts
    // alike; else the address typed) and per client address. Over the limit: no password check.
    const attempt = throttle.attempt(user ? `user:${user.id}` : `email:${email.toLowerCase()}`, addressKey(client.ip));
    if (!attempt.allowed) {
      throw new AuthError(429, "over_request_rate_limit", "Request rate limit reached", {
        headers: { "Retry-After": String(attempt.retryAfterSeconds) },
      });
    }
    let wrongCredentials = false;
    try {
      if (!user) {
        await verifyPassword(password, DUMMY_HASH);
        wrongCredentials = true;
        throw badRequest("invalid_credentials", INVALID_LOGIN_MESSAGE);
      }
      if (!user.encrypted_password) {
        wrongCredentials = true;
        throw badRequest("invalid_credentials", INVALID_LOGIN_MESSAGE);
      }
      if (user.banned) throw badRequest("user_banned", "User is banned");
      if (!(await verifyPassword(password, user.encrypted_password))) {
        wrongCredentials = true;
        throw badRequest("invalid_credentials", INVALID_LOGIN_MESSAGE);
      }
    } finally {
      // Only a wrong password (or unknown account) stays counted.
      if (!wrongCredentials) attempt.release();
    }
    if (!user.email_confirmed_at) throw badRequest("email_not_confirmed", "Email not confirmed");

    return withTransaction(async (tx) => {
      /** @type {{ rows: SessionRow[] }} */
      const sessions = await tx.query(
        `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip, not_after)
         values ($1, $2, now(), now(), 'aal1', $3, $4,
                 case when $5::float8 > 0 then now() + make_interval(secs => $5::float8) end)
         returning id, user_id, created_at, not_after, false as expired`,
        [randomUUID(), user.id, client.userAgent, client.ip, sessionTimeboxSeconds],
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
      return sessionResponse(tx, {
        user: /** @type {UserRow} */ (updated.rows[0]),
        session,
        refreshToken,
        authenticationMethod: "password",
        ip: client.ip,
      });
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
      // (logout, reuse) locks the session and then, by cascade, its tokens.
      const peek = await tx.query("select session_id from auth.refresh_tokens where token = $1", [refreshToken]);
      if (peek.rows.length === 0) throw notFound();
      /** @type {string | null} */
      const peekSessionId = peek.rows[0].session_id;
      /** @type {SessionRow | undefined} */
      let session;
      if (peekSessionId && peekSessionId !== NIL_UUID) {
        const locked = await tx.query(`${sessionQuery("id = $1")} for update`, [peekSessionId, sessionTimeboxSeconds]);
        session = locked.rows[0];
      }
      // IMPORTANT: a revoked token's updated_at is the moment it was first used: rotation writes
      // it, once, and nothing writes a revoked token again (reuse deletes the session instead).
      /** @type {{ rows: RefreshTokenRow[] }} */
      const tokenRows = await tx.query(
        `select id, token, user_id, revoked, parent, session_id,
                revoked and updated_at + make_interval(secs => $2::float8) < clock_timestamp() as reuse_expired
           from auth.refresh_tokens where token = $1 for update`,
        [refreshToken, reuseIntervalSeconds],
      );
      const token = tokenRows.rows[0];
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

      /** @type {string} */
      let issued;
      if (token.revoked) {
        const active = await tx.query("select token from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1", [session.id]);
        /** @type {string | undefined} */
        const activeToken = active.rows[0]?.token;
        if (token.reuse_expired || !activeToken) {
          // Reuse: someone holds a token the client already traded in. End the session — every
          // token of the family, and (the database checking session_id) its access tokens.
          await tx.query("delete from auth.sessions where id = $1", [session.id]);
          console.warn(`[auth] refresh token reuse detected: session ${session.id} ended`);
          return { commitError: badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used") };
        }
        // Within the reuse interval (a client that lost the answer, tabs refreshing at once): the
        // session's current token, so every client ends up holding the same one.
        issued = activeToken;
      } else {
        // GrantRefreshTokenSwap: revoke the used token (its first use), issue its child.
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
      return sessionResponse(tx, { user, session, refreshToken: issued, authenticationMethod: "token_refresh", ip: client.ip });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Bearer authentication (GoTrue requireAuthentication)

  /**
   * @param {import('node:http').IncomingMessage} req
   * @returns {Promise<{ claims: import('./auth/tokens.mjs').Claims, user: UserRow, session: SessionRow | null }>}
   */
  async function authenticate(req) {
    const header = req.headers.authorization ?? "";
    const match = BEARER_RE.exec(header);
    if (!match) throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
    const claims = await tokens.verify(/** @type {string} */ (match[1]));
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
      const sessions = await pool.query(sessionQuery("id = $1"), [sessionId, sessionTimeboxSeconds]);
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
          // GoTrue's WellKnownJwks: the public key (never the HS256 secret), cached 10 minutes.
          res.setHeader("Cache-Control", "public, max-age=600");
          res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(jwks) });
          res.end(jwks);
          return;
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
        return sendError(req, res, new AuthError(409, "conflict", "Too many concurrent token refresh requests on the same session or refresh token"));
      }
      const detail = error instanceof Error ? error.message : String(error);
      console.error(`[auth] ${method} ${route} failed: ${detail.replace(/\s+/g, " ")}`);
      return sendError(req, res, new AuthError(500, "unexpected_failure", "Unexpected failure, please check server logs for more information"));
    }
  };

  // ---------------------------------------------------------------------------------------------
  // Helpers that need the pool

  /**
   * Runs `fn` in a transaction. `fn` may return `{ commitError }` to commit and then fail
   * (GoTrue's storage.NewCommitWithError), e.g. after ending a session for refresh-token reuse.
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

/**
 * @param {number} value
 * @param {string} name
 */
function nonNegative(value, name) {
  if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
    throw new Error(`createAuthHandler: ${name} must be a number of seconds >= 0 (got ${value})`);
  }
  return value;
}

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
 * @param {PoolClient} tx
 * @param {string} where
 * @param {unknown[]} params
 */
async function lockSessions(tx, where, params) {
  await tx.query(`select id from auth.sessions where ${where} order by id for update`, params);
}
