import 'server-only';
import { hostname } from 'node:os';
import { createServiceClient } from '@/lib/supabase/service';
import { CONSOLE_VERSION, SCHEMA_VERSION } from './build-info';
import { consoleInstanceName } from './instance-name';

/** Reports again this often, well inside the 24-hour window after which a silent component is STALE. */
const REPORT_EVERY_MS = 15 * 60_000;

/**
 * The console reports the version it runs, and the schema version it was built for, from its own
 * server, under its own identity (the service role: report_client_version() accepts the console's
 * version from nothing else). The database expects exactly that schema applied (VERSION_DRIFT on
 * component `schema` otherwise), so nobody edits version_policies when migrations ship. Once
 * at start and every 15 minutes — each instance under its own name, so one instance left on an old
 * version shows as drift whatever the others report. Best effort: a failed report is logged; the
 * versions page then shows the console as STALE or UNKNOWN, which is the truth the database holds.
 * Without a service-role key (allowed outside production) the console does not report.
 */
export async function reportConsoleVersion(): Promise<void> {
  const client = createServiceClient();
  if (!client) return;
  try {
    const { error } = await client.rpc('report_client_version', {
      component: 'console',
      version: CONSOLE_VERSION,
      schema_version: SCHEMA_VERSION,
      instance: consoleInstanceName({ CONSOLE_INSTANCE: process.env.CONSOLE_INSTANCE }, hostname()),
    });
    if (error) console.error(JSON.stringify({ level: 'warn', event: 'console_version_report_failed', code: error.code }));
  } catch (error) {
    console.error(JSON.stringify({ level: 'warn', event: 'console_version_report_failed', message: String(error) }));
  }
}

/** Starts the reports (instrumentation.ts, once per server process). */
export function startConsoleVersionReports(): void {
  void reportConsoleVersion();
  setInterval(() => void reportConsoleVersion(), REPORT_EVERY_MS).unref();
}
