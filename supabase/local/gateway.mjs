/**
 * The API gateway of the local stack, standing where Kong stands in `supabase start`:
 * `/rest/v1/*` goes to PostgREST (prefix removed), `/auth/v1/*` to the GoTrue-compatible handler.
 * Like Supabase's gateway it demands a known API key and, when no user token is sent, forwards the
 * API key itself as the bearer token, so PostgREST runs the request as `anon` or `service_role`.
 * The auth server's public keys (`/auth/v1/.well-known/jwks.json`) need no API key, as on a hosted
 * project: anyone verifying a token may fetch them.
 */
import http from "node:http";

const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-expose-headers": "content-range, content-profile, content-location, x-total-count, x-supabase-api-version, retry-after",
  "access-control-max-age": "3600",
};

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...corsHeaders,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

const JWKS_PATH = "/.well-known/jwks.json";

/** @param {http.ServerResponse} res */
function failed(res) {
  return (/** @type {unknown} */ error) => {
    console.error(`[gateway] auth handler failed: ${error instanceof Error ? error.message : error}`);
    if (!res.headersSent) sendJson(res, 500, { code: 500, error_code: "unexpected_failure", msg: "Unexpected failure" });
  };
}

/**
 * @param {http.IncomingMessage} req
 * @param {URL} url
 */
function apiKeyOf(req, url) {
  const header = req.headers.apikey;
  if (typeof header === "string" && header) return header;
  return url.searchParams.get("apikey");
}

/**
 * @param {{ postgrestSocket: string, apiKeys: string[], authHandler: (req: http.IncomingMessage, res: http.ServerResponse, path: string) => Promise<void> }} options
 */
export function createGateway({ postgrestSocket, apiKeys, authHandler }) {
  const knownKeys = new Set(apiKeys);

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   * @param {string} path
   * @param {string} apiKey
   */
  function proxyToPostgrest(req, res, path, apiKey) {
    const headers = { ...req.headers };
    delete headers.host;
    if (!headers.authorization) headers.authorization = `Bearer ${apiKey}`;
    const upstream = http.request({ socketPath: postgrestSocket, path, method: req.method, headers }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, { ...upstreamRes.headers, ...corsHeaders });
      upstreamRes.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) sendJson(res, 502, { message: "PostgREST is not reachable" });
      else res.destroy();
    });
    req.pipe(upstream);
  }

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");

    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...corsHeaders,
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      });
      res.end();
      return;
    }
    if (url.pathname === "/health") {
      sendJson(res, 200, { status: "ok" });
      return;
    }

    const route = /^\/(rest|auth)\/v1(\/.*)?$/.exec(url.pathname);
    if (!route) {
      sendJson(res, 404, { message: "no Route matched with those values" });
      return;
    }

    const subPath = route[2] ?? "/";
    if (route[1] === "auth" && subPath === JWKS_PATH) {
      for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
      authHandler(req, res, subPath).catch(failed(res));
      return;
    }
    const apiKey = apiKeyOf(req, url);
    if (!apiKey) {
      sendJson(res, 401, { message: "No API key found in request" });
      return;
    }
    if (!knownKeys.has(apiKey)) {
      sendJson(res, 401, { message: "Invalid API key" });
      return;
    }

    if (route[1] === "rest") {
      proxyToPostgrest(req, res, subPath + url.search, apiKey);
      return;
    }
    for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
    authHandler(req, res, subPath).catch(failed(res));
  });
}
