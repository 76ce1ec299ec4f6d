/**
 * Lets a Node.js process import the console's TypeScript modules as they are (Node 24 strips the
 * types): resolves `@/…` to the project root, extension-less relative imports to `.ts` files, and
 * `server-only` to the empty marker Next.js gives server code. Used by the benchmark and the
 * delivery worker (scripts/worker.mjs).
 */
import { registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let hooksRegistered = false;
export function registerTsImports() {
  if (hooksRegistered) return;
  hooksRegistered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      // What Next.js gives server code: the marker module that lets server-only code load.
      if (specifier === "server-only") return { url: pathToFileURL(path.join(projectRoot, "node_modules/server-only/empty.js")).href, shortCircuit: true };
      if (specifier.startsWith("@/")) specifier = pathToFileURL(path.join(projectRoot, specifier.slice(2))).href;
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (specifier.startsWith(".") || specifier.startsWith("file:")) {
          for (const ext of [".ts", "/index.ts"]) {
            try {
              return nextResolve(specifier + ext, context);
            } catch {}
          }
        }
        throw error;
      }
    },
  });
}
