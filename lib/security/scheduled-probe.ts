/**
 * The anon probe on the sync's schedule (SEC_ANON_PROBE_ROWS). Three requests to the project's API,
 * each under the least identity that can make it:
 *   1. the exposed relations, from `exposed_relations()` (service role: the list is not anon's to read);
 *   2. every one of them with the anon key alone, exactly as anyone on the internet would ask
 *      (./anon-probe.ts), counting the rows that come back;
 *   3. the answers to `record_anon_probe()` (service role only), which checks them against the
 *      catalogue and keeps the last one per relation; the next sync turns a leak into an alert.
 * Run by the local stack's sync timer before each sync (supabase/local/stack/sync.mjs) and, where
 * pg_cron runs the sync, by `npm run security:probe` on the same schedule (scripts/security-probe.ts).
 * Plain fetch and relative imports only, so Node runs it as it is (type stripping), without Next.js.
 */
import { leaks, probeAnon, type ProbeRelation } from './anon-probe.ts';

export type ScheduledProbeOptions = {
  /** The API's base URL (the gateway: `/rest/v1` is added). */
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
};

export type ScheduledProbeOutcome = {
  probed: number;
  /** Relations that returned rows to the anon key, with how many. */
  leaks: { relation: string; rowCount: number }[];
  /** Relations the probe could not conclude on (no answer, unexpected status). */
  errors: number;
  /** What record_anon_probe() answered: {recorded, removed, exposed, leaks}. */
  recorded: unknown;
};

/** One PostgREST RPC with the service-role key; throws with the status and the start of the answer. */
async function serviceRpc(options: Required<ScheduledProbeOptions>, fn: string, body: unknown): Promise<unknown> {
  const key = options.serviceRoleKey;
  const response = await options.fetchImpl(`${options.url.replace(/\/+$/, '')}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: key, Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${fn} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

function asRelations(value: unknown): ProbeRelation[] {
  if (!Array.isArray(value)) throw new Error('exposed_relations answered an unexpected shape');
  return value.map((row: unknown) => {
    const { schema_name, name, kind } = (row ?? {}) as Record<string, unknown>;
    if (typeof schema_name !== 'string' || typeof name !== 'string' || typeof kind !== 'string') {
      throw new Error('exposed_relations answered an unexpected shape');
    }
    return { schemaName: schema_name, name, kind };
  });
}

/** Probes every exposed relation as anon and records the answers; throws when listing or recording fails. */
export async function runScheduledAnonProbe({
  url,
  anonKey,
  serviceRoleKey,
  fetchImpl = fetch,
  timeoutMs = 10_000,
}: ScheduledProbeOptions): Promise<ScheduledProbeOutcome> {
  const options = { url, anonKey, serviceRoleKey, fetchImpl, timeoutMs };
  const relations = asRelations(await serviceRpc(options, 'exposed_relations', {}));
  const results = await probeAnon({ url, anonKey, relations, fetchImpl, timeoutMs, countRows: true });
  const report = results.map((result) => ({
    schema: result.schemaName,
    name: result.name,
    outcome: result.outcome,
    row_count: result.outcome === 'rows' ? result.rowCount : 0,
    status: result.status,
  }));
  const recorded = await serviceRpc(options, 'record_anon_probe', { results: report });
  return {
    probed: results.length,
    leaks: leaks(results).map((result) => ({ relation: `${result.schemaName}.${result.name}`, rowCount: result.rowCount })),
    errors: results.filter((result) => result.outcome === 'error').length,
    recorded,
  };
}
