/**
 * The superuser connection. IMPORTANT: it bypasses RLS and the workflow guards, so it is used only
 * for fixtures (operational rows, running the sync), for re-reading state to prove that a refused
 * request changed nothing, and for catalog checks — never to test access.
 */
import pg from 'pg';
import { databaseUrl } from './env';

let pool: pg.Pool | null = null;

function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: databaseUrl, max: 4 });
  return pool;
}

export async function query<Row extends pg.QueryResultRow = Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const result = await db().query<Row>(text, values);
  return result.rows;
}

/** Runs `work` on one connection, in one transaction (committed; rolled back if `work` throws). */
export async function inTransaction<T>(work: (run: typeof query) => Promise<T>): Promise<T> {
  const client = await db().connect();
  try {
    await client.query('begin');
    const run = async <Row extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []) =>
      (await client.query<Row>(text, values)).rows;
    const result = await work(run);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `work` in one transaction with the triggers off (session_replication_role = replica): rows
 * as the past would have left them, which no user — and no trigger of the present — could write.
 */
export async function withoutTriggers<T>(work: (run: typeof query) => Promise<T>): Promise<T> {
  return inTransaction(async (run) => {
    await run('set local session_replication_role = replica');
    return work(run);
  });
}

/** Ends the pool; call it in each file's afterAll. */
export async function closeDb(): Promise<void> {
  const ending = pool;
  pool = null;
  await ending?.end();
}

export type AlertRow = {
  id: string;
  fingerprint: string;
  check_code: string;
  severity: string;
  entity_type: string;
  entity_id: string;
  message: string;
  details: Record<string, unknown>;
  status: string;
  first_seen_at: Date;
  last_seen_at: Date;
  cleared_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
  resolution_reason: string | null;
  resolved_while_active: boolean;
  created_at: Date;
  updated_at: Date;
  assigned_to: string | null;
  assigned_by: string | null;
  assigned_at: Date | null;
  snoozed_until: Date | null;
  snoozed_by: string | null;
  snoozed_at: Date | null;
  snooze_reason: string | null;
  occurrence: number;
  previous_alert_id: string | null;
  silence_id: string | null;
  resolution_requested_by: string | null;
  resolution_requested_at: Date | null;
  requested_resolution_reason: string | null;
  requested_resolution_note: string | null;
  countersigned_by: string | null;
  countersigned_at: Date | null;
};

/** The full alert row as stored, or undefined. */
export async function readAlert(id: string): Promise<AlertRow | undefined> {
  const rows = await query<AlertRow>('select * from public.system_alerts where id = $1', [id]);
  return rows[0];
}

/** The full alert row as stored; fails when it does not exist. */
export async function mustReadAlert(id: string): Promise<AlertRow> {
  const alert = await readAlert(id);
  if (!alert) throw new Error(`alert ${id} does not exist`);
  return alert;
}

/** Every alert, ever, for a fingerprint, oldest first. */
export async function alertsFor(fingerprint: string): Promise<AlertRow[]> {
  return query<AlertRow>('select * from public.system_alerts where fingerprint = $1 order by created_at, id', [fingerprint]);
}

export async function countAlerts(): Promise<number> {
  const [row] = await query<{ n: number }>('select count(*)::int as n from public.system_alerts');
  return row?.n ?? -1;
}

/** One row of any table, in full, by primary key `id`. */
export async function readRow(table: string, id: unknown): Promise<Record<string, unknown> | undefined> {
  const rows = await query(`select * from public.${pg.escapeIdentifier(table)} where id = $1`, [id]);
  return rows[0];
}

export type SyncResult = {
  ok: true;
  run_id: number;
  checks: number;
  opened: number;
  refreshed: number;
  cleared: number;
  ran_at: string;
  snoozes_ended?: number;
  silences_ended?: number;
};
export type SyncFailure = { ok: false; run_id: number; ran_at: string; duration_ms: number; error_code: string; error: string };

/** Runs the alert sync as the platform's scheduler does (no user); its answer, failed or not. */
export async function syncAnswer(): Promise<SyncResult | SyncFailure> {
  const [row] = await query<{ result: SyncResult | SyncFailure }>('select public.sync_system_alerts() as result');
  if (!row) throw new Error('sync_system_alerts() returned nothing');
  return row.result;
}

/** Runs the alert sync as the platform's scheduler does (no user); fails when the run failed. */
export async function sync(): Promise<SyncResult> {
  const result = await syncAnswer();
  if (!result.ok) throw new Error(`sync_system_alerts() failed (run ${result.run_id}): ${result.error_code} ${result.error}`);
  return result;
}

/** The database's clock. */
export async function dbNow(): Promise<Date> {
  const [row] = await query<{ now: Date }>('select now() as now');
  if (!row) throw new Error('select now() returned nothing');
  return row.now;
}
