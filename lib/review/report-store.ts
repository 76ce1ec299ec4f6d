import 'server-only';
import { createServiceClient } from '@/lib/supabase/service';
import type { ChainHead } from '@/lib/audit/manifest';

/**
 * The board reports' service-role side: what the console's server does as itself for a report it
 * renders for a user whose session it verified — the ledger's state (its head and whether the whole
 * chain verifies, which a depot's user may not read), keeping the report (store_board_report(), the
 * service role's only) and reading back its bytes (no API role reads them: every download goes
 * through the console, which logs it). Throws when the service-role key is not configured.
 */
function service() {
  const client = createServiceClient();
  if (!client) throw new Error('SUPABASE_SERVICE_ROLE_KEY is not set: board reports are unavailable');
  return client;
}

export type LedgerState = { head: ChainHead | null; valid: boolean; checked: number | null };

/** The ledger's head, then the verification of the chain up to at least that head. */
export async function readLedgerState(): Promise<LedgerState> {
  const client = service();
  const { data: newest, error: headError } = await client
    .from('system_alert_events')
    .select('id, hash')
    .order('id', { ascending: false })
    .limit(1);
  if (headError) throw new Error(`ledger head: ${headError.message}`);
  const { data: verdict, error } = await client.rpc('verify_alert_event_chain').single();
  if (error) throw new Error(`ledger verification: ${error.message}`);
  const head = newest?.[0] ? { id: Number(newest[0].id), hash: newest[0].hash } : null;
  return { head, valid: verdict.valid === true, checked: verdict.checked === null ? null : Number(verdict.checked) };
}

export type StoredReport = { id: string; created: boolean; pdfSha256: string };

/** Keeps a rendered report; the first one of a month and scope wins (created: false answers it); at most 30 new ones an hour per user. */
export async function storeBoardReport(input: {
  actorId: string;
  month: string;
  depotId: string | null;
  pdf: Uint8Array;
  manifest: object;
  signature: string;
}): Promise<StoredReport | 'rate_limited'> {
  const { data, error } = await service().rpc('store_board_report', {
    p_actor: input.actorId,
    p_month: `${input.month}-01`,
    // Nullable argument: the generated types say string; JSON null reaches SQL as null.
    p_depot: input.depotId as string,
    // bytea from JSON: PostgreSQL's hex input form.
    p_pdf: `\\x${Buffer.from(input.pdf).toString('hex')}`,
    p_manifest: input.manifest as never,
    p_signature: input.signature,
  });
  if (error?.hint === 'report_rate_limited') return 'rate_limited';
  if (error) throw new Error(`store_board_report: ${error.hint ?? error.code} ${error.message}`);
  const answer = data as { id: string; created: boolean; pdf_sha256: string };
  return { id: answer.id, created: answer.created, pdfSha256: answer.pdf_sha256 };
}

/** A stored report's bytes (the caller has read its row as the user: RLS said they may). */
export async function readReportPdf(id: string): Promise<Buffer> {
  const { data, error } = await service().from('board_reports').select('pdf').eq('id', id).single();
  if (error) throw new Error(`board report ${id}: ${error.message}`);
  const hex = String(data.pdf);
  if (!hex.startsWith('\\x')) throw new Error(`board report ${id}: unexpected bytea encoding`);
  return Buffer.from(hex.slice(2), 'hex');
}
