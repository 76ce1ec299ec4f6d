import { getPublicEnv } from '@/lib/env';
import { createServiceClient } from '@/lib/supabase/service';
import { SCHEMA_VERSION } from '@/lib/versions/build-info';

/**
 * Readiness: the database is reachable through PostgREST and its applied schema is the one this
 * console was built for. 200 when both hold, 503 otherwise; JSON, no secrets, bounded by timeouts.
 * The schema is read with the service role (applied_schema_version() is not for anon); without
 * that key the schema check reports `unknown` and readiness rests on PostgREST alone.
 * Anyone may ask, so the answer names no version: which schema is applied tells an attacker which
 * fixes are in; on a mismatch both versions go to the server's log instead.
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

async function appliedSchema(): Promise<string | null | 'unknown'> {
  const client = createServiceClient();
  if (!client) return 'unknown';
  const { data, error } = await client.rpc('applied_schema_version').abortSignal(AbortSignal.timeout(TIMEOUT_MS));
  if (error) return null;
  return (data as { version?: string } | null)?.version ?? null;
}

export async function GET() {
  const [postgrest, applied] = await Promise.all([postgrestAnswers(), appliedSchema()]);
  const schema = applied === 'unknown' ? 'unknown' : applied === null ? 'unreachable' : applied === SCHEMA_VERSION ? 'ok' : 'mismatch';
  const ready = postgrest && (schema === 'ok' || schema === 'unknown');
  if (schema === 'mismatch') {
    console.error(JSON.stringify({ level: 'error', event: 'schema_mismatch', expected: SCHEMA_VERSION, applied }));
  }
  return Response.json(
    {
      status: ready ? 'ready' : 'not_ready',
      checks: { postgrest: postgrest ? 'ok' : 'unreachable', schema },
    },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
