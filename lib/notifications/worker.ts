import { Logger, run, type JobHelpers, type LogFunctionFactory, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';
import { consoleBase, parseWorkerEnv, type WorkerEnv } from './config.ts';
import { deliverTask } from './deliver.ts';
import { DIGEST_CRONTAB, RECONCILE_CRONTAB, digestTick } from './digest.ts';
import { createMailer } from './email.ts';

/**
 * The delivery worker (`npm run worker`): graphile-worker running the `deliver` task for the
 * outbox's jobs, the digests' quarter-hour tick and the outbox's reconciliation. Stateless: any
 * number of replicas share the queue in PostgreSQL (graphile-worker locks each job with
 * `FOR UPDATE SKIP LOCKED`; its crontab runs each tick once across them).
 *
 * At start graphile-worker installs or upgrades its schema (`graphile_worker`); then this pins its
 * functions' search_path (private.pin_job_queue_search_path) and enqueues every delivery still
 * pending without a job — written while no worker had ever run, when private.enqueue_delivery could
 * only leave them pending.
 *
 * Logs are JSON lines on stdout (level, time, scope, message). SIGINT/SIGTERM: graceful shutdown
 * (running deliveries finish); a second signal after 5 s forces it (their jobs are retried).
 */
const jsonLogFactory =
  (minimum: 'debug' | 'info'): LogFunctionFactory =>
  (scope) =>
  (level, message, meta) => {
    if (level === 'debug' && minimum !== 'debug') return;
    // Scalars only: graphile-worker's meta carries whole jobs and errors.
    const extra = Object.fromEntries(
      Object.entries(meta ?? {}).flatMap(([key, value]) =>
        value instanceof Error ? [[key, value.message]] : value === null || typeof value !== 'object' ? [[key, value]] : [],
      ),
    );
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      service: 'notifications-worker',
      ...scope,
      msg: message,
      ...extra,
    });
    if (level === 'error' || level === 'warning') process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };

export type StartedWorker = { runner: Runner; pool: pg.Pool; stop: () => Promise<void>; logger: Logger };

const TIME_ZONE_TTL_MS = 60_000;

export async function startWorker(env: WorkerEnv, options: { debug?: boolean; handleSignals?: boolean } = {}): Promise<StartedWorker> {
  const logger = new Logger(jsonLogFactory(options.debug ? 'debug' : 'info'));
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    // graphile-worker's advice: at least concurrency + 2 (the tasks' own queries use it too).
    max: env.WORKER_CONCURRENCY + 4,
    application_name: 'notifications-worker',
  });
  // A client whose server went away (PostgreSQL restarted) must not crash the process: pg drops it
  // from the pool (idle) or fails its next query (checked out, so the job is retried).
  pool.on('error', (error) => logger.warn(`database connection lost (idle client): ${error.message}`));
  pool.on('connect', (client) => client.on('error', (error) => logger.warn(`database connection lost: ${error.message}`)));

  const base = consoleBase(env.CONSOLE_URL);
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    consoleBase: base,
    timeoutMs: env.SMTP_TIMEOUT_MS,
    // One connection per job that can run at once: a delivery never waits for another's SMTP exchange.
    maxConnections: env.WORKER_CONCURRENCY,
  });
  let zone: { value: string; until: number } | null = null;
  const timeZone = async (helpers: JobHelpers) => {
    if (zone && zone.until > Date.now()) return zone.value;
    const { rows } = await helpers.query<{ tz: string }>('select private.depot_time_zone() as tz');
    zone = { value: rows[0]?.tz ?? 'Africa/Kinshasa', until: Date.now() + TIME_ZONE_TTL_MS };
    return zone.value;
  };

  const taskList: TaskList = {
    deliver: deliverTask({
      mailer,
      consoleBase: base,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
      allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      userAgent: 'governance-console-notifications/1',
      timeZone,
    }),
    digest_tick: digestTick,
    enqueue_missing: async (_payload, helpers) => {
      const { rows } = await helpers.query<{ n: number }>('select private.enqueue_missing_deliveries() as n');
      if (rows[0]?.n) helpers.logger.warn(`reconciliation: enqueued ${rows[0].n} pending deliveries that had no job`);
    },
  };

  const runner = await run({
    pgPool: pool,
    concurrency: env.WORKER_CONCURRENCY,
    pollInterval: env.WORKER_POLL_INTERVAL_MS,
    taskList,
    crontab: `${DIGEST_CRONTAB}\n${RECONCILE_CRONTAB}\n`,
    logger,
    noHandleSignals: options.handleSignals === false,
  });

  // graphile-worker has installed or upgraded its schema: pin its functions' search_path (the
  // security posture reports functions without one), then pick up deliveries written before.
  const { rows: pinned } = await pool.query<{ n: number }>('select private.pin_job_queue_search_path() as n');
  const { rows } = await pool.query<{ n: number }>('select private.enqueue_missing_deliveries() as n');
  logger.info(
    `worker ready: concurrency ${env.WORKER_CONCURRENCY}, ${rows[0]?.n ?? 0} pending deliveries enqueued at start` +
      (pinned[0]?.n ? `, search_path pinned on ${pinned[0].n} queue functions` : ''),
  );

  let stopped: Promise<void> | null = null;
  const cleanUp = async () => {
    mailer.close();
    await pool.end();
  };
  // After a signal graphile-worker stops the runner itself; release what is ours once it has.
  void runner.promise.then(
    () => (stopped ??= cleanUp()),
    (error: unknown) => {
      logger.error(`worker stopped on an error: ${error instanceof Error ? error.message : String(error)}`);
      stopped ??= cleanUp();
    },
  );
  return {
    runner,
    pool,
    logger,
    stop: async () => {
      await runner.stop().catch(() => undefined);
      stopped ??= cleanUp();
      await stopped;
    },
  };
}

/** The entry point: configuration from the environment, then run until a signal. */
export async function main(): Promise<void> {
  let env: WorkerEnv;
  try {
    env = parseWorkerEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  try {
    const worker = await startWorker(env, { debug: process.env.WORKER_DEBUG === '1' });
    await worker.runner.promise;
  } catch (error) {
    console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
