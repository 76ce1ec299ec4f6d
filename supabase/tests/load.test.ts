/**
 * Load, short form (the long one: `npm run test:load`): 16 concurrent sessions — 8 of the admin,
 * 8 of the directeur, each signed in on its own — acknowledge and resolve a shared pool of 50
 * alerts while the sync runs back to back and a fifth of the pool's anomalies disappear mid-run.
 * Then: no lost or duplicated transition, every alert in a legal state, the ledger verifies, the
 * counts reconcile. Bounded: 10 s or 2,000 attempts, whichever comes first.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actThroughPostgrest,
  createAlertPool,
  fixTrucks,
  removeAlertPool,
  runWorkload,
  startSyncLoop,
  verifyOutcome,
  type LoadSession,
  type PoolAlert,
} from '../../scripts/load/workload.mjs';
import { signInFresh } from './support/clients';
import { databaseUrl } from './support/env';

const SESSIONS_PER_ROLE = 8;
const POOL_SIZE = 50;

let db: pg.Pool;
let pool: PoolAlert[] = [];
let sessions: LoadSession[] = [];

beforeAll(async () => {
  db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const signedIn = await Promise.all(
    Array.from({ length: SESSIONS_PER_ROLE * 2 }, (_, i) => signInFresh(i % 2 === 0 ? 'admin' : 'directeur')),
  );
  sessions = signedIn.map(({ client, role, userId }) => ({
    role: role as 'admin' | 'directeur',
    userId,
    act: actThroughPostgrest(client),
  }));
  pool = await createAlertPool(db, POOL_SIZE);
});

afterAll(async () => {
  if (pool.length) await removeAlertPool(db, pool);
  await db.end();
});

describe('load: concurrent admins and directeurs on a shared pool while the sync runs', () => {
  it('loses and duplicates no transition, leaves every alert legal, and the ledger verifies', { timeout: 75_000 }, async () => {
    const syncLoop = startSyncLoop(db, { pauseMs: 20 });
    const syncDb = new pg.Client({ connectionString: databaseUrl });
    await syncDb.connect();
    // Mid-run, a fifth of the anomalies go away: the sync clears those alerts under people's hands.
    const clearing = new Promise<void>((resolve) =>
      setTimeout(() => {
        void fixTrucks(
          syncDb,
          pool.slice(0, POOL_SIZE / 5).map((alert) => alert.truckId),
        ).finally(resolve);
      }, 150),
    );
    // It stops as soon as every alert is resolved (seconds on a quiet machine); the long deadline is
    // for a busy one, where the same work took 10 s and more and the test failed for no fault.
    const { attempts, stats } = await runWorkload({ sessions, pool, durationMs: 45_000, maxAttempts: 2_000 });
    await clearing;
    const sync = await syncLoop.stop();
    await syncDb.end();

    console.log(
      `[load] ${stats.attempts} attempts in ${stats.seconds.toFixed(2)} s (${stats.throughput.toFixed(0)}/s), ` +
        `${stats.wins} won, ${stats.errors} errors (${(stats.errorRate * 100).toFixed(2)} %), ` +
        `p50 ${stats.p50Ms.toFixed(0)} ms, p95 ${stats.p95Ms.toFixed(0)} ms; ${sync.runs} syncs meanwhile`,
    );
    expect(stats.firstErrors).toEqual([]);
    expect(sync.errors).toEqual([]);
    expect(sync.runs).toBeGreaterThan(0);
    // Every session took part, and the contention was real: more attempts than transitions.
    expect(new Set(attempts.map((attempt) => attempt.userId)).size).toBe(2);
    expect(stats.attempts).toBeGreaterThan(stats.wins);

    const { problems, totals } = await verifyOutcome(db, pool, attempts);
    expect(problems).toEqual([]);
    // The workload ran until every alert was resolved (well inside its bounds).
    expect(totals.resolvedAlerts).toBe(POOL_SIZE);
    expect(totals.ackEvents).toBeGreaterThan(0);
    // Cleared while being handled: the sync's writes met the users' on the same rows.
    const [cleared] = (
      await db.query<{ n: number }>(
        `select count(*)::int as n from public.system_alert_events where event_type = 'cleared' and alert_id = any($1::uuid[])`,
        [pool.map((alert) => alert.id)],
      )
    ).rows;
    expect(cleared?.n).toBeGreaterThan(0);
  });
});
