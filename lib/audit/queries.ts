import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@/lib/supabase/database.types';
import type { ExportViewRow } from './export-format';
import type { ChainHead } from './manifest';
import { AUDIT_PAGE_SIZE, periodBounds, SYSTEM_ACTOR, type AuditFilters } from './filters';

/**
 * Reads of the audit page and the export, always through the signed-in user's client: RLS decides
 * (governance roles read the ledger; the view is security_invoker).
 */
type Client = SupabaseClient<Database>;

export type ChainStatus = {
  valid: boolean;
  /** How many events were verified; null for a depot's user (the count would describe other depots). */
  checked: number | null;
  firstBrokenId: number | null;
  reason: string | null;
  checkedAt: string;
};

export type ExportViewFullRow = Database['public']['Views']['v_alert_event_export']['Row'];

/** One row of the page's table. */
export type AuditEventRow = Pick<
  ExportViewFullRow,
  | 'id'
  | 'alert_id'
  | 'event_type'
  | 'check_code'
  | 'actor_id'
  | 'actor_role'
  | 'actor_name'
  | 'from_status'
  | 'to_status'
  | 'note'
  | 'resolved_while_active'
  | 'occurred_at'
  | 'details_text'
  | 'hash'
>;

export type AuditPage = { rows: AuditEventRow[]; nextBefore: number | null; total: number | null };
export type ActorOption = { id: string; name: string; role: string };

const PAGE_COLUMNS =
  'id, alert_id, event_type, check_code, actor_id, actor_role, actor_name, from_status, to_status, note, resolved_while_active, occurred_at, details_text, hash';
export const EXPORT_VIEW_COLUMNS =
  'id, alert_id, event_type, check_code, actor_id, actor_role, actor_name, from_status, to_status, note, resolved_while_active, occurred_at_utc, details_text, prev_hash, hash';
export const EXPORT_PAGE_SIZE = 1000;

function exportView(supabase: Client) {
  return supabase.from('v_alert_event_export');
}

interface Filterable {
  gte(column: string, value: string): this;
  lt(column: string, value: string): this;
  eq(column: string, value: string): this;
  is(column: string, value: null): this;
}

const NO_DEPOT = '00000000-0000-0000-0000-000000000000';

/** The filters every read shares: period (depot days), actor (or the scheduler), check, event type, depot. */
function applyFilters<Q extends Filterable>(query: Q, filters: AuditFilters): Q {
  const { gte, lt } = periodBounds(filters);
  let filtered = query.gte('occurred_at', gte).lt('occurred_at', lt);
  if (filters.actor === SYSTEM_ACTOR) filtered = filtered.is('actor_id', null);
  else if (filters.actor) filtered = filtered.eq('actor_id', filters.actor);
  if (filters.check) filtered = filtered.eq('check_code', filters.check);
  if (filters.type) filtered = filtered.eq('event_type', filters.type);
  // A depot named but not found (another depot's, for a depot's user): nothing, not everything.
  if (filters.depot) filtered = filtered.eq('depot_id', filters.depotId ?? NO_DEPOT);
  return filtered;
}

/** The database checks the whole chain (verify_alert_event_chain: every stored value, rehashing only events after its last intact checkpoint) and names the first broken row. */
export async function verifyChain(supabase: Client): Promise<ChainStatus> {
  const { data, error } = await supabase.rpc('verify_alert_event_chain');
  if (error) throw new Error(`verify_alert_event_chain: ${error.message}`);
  const row = data?.[0];
  if (!row) throw new Error('verify_alert_event_chain returned no row');
  return {
    valid: row.valid,
    // Null for a depot's user: whether the company's ledger holds, not its size.
    checked: row.checked == null ? null : Number(row.checked),
    firstBrokenId: row.first_broken_id == null ? null : Number(row.first_broken_id),
    reason: row.reason ?? null,
    checkedAt: new Date().toISOString(),
  };
}

/** The people who appear in the ledger as actors, by name (one query: `v_ledger_actors`). */
export async function fetchActorOptions(supabase: Client): Promise<ActorOption[]> {
  const { data, error } = await supabase.from('v_ledger_actors').select('user_id, nom_complet, role').order('nom_complet').limit(200);
  if (error) throw new Error(`ledger actors: ${error.message}`);
  return (data ?? []).flatMap((actor) =>
    actor.user_id && actor.nom_complet && actor.role ? [{ id: actor.user_id, name: actor.nom_complet, role: actor.role }] : [],
  );
}

/** One page of the ledger, newest first; keyset on id, so a deep page costs what the first one does. */
export async function fetchAuditPage(supabase: Client, filters: AuditFilters, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  let query = applyFilters(exportView(supabase).select(PAGE_COLUMNS), filters);
  if (filters.before) query = query.lt('id', filters.before);
  const countQuery = applyFilters(exportView(supabase).select('id', { count: 'exact', head: true }), filters);

  const [{ data, error }, { count, error: countError }] = await Promise.all([
    query.order('id', { ascending: false }).limit(pageSize + 1),
    countQuery,
  ]);
  if (error) throw new Error(`audit page: ${error.message}`);
  if (countError) throw new Error(`audit count: ${countError.message}`);
  const rows: AuditEventRow[] = data ?? [];
  const hasMore = rows.length > pageSize;
  const page = hasMore ? rows.slice(0, pageSize) : rows;
  return { rows: page, nextBefore: hasMore ? (page.at(-1)?.id ?? null) : null, total: count ?? null };
}

/**
 * The chain's newest event, which an export reads first and never goes past: ids are drawn under
 * the chain's lock, held to commit, so every event up to it is committed and stays what the pages
 * read, however long the download and whatever is appended meanwhile. Null for an empty ledger.
 */
export async function fetchChainHead(supabase: Client): Promise<ChainHead | null> {
  const { data, error } = await supabase
    .from('system_alert_events')
    .select('id, hash')
    .order('id', { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw new Error(`chain head: ${error.message}`);
  return data;
}

/**
 * One page of the export: ids above `afterId` and up to the head's `throughId`, ascending, so pages
 * follow the chain. `filters: null` is the whole ledger.
 */
export async function fetchExportPage(
  supabase: Client,
  filters: AuditFilters | null,
  afterId: number,
  throughId: number,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<ExportViewRow[]> {
  const query = exportView(supabase).select(EXPORT_VIEW_COLUMNS);
  const { data, error } = await (filters ? applyFilters(query, filters) : query)
    .gt('id', afterId)
    .lte('id', throughId)
    .order('id', { ascending: true })
    .limit(pageSize);
  if (error) throw new Error(`export page after ${afterId}: ${error.message}`);
  return data ?? [];
}
