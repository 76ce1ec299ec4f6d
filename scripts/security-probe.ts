/**
 * `npm run security:probe`: one run of the scheduled anon probe (lib/security/scheduled-probe.ts)
 * against the project in NEXT_PUBLIC_SUPABASE_URL — every exposed relation asked with
 * NEXT_PUBLIC_SUPABASE_ANON_KEY alone, the answers recorded with SUPABASE_SERVICE_ROLE_KEY — so the
 * next sync opens SEC_ANON_PROBE_ROWS for any relation that returns rows. Where pg_cron runs the
 * sync, schedule this on the same interval (cron, a systemd timer, a Kubernetes CronJob); the local
 * stack runs it before each of its syncs. Prints one JSON line; exit code 0 when the answers were
 * recorded (a leak is the database's finding, not a failure of the probe), 1 otherwise.
 */
import { runScheduledAnonProbe } from '../lib/security/scheduled-probe.ts';

const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
const anonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
const serviceRoleKey = process.env.SUPABASE_SERVICE_ROLE_KEY;
const missing = Object.entries({
  NEXT_PUBLIC_SUPABASE_URL: url,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
  SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
})
  .filter(([, value]) => !value)
  .map(([name]) => name);
if (missing.length > 0 || !url || !anonKey || !serviceRoleKey) {
  console.error(`security:probe needs ${missing.join(', ')}`);
  process.exit(1);
}

try {
  const outcome = await runScheduledAnonProbe({ url, anonKey, serviceRoleKey });
  console.log(
    JSON.stringify({ level: outcome.leaks.length > 0 ? 'error' : 'info', event: 'anon_probe', at: new Date().toISOString(), ...outcome }),
  );
} catch (error) {
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'anon_probe_failed',
      at: new Date().toISOString(),
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  process.exit(1);
}
