import type { JobHelpers } from 'graphile-worker';

/**
 * When digests go out: every day at 07:00 on the depot's clock (the daily digest), and on Mondays at
 * 07:00 the weekly one too. graphile-worker's crontab only knows UTC, and the depot's time zone is a
 * setting that can change, so a tick runs every quarter of an hour (UTC) and asks the database what
 * time the tick's scheduled instant is at the depot: the one tick in [07:00, 07:15) local creates the
 * digests, whatever the offset (whole, half or quarter hours) and across daylight-saving changes.
 * The crontab's distributed lock makes one tick per quarter hour however many workers run; `fill`
 * backfills ticks missed while no worker ran, and the tick's own timestamp (not the clock at run time)
 * decides, so a late tick still sends the digest it was due for.
 */
export const DIGEST_CRONTAB = '*/15 * * * * digest_tick ?fill=3h&max=5';
/** The safety net of the outbox: deliveries still pending with no job (see enqueue_missing_deliveries). */
export const RECONCILE_CRONTAB = '*/5 * * * * enqueue_missing ?max=3';

export type DigestPeriod = 'daily' | 'weekly';

/** The digests due at a local time: hour and minute on the depot's clock, ISO day of week (1 = Monday). */
export function duePeriods(local: { hour: number; minute: number; isoDow: number }): DigestPeriod[] {
  if (local.hour !== 7 || local.minute < 0 || local.minute >= 15) return [];
  return local.isoDow === 1 ? ['daily', 'weekly'] : ['daily'];
}

/** The scheduled instant of a cron job (`_cron.ts`), else now. */
export function tickInstant(payload: unknown, now: Date): string {
  const cron = payload && typeof payload === 'object' && '_cron' in payload ? (payload as { _cron: unknown })._cron : undefined;
  const ts = cron && typeof cron === 'object' && 'ts' in cron ? (cron as { ts: unknown }).ts : undefined;
  return typeof ts === 'string' && !Number.isNaN(Date.parse(ts)) ? ts : now.toISOString();
}

export async function digestTick(payload: unknown, helpers: JobHelpers): Promise<void> {
  const at = tickInstant(payload, new Date());
  const { rows } = await helpers.query<{ hour: number; minute: number; iso_dow: number }>(
    `select extract(hour from local)::int as hour, extract(minute from local)::int as minute, extract(isodow from local)::int as iso_dow
       from (select $1::timestamptz at time zone private.depot_time_zone() as local) t`,
    [at],
  );
  const local = rows[0];
  if (!local) return;
  for (const period of duePeriods({ hour: local.hour, minute: local.minute, isoDow: local.iso_dow })) {
    const { rows: created } = await helpers.query<{ result: unknown }>('select private.create_digest_deliveries($1) as result', [period]);
    helpers.logger.info(`digest ${period} for the tick of ${at}: ${JSON.stringify(created[0]?.result ?? null)}`);
  }
}
