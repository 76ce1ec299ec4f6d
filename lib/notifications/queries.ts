import 'server-only';
import { DatabaseError } from '@/lib/actions/postgrest-error';
import type { createClient } from '@/lib/supabase/server';
import { preferencesSchema, type DeliveryCursor, type DeliveryFilters, type Preferences } from './schemas';
import { DELIVERIES_PAGE_SIZE } from './settings-rules';

type Client = Awaited<ReturnType<typeof createClient>>;

/** The caller's effective preferences (theirs, else their role's defaults). Throws DatabaseError. */
export async function fetchMyPreferences(supabase: Client): Promise<Preferences> {
  const { data, error, status } = await supabase.rpc('my_notification_preferences');
  if (error) throw new DatabaseError('notification preferences', error, status);
  return preferencesSchema.parse(data);
}

export type DeadlineRow = {
  severity: 'CRITICAL' | 'WARN' | 'INFO';
  ack_minutes: number | null;
  resolve_minutes: number | null;
  updated_at: string | null;
  updated_by_name: string | null;
};

const SEVERITY_ORDER = ['CRITICAL', 'WARN', 'INFO'] as const;

/** The deadline per severity, CRITICAL first. */
export async function fetchDeadlines(supabase: Client): Promise<DeadlineRow[]> {
  const { data, error, status } = await supabase
    .from('v_alert_deadlines')
    .select('severity, ack_minutes, resolve_minutes, updated_at, updated_by_name');
  if (error) throw new DatabaseError('alert deadlines', error, status);
  return SEVERITY_ORDER.flatMap((severity) => {
    const row = (data ?? []).find((entry) => entry.severity === severity);
    return row ? [{ ...row, severity }] : [];
  });
}

const DELIVERY_COLUMNS =
  'id, created_at, recipient_id, channel, kind, alert_id, digest_period, status, attempts, last_error, sent_at, recipient:profils!notification_deliveries_recipient_id_fkey(nom_complet)';

export type DeliveryRow = {
  id: string;
  created_at: string;
  recipient_id: string;
  recipient_name: string | null;
  channel: string;
  kind: string;
  alert_id: string | null;
  digest_period: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
};

export type DeliveryPage = { rows: DeliveryRow[]; next: DeliveryCursor | null };

/** PostgREST filter values with reserved characters (`.`, `:`, `+`) must be double-quoted. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

/**
 * One page of deliveries, newest first (created_at desc, id desc), keyset-paginated. RLS decides
 * whose: an admin's every delivery, anyone else's their own. `depotId` (resolved from
 * filters.depot by the caller; null: a depot the user does not see) keeps the deliveries about that
 * depot's alerts.
 */
export async function fetchDeliveryPage(
  supabase: Client,
  filters: DeliveryFilters,
  pageSize = DELIVERIES_PAGE_SIZE,
  depotId?: string | null,
): Promise<DeliveryPage> {
  let query =
    depotId === undefined
      ? supabase.from('notification_deliveries').select(DELIVERY_COLUMNS)
      : supabase
          .from('notification_deliveries')
          // An empty embed: it filters (inner join), it returns nothing.
          .select(`${DELIVERY_COLUMNS}, about:system_alerts!notification_deliveries_alert_id_fkey!inner()`)
          .eq('about.depot_id', depotId ?? '00000000-0000-0000-0000-000000000000');
  if (filters.status) query = query.eq('status', filters.status);
  if (filters.cursor) {
    const { at, id } = filters.cursor;
    query = query.lte('created_at', at).or(`created_at.lt.${quoted(at)},and(created_at.eq.${quoted(at)},id.lt.${quoted(id)})`);
  }
  const { data, error, status } = await query
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(pageSize + 1);
  if (error) throw new DatabaseError('notification deliveries', error, status);
  const rows: DeliveryRow[] = (data ?? []).map(({ recipient, ...row }) => ({
    ...row,
    recipient_name: (Array.isArray(recipient) ? recipient[0]?.nom_complet : recipient?.nom_complet) ?? null,
  }));
  const hasMore = rows.length > pageSize;
  const page = hasMore ? rows.slice(0, pageSize) : rows;
  const last = page.at(-1);
  return { rows: page, next: hasMore && last ? { at: last.created_at, id: last.id } : null };
}
