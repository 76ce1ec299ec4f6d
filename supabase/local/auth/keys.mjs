/**
 * The auth server's signing key: an ES256 (ECDSA P-256) key pair with a `kid`, as Supabase's
 * asymmetric JWT signing keys. Access tokens are signed with it; its public half is published at
 * `/auth/v1/.well-known/jwks.json`, so `supabase.auth.getClaims()` verifies tokens in-process.
 *
 * Generated once per data folder and kept there (`<dataDir>/auth-signing-key.json`, mode 0600, in
 * the format of `supabase gen signing-key`: a JSON array of private JWKs): restarting keeps it
 * (tokens and the JWKS clients cached stay valid), `npm run db:reset` deletes it with everything
 * else. Not derived from the JWT secret: that secret is the Supabase CLI's well-known one, and a
 * key derived from public knowledge would let anyone sign tokens.
 *
 * PostgREST gets a JWK set (`PGRST_JWT_SECRET` accepts one) with the public key and the legacy
 * HS256 secret as an `oct` key, so it accepts both the new access tokens and the HS256 anon and
 * service-role API keys.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint } from "jose";

export const SIGNING_KEY_FILE = "auth-signing-key.json";

/**
 * @typedef {{ kty: string, crv: string, x: string, y: string, kid: string, alg: "ES256", use: "sig", key_ops: string[] }} PublicJwk
 * @typedef {{ kid: string, privateKey: import('node:crypto').KeyObject, publicKey: import('node:crypto').KeyObject, publicJwk: PublicJwk }} SigningKey
 */

/** A new key pair (kept nowhere). */
export async function generateSigningKey() {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return signingKeyFrom(privateKey);
}

/**
 * The data folder's key: read from `<dataDir>/auth-signing-key.json`, or generated and written there.
 * @param {string} dataDir
 * @returns {Promise<SigningKey>}
 */
export async function loadOrCreateSigningKey(dataDir) {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  const text = await readFile(file, "utf8").catch((/** @type {NodeJS.ErrnoException} */ error) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (text !== null) {
    try {
      const [jwk] = JSON.parse(text);
      if (jwk?.kty !== "EC" || jwk.crv !== "P-256" || typeof jwk.d !== "string") throw new Error("not an EC P-256 private JWK");
      return await signingKeyFrom(createPrivateKey({ key: jwk, format: "jwk" }), jwk.kid);
    } catch (error) {
      throw new Error(
        `${file} does not hold a usable ES256 signing key (${error instanceof Error ? error.message : error}); ` +
          "delete it to generate a new one (every signed-in user is then signed out)",
      );
    }
  }
  const key = await generateSigningKey();
  const jwk = key.privateKey.export({ format: "jwk" });
  const stored = [{ kty: jwk.kty, kid: key.kid, use: "sig", key_ops: ["sign", "verify"], alg: "ES256", ext: true, d: jwk.d, crv: jwk.crv, x: jwk.x, y: jwk.y }];
  // Written aside then renamed: a half-written key is never read.
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  await rename(partial, file);
  return key;
}

/**
 * The JWKS the auth server publishes: the public key only (never the HS256 secret).
 * @param {SigningKey} key
 */
export function publicJwks(key) {
  return { keys: [key.publicJwk] };
}

/**
 * The value of PostgREST's `jwt-secret`: a JWK set with the public key and the legacy HS256
 * secret, so PostgREST accepts both kinds of token.
 * @param {SigningKey} key
 * @param {string} jwtSecret
 */
export function postgrestJwks(key, jwtSecret) {
  return JSON.stringify({
    keys: [key.publicJwk, { kty: "oct", k: Buffer.from(jwtSecret, "utf8").toString("base64url"), alg: "HS256" }],
  });
}

/**
 * @param {import('node:crypto').KeyObject} privateKey
 * @param {unknown} [storedKid]
 * @returns {Promise<SigningKey>}
 */
async function signingKeyFrom(privateKey, storedKid) {
  const publicKey = createPublicKey(privateKey);
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  if (kty !== "EC" || crv !== "P-256" || !x || !y) throw new Error("the signing key must be an EC P-256 key");
  // The RFC 7638 thumbprint unless the file names its own kid: a new key always has a new kid, so
  // clients holding a cached JWKS fetch the new one.
  const kid = typeof storedKid === "string" && storedKid ? storedKid : await calculateJwkThumbprint({ kty, crv, x, y });
  return { kid, privateKey, publicKey, publicJwk: { kty, crv, x, y, kid, alg: "ES256", use: "sig", key_ops: ["verify"] } };
}
