/**
 * The bench stack in its own process (so the gateway and auth endpoint do not share an event loop
 * with the load generator): startStack() from supabase/local/stack.mjs with the STACK_* env the
 * parent sets. `--reset` rebuilds the data folder first. Prints one `BENCH_STACK_READY {json}` line
 * when ready; stops cleanly on SIGTERM. The parent passes `bench-helper` in argv as a marker.
 */
import { onStopSignal, startStack } from "../../supabase/local/stack.mjs";

const started = performance.now();
if (process.argv.includes("--reset")) await startStack({ reset: true });
const stack = await startStack();
const { config } = stack;
console.log(
  `BENCH_STACK_READY ${JSON.stringify({
    readySeconds: (performance.now() - started) / 1000,
    apiUrl: config.apiUrl,
    dbUrl: config.dbUrl,
    anonKey: config.anonKey,
    serviceRoleKey: config.serviceRoleKey,
  })}`,
);
onStopSignal(async () => {
  await stack.shutdown();
  process.exit(0);
});
