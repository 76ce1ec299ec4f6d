/** Reading requests: the JSON body, its string parameters, the audience, the client. */
import net from "node:net";
import { AuthError, badRequest } from "./errors.mjs";

const MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_AUD = "authenticated";

/**
 * Reads a JSON object body of at most 64 KiB. An empty body is a JSON error, as in GoTrue.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readJsonBody(req) {
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
 * @param {Record<string, unknown>} body
 * @param {string} name
 */
export function stringParam(body, name) {
  const value = body[name];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw badRequest("bad_json", `Could not parse request body as JSON: json: cannot unmarshal ${typeof value} into Go struct field .${name} of type string`);
  }
  return value;
}

/**
 * The audience of the request: `X-JWT-AUD`, else the token's, else the default.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} [tokenAud]
 */
export function requestAud(req, tokenAud) {
  const header = req.headers["x-jwt-aud"];
  if (typeof header === "string" && header) return header;
  return tokenAud || DEFAULT_AUD;
}

/**
 * Who is calling: the user agent and the first valid IP address of `X-Forwarded-For` and the peer.
 * @param {import('node:http').IncomingMessage} req
 */
export function requestClient(req) {
  const userAgent = typeof req.headers["user-agent"] === "string" && req.headers["user-agent"] ? req.headers["user-agent"] : null;
  const forwarded = req.headers["x-forwarded-for"];
  const candidates = [
    ...(typeof forwarded === "string" ? forwarded.split(",") : []),
    req.socket?.remoteAddress ?? "",
  ].map((value) => value.trim());
  const ip = candidates.find((value) => net.isIP(value) !== 0) ?? null;
  return { userAgent, ip };
}
