/** Reading requests: the JSON body, its string parameters, the audience, the client's address. */
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
  const tooLarge = () => new AuthError(413, "request_entity_too_large", `Request body too large (max ${MAX_BODY_BYTES} bytes)`, { close: true });
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
 * Who is calling: the user agent, and the client's IP address — the peer's, or, when the peer is
 * this machine (loopback), the first `X-Forwarded-For` entry. Only a loopback peer is trusted to
 * name another address: that is a server on this machine speaking for its visitor (the console's
 * server), never a browser, which reaches the gateway from its own address and could otherwise
 * choose any address it likes.
 * @param {import('node:http').IncomingMessage} req
 * @returns {{ userAgent: string | null, ip: string | null }}
 */
export function requestClient(req) {
  const agent = req.headers["user-agent"];
  const userAgent = typeof agent === "string" && agent ? agent : null;
  const peer = normalizeIp(req.socket?.remoteAddress ?? "");
  if (peer && isLoopback(peer)) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = normalizeIp((Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() ?? "");
    if (first) return { userAgent, ip: first };
  }
  return { userAgent, ip: peer };
}

/**
 * The key a client's address is counted under: an IPv4 address itself, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64, so counting single IPv6 addresses counts nothing).
 * @param {string | null} ip
 */
export function addressKey(ip) {
  if (!ip) return "unknown";
  if (net.isIPv4(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(":")}::/64`;
}

/**
 * A valid IP address in its plain form (IPv4-mapped IPv6 as IPv4), or null.
 * @param {string} value
 */
function normalizeIp(value) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  const candidate = mapped?.[1] ?? value;
  return net.isIP(candidate) ? candidate.toLowerCase() : null;
}

/** @param {string} ip a normalized address */
function isLoopback(ip) {
  return net.isIPv4(ip) ? ip.startsWith("127.") : expandIPv6(ip).join(":") === "0:0:0:0:0:0:0:1";
}

/**
 * The eight groups of an IPv6 address, without leading zeros.
 * @param {string} ip
 */
function expandIPv6(ip) {
  const [head = "", tail] = ip.split("::");
  const parse = (/** @type {string} */ part) => (part ? part.split(":") : []).map((group) => Number.parseInt(group, 16).toString(16));
  const start = parse(head);
  if (tail === undefined) return start;
  const end = parse(tail);
  return [...start, ...Array(8 - start.length - end.length).fill("0"), ...end];
}
