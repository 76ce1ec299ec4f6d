import 'server-only';
import { createServiceClient } from '@/lib/supabase/service';

export type ExportKind = 'alerts_csv' | 'audit_csv' | 'audit_jsonl' | 'review_pdf';

/**
 * Logs an export before the file leaves (public.export_log through record_export(): who, what,
 * when). The console's server names the user whose session it verified — record_export() is the
 * service role's only, so no user writes the log through the API. False when it could not be
 * logged (no service-role key, the database refused or is down): the caller then hands out no file.
 */
export async function recordExport(
  actorId: string,
  kind: ExportKind,
  filters: Record<string, string>,
  rows: number | null,
): Promise<boolean> {
  const service = createServiceClient();
  if (!service) {
    console.error(JSON.stringify({ level: 'error', event: 'export_log', error: 'SUPABASE_SERVICE_ROLE_KEY is not set' }));
    return false;
  }
  const { error } = await service.rpc('record_export', {
    p_actor: actorId,
    p_kind: kind,
    p_filters: filters,
    // Nullable: the generated types say number; JSON null reaches SQL as null.
    p_rows: rows as number,
  });
  if (error) console.error(JSON.stringify({ level: 'error', event: 'export_log', code: error.code, error: error.message }));
  return !error;
}
