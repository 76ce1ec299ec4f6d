/**
 * Access tokens, as GoTrue issues and checks them:
 * - issuing (`internal/tokens/service.go` `GenerateAccessToken`): GoTrue's claims in GoTrue's
 *   order, passed through the custom access token hook when one is configured, signed ES256 with
 *   the signing key's `kid` in the header (`SignJWT`);
 * - checking a bearer token (`internal/api/auth.go` `parseJWTClaims`): by its `kid` with the
 *   published key, or, without a known `kid`, HS256 with the project's JWT secret (the legacy
 *   tokens); any other token is refused.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { forbidden } from "./errors.mjs";
import { DEFAULT_AUD } from "./http.mjs";
import { runAccessTokenHook } from "./hook.mjs";

export const DEFAULT_ROLE = "authenticated";

/**
 * @typedef {import('./keys.mjs').SigningKey} SigningKey
 * @typedef {import('./hook.mjs').PgFunctionHook} PgFunctionHook
 * @typedef {{ id: string, aud: string | null, role: string | null, email: string | null, phone: string | null,
 *   raw_app_meta_data: Record<string, unknown> | null, raw_user_meta_data: Record<string, unknown> | null,
 *   is_anonymous: boolean }} TokenUser
 * @typedef {{ id: string, created_at: Date }} TokenSession
 * @typedef {import('jose').JWTPayload & Record<string, unknown>} Claims
 */

/**
 * @param {{ issuer: string, jwtSecret: string, signingKey: SigningKey, jwtExpirySeconds: number,
 *   accessTokenHook: PgFunctionHook | null }} options
 */
export function createTokenService({ issuer, jwtSecret, signingKey, jwtExpirySeconds, accessTokenHook }) {
  const secretKey = new TextEncoder().encode(jwtSecret);

  return {
    /**
     * Signs an access token for the session; runs the hook (when configured) in `tx`.
     * @param {import('pg').PoolClient} tx
     * @param {{ user: TokenUser, session: TokenSession, authenticationMethod: "password" | "token_refresh", ip: string | null }} params
     */
    async issue(tx, { user, session, authenticationMethod, ip }) {
      const iat = Math.floor(Date.now() / 1000);
      const exp = iat + jwtExpirySeconds;
      /** @type {Record<string, unknown>} */
      let claims = {
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
      if (accessTokenHook) {
        claims = await runAccessTokenHook(tx, accessTokenHook, { userId: user.id, claims, authenticationMethod, ip });
      }
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: signingKey.kid, typ: "JWT" }).sign(signingKey.privateKey);
      // As GoTrue: the response's expiry is the server's, whatever the hook did to `exp`.
      return { token, exp };
    },

    /**
     * The verified claims of a bearer token, or a 403 `bad_jwt`.
     * @param {string} bearer
     * @returns {Promise<Claims>}
     */
    async verify(bearer) {
      try {
        const { payload } = await jwtVerify(
          bearer,
          (header) => {
            if (header.kid === signingKey.kid) return signingKey.publicKey;
            if (header.alg === "HS256") return secretKey;
            throw new UnknownKeyError(`unrecognized JWT kid ${header.kid ?? "<nil>"} for algorithm ${header.alg}`);
          },
          { algorithms: ["ES256", "HS256"] },
        );
        return /** @type {Claims} */ (payload);
      } catch (error) {
        throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${jwtErrorText(error)}`);
      }
    },
  };
}

class UnknownKeyError extends Error {}

/**
 * golang-jwt's wording of a verification failure.
 * @param {unknown} error
 */
function jwtErrorText(error) {
  if (error instanceof UnknownKeyError) return `token is unverifiable: error while executing keyfunc: ${error.message}`;
  if (error instanceof joseErrors.JWTExpired) return "token has invalid claims: token is expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "token signature is invalid: signature is invalid";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "token is unverifiable: signing method is invalid";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token has invalid claims: ${error.message}`;
  return `token is malformed: ${error instanceof Error ? error.message : "invalid token"}`;
}
