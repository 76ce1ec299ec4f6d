import { z } from 'zod';

/**
 * What `public.sync_health()` answers (jsonb): the sync's interval, its last successful run,
 * whether the checks are stale (no successful run within three intervals — the database decides,
 * on its own clock) and its last run. `error_message` is filled for admins only (the database's own
 * words can name internals); everyone else gets the SQLSTATE.
 */
const timestamp = z.iso.datetime({ offset: true });

export const syncHealthSchema = z
  .object({
    checked_at: timestamp,
    interval_seconds: z.number().int().positive(),
    stale_after_seconds: z.number().int().positive(),
    last_success_at: timestamp.nullable(),
    stale: z.boolean(),
    last_run: z
      .object({
        started_at: timestamp,
        ok: z.boolean(),
        error_code: z.string().nullable(),
        error_message: z.string().nullable(),
      })
      .nullable(),
  })
  .transform((raw) => ({
    checkedAt: raw.checked_at,
    intervalSeconds: raw.interval_seconds,
    staleAfterSeconds: raw.stale_after_seconds,
    lastSuccessAt: raw.last_success_at,
    stale: raw.stale,
    lastRun: raw.last_run
      ? { at: raw.last_run.started_at, ok: raw.last_run.ok, errorCode: raw.last_run.error_code, errorMessage: raw.last_run.error_message }
      : null,
  }));

export type SyncHealth = z.output<typeof syncHealthSchema>;

/**
 * What a governance page must say about the checks, or null when they are running:
 * `stale` (no successful run within three intervals), `never` (no successful run at all), or
 * `failed` (the last run failed, the one before it succeeded recently). `failure` is the last run
 * when it failed, whatever the kind.
 */
export type SyncNotice = {
  kind: 'stale' | 'never' | 'failed';
  lastSuccessAt: string | null;
  checkedAt: string;
  intervalSeconds: number;
  staleAfterSeconds: number;
  failure: { at: string; code: string; message: string | null } | null;
};

export function syncNotice(health: SyncHealth): SyncNotice | null {
  const failed = health.lastRun && !health.lastRun.ok ? health.lastRun : null;
  const kind = health.lastSuccessAt === null ? 'never' : health.stale ? 'stale' : failed ? 'failed' : null;
  if (!kind) return null;
  return {
    kind,
    lastSuccessAt: health.lastSuccessAt,
    checkedAt: health.checkedAt,
    intervalSeconds: health.intervalSeconds,
    staleAfterSeconds: health.staleAfterSeconds,
    failure: failed ? { at: failed.at, code: failed.errorCode ?? '?', message: failed.errorMessage } : null,
  };
}
