import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DatabaseError } from '@/lib/actions/postgrest-error';
import type { Database } from '@/lib/supabase/database.types';
import { PAGE_SIZE } from './rules';
import { entityRef, type AlertFilters, type Grouping } from './rules';
import { ACTIVE_STATUSES } from './vocabulary';
import { decodeCursor, encodeCursor, type Cursor } from './schemas';
import type { SeverityDeadline } from './deadline';
import type { LedgerRow } from './timeline';

/**
 * Reads of the alert pages, on the server, through the user's own session (RLS decides): the
 * list page renders its first page with them, and `GET /api/alerts` serves the list's live refresh
 * with the very same query.
 */
type Client = SupabaseClient<Database>;
export type AlertRow = Database['public']['Views']['v_system_alerts']['Row'];

export const ALERT_LIST_COLUMNS =
  'id, depot_code, check_code, severity, severity_rank, entity_type, entity_id, message, status, first_seen_at, last_seen_at, cleared_at, acknowledged_at, acknowledged_by_name, resolved_at, resolved_by_name, resolved_while_active, resolution_reason, assigned_to, assigned_to_name, snoozed, snoozed_until, occurrence, silenced, silenced_until, awaiting_countersign';

export type AlertListRow = Pick<
  AlertRow,
  | 'id'
  | 'depot_code'
  | 'check_code'
  | 'severity'
  | 'severity_rank'
  | 'entity_type'
  | 'entity_id'
  | 'message'
  | 'status'
  | 'first_seen_at'
  | 'last_seen_at'
  | 'cleared_at'
  | 'acknowledged_at'
  | 'acknowledged_by_name'
  | 'resolved_at'
  | 'resolved_by_name'
  | 'resolved_while_active'
  | 'resolution_reason'
  | 'assigned_to'
  | 'assigned_to_name'
  | 'snoozed'
  | 'snoozed_until'
  | 'occurrence'
  | 'silenced'
  | 'silenced_until'
  | 'awaiting_countersign'
>;

export type AlertPage = { rows: AlertListRow[]; nextCursor: string | null };

/** PostgREST filter values with reserved characters (`.`, `:`, `,`, `+`) must be double-quoted. */
function quoted(value: string | number): string {
  return typeof value === 'number' ? String(value) : `"${value.replace(/["\\]/g, '')}"`;
}

/** A search as typed: spaces collapsed; `*` (PostgREST's wildcard, which cannot be escaped) dropped. */
export function searchTerm(q: string): string {
  return q.replace(/\*/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The `ilike` pattern of a search: the term anywhere, with `%`, `_` and `\` escaped so they match
 * themselves (`CDR_ARRIVE` finds the check code). The filter is a plain query parameter, not
 * inside an `or()` list, so commas, dots and parentheses are just characters.
 */
export function searchPattern(q: string): string {
  return `*${searchTerm(q).replace(/[\\%_]/g, '\\$&')}*`;
}

/** The `or` filter selecting rows strictly after the cursor in the given sort order. */
export function keysetFilter(sort: AlertFilters['sort'], cursor: Cursor): string | null {
  const [first, second] = cursor.k;
  const id = quoted(cursor.id);
  if (sort === 'oldest' && typeof first === 'string') {
    return `first_seen_at.gt.${quoted(first)},and(first_seen_at.eq.${quoted(first)},id.gt.${id})`;
  }
  if (sort === 'severity' && typeof first === 'number' && typeof second === 'string') {
    return (
      `severity_rank.lt.${first},and(severity_rank.eq.${first},first_seen_at.lt.${quoted(second)}),` +
      `and(severity_rank.eq.${first},first_seen_at.eq.${quoted(second)},id.lt.${id})`
    );
  }
  if (sort === 'recent' && typeof first === 'string') {
    return `first_seen_at.lt.${quoted(first)},and(first_seen_at.eq.${quoted(first)},id.lt.${id})`;
  }
  return null;
}

function cursorAfter(sort: AlertFilters['sort'], row: AlertListRow): string | null {
  if (!row.id) return null;
  if (sort === 'oldest' && row.first_seen_at) return encodeCursor({ k: [row.first_seen_at], id: row.id });
  if (sort === 'severity' && row.severity_rank != null && row.first_seen_at) {
    return encodeCursor({ k: [row.severity_rank, row.first_seen_at], id: row.id });
  }
  if (sort === 'recent' && row.first_seen_at) return encodeCursor({ k: [row.first_seen_at], id: row.id });
  return null;
}

/**
 * One page of the alert list: keyset pagination, so a deep page costs what the first one does.
 * « Mes alertes » (`filters.mine`) needs the viewer's id; without one it finds nothing.
 */
export async function fetchAlertPage(
  supabase: Client,
  filters: AlertFilters,
  pageSize = PAGE_SIZE,
  viewerId?: string,
): Promise<AlertPage> {
  let query = supabase.from('v_system_alerts').select(ALERT_LIST_COLUMNS);

  if (filters.mine) {
    if (!viewerId) return { rows: [], nextCursor: null };
    // Read through system_alerts_assigned_to_idx (assignee, then the default order).
    query = query.eq('assigned_to', viewerId);
  }

  // A snoozed or silenced alert leaves every view but its own (judged by the view on the database's
  // clock); an alert both paused and silenced shows under either. « En pause » reads the few paused
  // alerts through system_alerts_snoozed_until_idx (partial: not null), « En silence » the few
  // silenced through system_alerts_silence_idx, instead of walking the whole list for them.
  if (filters.snoozed) query = query.eq('snoozed', true).not('snoozed_until', 'is', null);
  if (filters.silenced) query = query.eq('silenced', true).not('silence_id', 'is', null);
  if (!filters.snoozed && !filters.silenced) query = query.eq('snoozed', false).eq('silenced', false);
  // The few resolutions waiting for a second directeur, through system_alerts_resolution_requested_idx.
  if (filters.countersign) query = query.eq('awaiting_countersign', true).not('resolution_requested_at', 'is', null);

  if (filters.status === 'active') query = query.in('status', [...ACTIVE_STATUSES]);
  else if (filters.status !== 'all') query = query.eq('status', filters.status);
  if (filters.severity) query = query.eq('severity', filters.severity);
  if (filters.check) query = query.eq('check_code', filters.check);
  if (filters.depot) query = query.eq('depot_code', filters.depot);
  const entity = entityRef(filters.entity);
  // Read through system_alerts_entity_idx (the id first: nearly unique on its own).
  if (entity) query = query.eq('entity_id', entity.id).eq('entity_type', entity.type);
  const term = filters.q ? searchTerm(filters.q) : '';
  if (term) {
    // Under RLS, PostgreSQL may not answer `ilike` from the trigram index (it is not leakproof), so
    // a rare term would read every alert: alert_search_ids finds the few matches through the index
    // (migration 20261125160100). With more matches, the ordered walk finds a page quickly.
    const { data: ids, error, status } = await supabase.rpc('alert_search_ids', { term });
    if (error) throw new DatabaseError('alert search', error, status);
    if (ids) {
      if (ids.length === 0) return { rows: [], nextCursor: null };
      query = query.in('id', ids);
    } else {
      query = query.ilike('search_text', searchPattern(term));
    }
  }

  const cursor = decodeCursor(filters.cursor);
  const after = cursor ? keysetFilter(filters.sort, cursor) : null;
  if (after && cursor) {
    // A second `or` parameter is ANDed with the search's by PostgREST.
    query = query.or(after);
    // A plain bound next to the `or` lets PostgreSQL start the index scan at the cursor.
    const [first] = cursor.k;
    if (filters.sort === 'oldest' && typeof first === 'string') query = query.gte('first_seen_at', first);
    else if (filters.sort === 'severity' && typeof first === 'number') query = query.lte('severity_rank', first);
    else if (filters.sort === 'recent' && typeof first === 'string') query = query.lte('first_seen_at', first);
  }

  if (filters.sort === 'oldest') {
    query = query.order('first_seen_at', { ascending: true }).order('id', { ascending: true });
  } else if (filters.sort === 'severity') {
    query = query
      .order('severity_rank', { ascending: false })
      .order('first_seen_at', { ascending: false })
      .order('id', { ascending: false });
  } else {
    // Newest first. Not last_seen_at: every detected alert was last seen by the same sync.
    query = query.order('first_seen_at', { ascending: false }).order('id', { ascending: false });
  }

  const { data, error, status } = await query.limit(pageSize + 1);
  if (error) throw new DatabaseError('alert list', error, status);
  const rows = (data ?? []) as AlertListRow[];
  const hasMore = rows.length > pageSize;
  const page = hasMore ? rows.slice(0, pageSize) : rows;
  const last = page.at(-1);
  return { rows: page, nextCursor: hasMore && last ? cursorAfter(filters.sort, last) : null };
}

export type AlertGroup = Database['public']['Functions']['alert_groups']['Returns'][number];

/** How many groups the page shows (the database answers one more, to tell there are more). */
export const GROUPS_SHOWN = 200;

/**
 * The list grouped by check code or by object, under the list's filters (alert_groups(), read as
 * the user: RLS decides), most severe group first.
 */
export async function fetchAlertGroups(
  supabase: Client,
  filters: AlertFilters & { group: Grouping },
): Promise<{ groups: AlertGroup[]; more: boolean }> {
  const entity = entityRef(filters.entity);
  const term = filters.q ? searchTerm(filters.q) : '';
  // Nullable arguments: the generated types say string; PostgREST passes JSON null as SQL null.
  const none = null as unknown as string;
  const { data, error, status } = await supabase.rpc('alert_groups', {
    p_by: filters.group,
    p_status: filters.status,
    p_severity: filters.severity ?? none,
    p_check: filters.check ?? none,
    p_entity_type: entity?.type ?? none,
    p_entity_id: entity?.id ?? none,
    p_mine: filters.mine === true,
    p_snoozed: filters.snoozed === true,
    p_silenced: filters.silenced === true,
    p_term: term || none,
    p_countersign: filters.countersign === true,
    p_depot: filters.depot ?? none,
  });
  if (error) throw new DatabaseError('alert groups', error, status);
  const groups = data ?? [];
  return { groups: groups.slice(0, GROUPS_SHOWN), more: groups.length > GROUPS_SHOWN };
}

/** Every field of one alert, with the names of its actors; null when absent or not visible. */
export async function fetchAlert(supabase: Client, id: string): Promise<AlertRow | null> {
  const { data, error, status } = await supabase.from('v_system_alerts').select('*').eq('id', id).maybeSingle();
  if (error) throw new DatabaseError(`alert ${id}`, error, status);
  return data;
}

/** An alert's ledger events, oldest first (its history). */
export async function fetchAlertEvents(supabase: Client, alertId: string): Promise<LedgerRow[]> {
  const { data, error, status } = await supabase
    .from('v_alert_event_export')
    .select('id, event_type, occurred_at, actor_name, actor_role, note, resolved_while_active, details_text, hash')
    .eq('alert_id', alertId)
    .order('id');
  if (error) throw new DatabaseError(`alert ${alertId} history`, error, status);
  return data;
}

/** How many earlier occurrences the alert page lists (the newest first). */
export const EARLIER_OCCURRENCES_SHOWN = 20;

/** An earlier alert of the same fingerprint, as the alert page lists it. */
export type EarlierOccurrence = Pick<
  AlertRow,
  'id' | 'status' | 'severity' | 'first_seen_at' | 'resolved_at' | 'resolved_by_name' | 'resolution_reason' | 'occurrence'
>;

/** The earlier alerts of an alert's fingerprint (same check, same entity), newest first. */
export async function fetchEarlierOccurrences(
  supabase: Client,
  alert: { id: string; fingerprint: string | null; occurrence: number | null },
): Promise<EarlierOccurrence[]> {
  if (!alert.fingerprint || !alert.occurrence || alert.occurrence < 2) return [];
  const { data, error, status } = await supabase
    .from('v_system_alerts')
    .select('id, status, severity, first_seen_at, resolved_at, resolved_by_name, resolution_reason, occurrence')
    .eq('fingerprint', alert.fingerprint)
    // The database numbered them (first seen, then id): the same order, ties included.
    .lt('occurrence', alert.occurrence)
    .order('occurrence', { ascending: false })
    .limit(EARLIER_OCCURRENCES_SHOWN);
  if (error) throw new DatabaseError(`alert ${alert.id} earlier occurrences`, error, status);
  return data;
}

/** The deadline per severity (minutes; null: none), for the pills of the list and the detail. */
export async function fetchAlertDeadlines(supabase: Client): Promise<SeverityDeadline[]> {
  const { data, error, status } = await supabase.from('v_alert_deadlines').select('severity, ack_minutes, resolve_minutes');
  if (error) throw new DatabaseError('alert deadlines', error, status);
  return data;
}

/** Who an alert can be assigned to: the admins and directeurs, by name. */
export type Assignee = { id: string; name: string; role: string };

/**
 * The admins and directeurs who see an alert of `depotId` (head office, and that depot's people;
 * null: the platform's, head office only) — the database refuses anyone else (assignee_not_allowed).
 */
export async function fetchAssignees(supabase: Client, depotId: string | null): Promise<Assignee[]> {
  const base = supabase.from('profils').select('user_id, nom_complet, role').in('role', ['admin', 'directeur']);
  const scoped = depotId ? base.or(`depot_id.is.null,depot_id.eq.${quoted(depotId)}`) : base.is('depot_id', null);
  const { data, error, status } = await scoped.order('nom_complet').limit(200);
  if (error) throw new DatabaseError('assignees', error, status);
  return data.map((row) => ({ id: row.user_id, name: row.nom_complet, role: row.role }));
}
