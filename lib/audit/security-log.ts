import 'server-only';
import { headers } from 'next/headers';
import { after } from 'next/server';
import type { Json } from '@/lib/supabase/database.types';
import { requestClientAddress } from '@/lib/http/request-client';
import { createServiceClient } from '@/lib/supabase/service';

export type SecurityEventKind =
  'action_refused' | 'forbidden_page' | 'sign_in_failed' | 'sign_in_throttled' | 'rate_limited' | 'rules_disagree';
export type SecurityEventSeverity = 'INFO' | 'WARN' | 'CRITICAL';

export type SecurityEvent = {
  kind: SecurityEventKind;
  severity: SecurityEventSeverity;
  reason: string;
  actor?: { id?: string | null; email?: string | null; role?: string | null };
  /** Defaults to the path of the request being served (set by the proxy). */
  path?: string;
  details?: { [key: string]: Json };
};

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

/**
 * The page a server action was called from (actions skip the proxy, which names the path of page
 * requests in `x-pathname`): informative only — a hand-made request chooses its own Referer.
 */
function refererPath(referer: string | null): string | null {
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

/**
 * Records a denied attempt in security_audit_logs through record_security_event() (which folds
 * repeats into counts, so no client can flood the table), after the response is sent (it never
 * slows the user down). If the database write fails — or the service-role key is not configured —
 * the event is written to stderr as one JSON line instead, and the console keeps serving.
 */
export async function logSecurityEvent(event: SecurityEvent): Promise<void> {
  const requestHeaders = await headers();
  const row = {
    client_address: await requestClientAddress(),
    kind: event.kind,
    severity: event.severity,
    reason: clip(event.reason, 1000) ?? event.kind,
    actor_id: event.actor?.id ?? null,
    actor_email: clip(event.actor?.email, 320),
    actor_role: event.actor?.role ?? null,
    request_path: clip(event.path ?? requestHeaders.get('x-pathname') ?? refererPath(requestHeaders.get('referer')), 2000),
    user_agent: clip(requestHeaders.get('user-agent'), 1000),
    details: event.details ?? {},
  };
  after(async () => {
    try {
      const client = createServiceClient();
      if (!client) throw new Error('SUPABASE_SERVICE_ROLE_KEY is not set');
      const { error } = await client.rpc('record_security_event', { event: row });
      if (error) throw new Error(error.message);
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'warn',
          event: 'security_audit_log',
          written: false,
          error: error instanceof Error ? error.message : String(error),
          occurred_at: new Date().toISOString(),
          ...row,
        }),
      );
    }
  });
}
