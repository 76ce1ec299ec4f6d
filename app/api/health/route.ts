/**
 * Liveness: the console process is up and answering. No I/O, no secrets — for the load balancer or
 * the orchestrator's liveness probe. Readiness (the database behind it) is /api/ready.
 */
export const dynamic = 'force-dynamic';

const startedAt = Date.now();

export function GET() {
  return Response.json(
    { status: 'ok', uptime_seconds: Math.round((Date.now() - startedAt) / 1000) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
