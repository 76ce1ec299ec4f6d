/**
 * The API: the GoTrue-compatible auth handler (`../auth.mjs`, on its own pool as
 * `supabase_auth_admin`) behind the gateway (`../gateway.mjs`) on 127.0.0.1:<STACK_API_PORT>,
 * which also forwards `/rest/v1` to PostgREST.
 */
import pg from "pg";
import { createAuthHandler } from "../auth.mjs";
import { jwtSecret } from "../config.mjs";
import { createGateway } from "../gateway.mjs";
import { closeServer, listen, stopInOrder } from "./support.mjs";

/**
 * Starts the auth handler and the gateway. On failure nothing stays open.
 * @param {import("../config.mjs").StackConfig} config
 * @param {import("../auth/keys.mjs").SigningKey} signingKey the key access tokens are signed with
 * @returns {Promise<{ stop: import("./support.mjs").Stop }>} `stop`: the gateway, then the auth pool
 */
export async function startApi(config, signingKey) {
  const authPool = new pg.Pool({
    connectionString: config.dbUrl.replace("postgres:postgres@", "supabase_auth_admin:postgres@"),
    max: 5,
  });
  authPool.on("error", (error) => console.error(`[stack] auth pool: ${error.message}`));
  const gateway = createGateway({
    postgrestSocket: config.postgrestSocket,
    apiKeys: [config.anonKey, config.serviceRoleKey],
    authHandler: createAuthHandler({
      pool: authPool,
      jwtSecret,
      signingKey,
      apiUrl: config.apiUrl,
      accessTokenHook: config.accessTokenHook,
    }),
  });
  try {
    await listen(gateway, config.apiPort, "API gateway");
  } catch (error) {
    await authPool.end().catch(() => {});
    throw error;
  }
  return { stop: () => stopInOrder([() => closeServer(gateway), () => authPool.end()]) };
}
