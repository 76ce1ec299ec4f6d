/**
 * Test-only (`STACK_CONTROL_PORT`): an endpoint on 127.0.0.1 that stops and starts PostgREST and
 * PostgreSQL while the stack runs, so the fault tests can take them away from a serving console:
 * `POST /postgrest/stop|start`, `POST /postgres/stop|start`. Everything else in the stack (the
 * gateway, the auth and sync pools, PostgREST itself) must cope with it on its own.
 */
import http from "node:http";
import { StackError, closeServer, listen, log } from "./support.mjs";

/**
 * The control endpoint's port from STACK_CONTROL_PORT, or null when it is unset.
 * @returns {number | null}
 */
export function controlPortFromEnv() {
  const raw = process.env.STACK_CONTROL_PORT;
  if (!raw) return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new StackError(`STACK_CONTROL_PORT must be a port number (got "${raw}")`);
  }
  return port;
}

/**
 * @param {number} port
 * @param {{ postgrest: import("./postgrest.mjs").Postgrest, postgres: import("./postgres.mjs").Postgres }} services
 * @returns {Promise<{ stop: import("./support.mjs").Stop }>}
 */
export async function startControlServer(port, { postgrest, postgres }) {
  /** @type {Record<"postgrest" | "postgres", Record<"stop" | "start", () => Promise<void>>>} */
  const actions = {
    postgrest: {
      stop: async () => {
        await postgrest.stop();
        log("PostgREST stopped (control endpoint)");
      },
      start: async () => {
        await postgrest.start();
        log("PostgREST started (control endpoint)");
      },
    },
    postgres: {
      stop: async () => {
        if (!postgres.running()) return;
        await postgres.stop();
        log("PostgreSQL stopped (control endpoint)");
      },
      start: async () => {
        if (postgres.running()) return;
        await postgres.start();
        log("PostgreSQL started (control endpoint)");
      },
    },
  };

  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    const route = /^\/(postgrest|postgres)\/(stop|start)$/.exec(req.url ?? "");
    /**
     * @param {number} status
     * @param {Record<string, string>} body
     */
    const reply = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || !route) return reply(404, { error: "POST /postgrest/stop|start or /postgres/stop|start" });
    const service = /** @type {"postgrest" | "postgres"} */ (route[1]);
    const verb = /** @type {"stop" | "start"} */ (route[2]);
    // One change at a time, in the order asked.
    queue = queue
      .then(() => actions[service][verb]())
      .then(
        () => reply(200, { service, state: verb === "stop" ? "stopped" : "started" }),
        (error) => reply(500, { service, error: error?.message ?? String(error) }),
      );
  });
  await listen(server, port, "control endpoint");
  log(`control endpoint (tests only) on http://127.0.0.1:${port}`);
  return { stop: () => closeServer(server) };
}
