/**
 * What the stack's pieces share: the `[stack]` log line, the error the stack explains itself, and
 * small helpers for ports, servers, waiting and ordered stopping.
 */
import net from "node:net";
import path from "node:path";
import { projectRoot } from "../config.mjs";

/**
 * A piece's shutdown: resolves once it has let go of everything it held.
 * @typedef {() => Promise<unknown>} Stop
 */

/** @param {string} message */
export const log = (message) => console.log(`[stack] ${message}`);

/** A failure the stack explains itself: printed as its message alone, with exit code 1. */
export class StackError extends Error {}

/**
 * A path for messages: relative to the project.
 * @param {string} file
 */
export const relativePath = (file) => path.relative(projectRoot, file);

/**
 * Refuses a port something already listens on, naming it.
 * @param {number} port
 * @param {string} what
 * @returns {Promise<void>}
 */
export function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (/** @type {NodeJS.ErrnoException} */ error) => {
      reject(
        new StackError(
          error.code === "EADDRINUSE"
            ? `port ${port} (${what}) is already in use. Is another stack running? Stop it, or choose other ports with STACK_API_PORT / STACK_DB_PORT.`
            : `cannot listen on port ${port} (${what}): ${error.message}`,
        ),
      );
    });
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/**
 * Starts `server` on 127.0.0.1:`port`; a failure is a StackError naming `what`.
 * @param {net.Server} server
 * @param {number} port
 * @param {string} what
 * @returns {Promise<void>}
 */
export function listen(server, port, what) {
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new StackError(`${what}: ${error.message}`)));
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/**
 * Closes an HTTP server, its open connections included.
 * @param {import("node:http").Server} server
 * @returns {Promise<void>}
 */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Polls `check` every 50 ms until it answers true; a check that throws counts as false.
 * @param {() => Promise<boolean>} check
 * @param {{ timeoutMs: number, what: string }} options
 */
export async function waitFor(check, { timeoutMs, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new StackError(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

/**
 * Runs each stop in turn; one that fails does not keep the next from running.
 * @param {Stop[]} stops
 */
export async function stopInOrder(stops) {
  for (const stop of stops) await stop().catch(() => {});
}
