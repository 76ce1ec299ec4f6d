/**
 * Errors and JSON answers the way GoTrue's `HandleResponseError` writes them (`internal/api/errors.go`):
 * `{code, error_code, msg}`, or `{code: "<error_code>", message}` when the request carries
 * `X-Supabase-Api-Version` >= 2024-01-01 (auth-js always sends `2024-01-01`), with the version
 * echoed in the response header. auth-js only reads `code` as the error code when it can see that
 * response header, so the gateway's CORS must expose `X-Supabase-Api-Version`.
 */

const API_VERSION_HEADER = "X-Supabase-Api-Version";
const API_VERSION_2024_01_01 = Date.UTC(2024, 0, 1);

/** An error answered the way GoTrue answers an `HTTPError`. */
export class AuthError extends Error {
  /**
   * @param {number} status
   * @param {string} errorCode GoTrue error code ("" for none: GoTrue then answers `unexpected_failure` for a 500, else `unknown`)
   * @param {string} message
   * @param {{ close?: boolean, headers?: Record<string, string> }} [extra] `close`: close the connection after
   *   answering; `headers`: more response headers (e.g. `Retry-After`)
   */
  constructor(status, errorCode, message, extra = {}) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.close = extra.close ?? false;
    this.headers = extra.headers ?? {};
  }
}

export const badRequest = (/** @type {string} */ code, /** @type {string} */ msg) => new AuthError(400, code, msg);
export const forbidden = (/** @type {string} */ code, /** @type {string} */ msg) => new AuthError(403, code, msg);
/** GoTrue `NewInternalServerError`: 500, `unexpected_failure`. */
export const internalError = (/** @type {string} */ msg) => new AuthError(500, "unexpected_failure", msg);
export const methodNotAllowed = () => new AuthError(405, "method_not_allowed", "Method Not Allowed");

/**
 * The `X-Supabase-Api-Version` GoTrue answers with: 2024-01-01 for any valid date from then on,
 * null (the initial version) for none, an older date or an invalid one.
 * @param {import('node:http').IncomingMessage} req
 */
export function apiVersionOf(req) {
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
export function sendJson(res, status, body) {
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
export function sendError(req, res, error) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.close) res.setHeader("Connection", "close");
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  const version = apiVersionOf(req);
  if (version) res.setHeader(API_VERSION_HEADER, version);
  // As GoTrue: the header only for an error that has a code of its own.
  if (error.errorCode) res.setHeader("x-sb-error-code", error.errorCode);
  const errorCode = error.errorCode || (error.status === 500 ? "unexpected_failure" : "unknown");
  if (version) {
    sendJson(res, error.status, { code: errorCode, message: error.message });
  } else {
    sendJson(res, error.status, { code: error.status, error_code: errorCode, msg: error.message });
  }
}
