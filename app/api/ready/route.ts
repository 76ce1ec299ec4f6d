import { getPublicEnv } from '@/lib/env';
import { syncHealthSchema } from '@/lib/sync-health/schemas';
import { createServiceClient } from '@/lib/supabase/service';
import { SCHEMA_VERSION } from '@/lib/versions/build-info';

/**
 * Readiness: the database is reachable through PostgREST, its applied schema is the one this
 * console was built for, and the checks are running (a successful sync within three intervals:
 * a console whose checks stopped answers "0 anomalies" falsely). 200 when all hold, 503 otherwise
 * with the failing checks named in `reasons`; JSON, no secrets, bounded by timeouts.
 * The schema and the sync's health are read with the service role (neither function is for anon);
 * without that key both report `unknown` and readiness rests on PostgREST alone.
 * Anyone may ask, so the answer names no version, no time and no error text: which schema is
 * applied tells an attacker which fixes are in, and the database's messages name internals; they
 * go to the server's log instead.
 */
export const dynamic = 'force-dynamic';

const TIMEOUT_MS = 2000;

async function postgrestAnswers(): Promise<boolean> {
  const env = getPublicEnv();
  try {
    const response = await fetch(`${env.NEXT_PUBLIC_SUPABASE_URL}/rest/v1/`, {
      headers: { apikey: env.NEXT_PUBLIC_SUPABASE_ANON_KEY },
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}

type Client = NonNullable<ReturnType<typeof createServiceClient>>;

async function appliedSchema(client: Client | null): Promise<string | null | 'unknown'> {
  if (!client) return 'unknown';
  const { data, error } = await client.rpc('applied_schema_version').abortSignal(AbortSignal.timeout(TIMEOUT_MS));
  if (error) return null;
  return (data as { version?: string } | null)?.version ?? null;
}

async function syncState(client: Client | null): Promise<'ok' | 'stale' | 'unreachable' | 'unknown'> {
  if (!client) return 'unknown';
  const { data, error } = await client.rpc('sync_health').abortSignal(AbortSignal.timeout(TIMEOUT_MS));
  const health = error ? null : syncHealthSchema.safeParse(data);
  if (!health?.success) return 'unreachable';
  if (!health.data.stale) return 'ok';
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'sync_stale',
      last_success_at: health.data.lastSuccessAt,
      stale_after_seconds: health.data.staleAfterSeconds,
      last_run: health.data.lastRun,
    }),
  );
  return 'stale';
}

export async function GET() {
  const client = createServiceClient();
  const [postgrest, applied, sync] = await Promise.all([postgrestAnswers(), appliedSchema(client), syncState(client)]);
  const schema = applied === 'unknown' ? 'unknown' : applied === null ? 'unreachable' : applied === SCHEMA_VERSION ? 'ok' : 'mismatch';
  if (schema === 'mismatch') {
    console.error(JSON.stringify({ level: 'error', event: 'schema_mismatch', expected: SCHEMA_VERSION, applied }));
  }
  const reasons = [
    ...(postgrest ? [] : ['postgrest_unreachable']),
    ...(schema === 'mismatch' || schema === 'unreachable' ? [`schema_${schema}`] : []),
    ...(sync === 'stale' || sync === 'unreachable' ? [`sync_${sync}`] : []),
  ];
  const ready = reasons.length === 0;
  return Response.json(
    {
      status: ready ? 'ready' : 'not_ready',
      checks: { postgrest: postgrest ? 'ok' : 'unreachable', schema, sync },
      ...(ready ? {} : { reasons }),
    },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
