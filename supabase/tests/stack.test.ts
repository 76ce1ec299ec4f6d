/**
 * The local stack's promises (README, "The embedded local stack"): a port in use or a failing
 * migration stops the start with a clear message and a non-zero exit, leaving nothing running;
 * a failed migration changes nothing; a second start reuses the data; SIGTERM stops it cleanly.
 * Each case runs the real `supabase/local/stack.mjs` in a child process on ports of its own.
 */
import { spawn } from 'node:child_process';
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const stackScript = path.join(root, 'supabase/local/stack.mjs');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

type StackRun = { code: number | null; stdout: string; stderr: string };

/** Starts the stack; resolves when it exits, or (with `untilReady`) once it prints that it is ready. */
function runStack(env: Record<string, string>, { untilReady = false } = {}) {
  const child = spawn(process.execPath, [stackScript], {
    env: { ...process.env, STACK_SYNC_INTERVAL_SECONDS: '3600', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<StackRun>((resolve) => child.once('exit', (code) => resolve({ code, ...output })));
  const ready = new Promise<StackRun>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (output.stdout.includes('stack ready')) resolve({ code: null, ...output });
    });
    void exited.then((run) => reject(new Error(`stack exited (${run.code}): ${run.stderr}`)));
  });
  ready.catch(() => {}); // observed through `exited` when not awaited
  return { child, exited, ready: untilReady ? ready : exited };
}

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(prefix: string) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  // mkdtemp makes 0700 folders; as root, PostgreSQL runs as another user that must reach its data.
  await chmod(dir, 0o755);
  scratch.push(dir);
  return dir;
}

describe('local stack start-up', () => {
  it('refuses to start when the API port is taken, naming the port, and leaves nothing running', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const address = squatter.address();
    const busyApiPort = typeof address === 'object' && address ? address.port : 0;
    const dbPort = await freePort();
    const dataDir = await scratchDir('stack-port-');

    try {
      const run = await runStack({
        STACK_API_PORT: String(busyApiPort),
        STACK_DB_PORT: String(dbPort),
        STACK_DATA_DIR: dataDir,
      }).exited;

      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`port ${busyApiPort} (API gateway) is already in use`);
      expect(await portAnswers(dbPort)).toBe(false);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('stops on a failing migration with its file name and the error, applies none of it, and starts again once fixed', async () => {
    const [apiPort, dbPort] = [await freePort(), await freePort()];
    const dataDir = await scratchDir('stack-migration-');
    const migrationsDir = await scratchDir('stack-migrations-');
    await cp(path.join(root, 'supabase/migrations'), migrationsDir, { recursive: true });
    await writeFile(
      path.join(migrationsDir, '29991231000000_create_broken_table.sql'),
      'create table public.broken_table (id integer);\nselect 1 / 0;\n',
    );
    const env = { STACK_API_PORT: String(apiPort), STACK_DB_PORT: String(dbPort), STACK_DATA_DIR: dataDir };

    const failed = await runStack({ ...env, STACK_MIGRATIONS_DIR: migrationsDir }).exited;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Migration 29991231000000_create_broken_table.sql failed: division by zero');
    expect(await portAnswers(apiPort)).toBe(false);
    expect(await portAnswers(dbPort)).toBe(false);

    // With the broken file gone, the same data folder starts: nothing of the failed migration stayed.
    const second = runStack(env, { untilReady: true });
    const ready = await second.ready;
    expect(ready.stdout).not.toContain('initialising a new PostgreSQL cluster');
    const db = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres` });
    await db.connect();
    try {
      const broken = await db.query("select to_regclass('public.broken_table') as name");
      expect(broken.rows[0].name).toBeNull();
      const recorded = await db.query(
        "select count(*)::int as n from supabase_migrations.schema_migrations where version = '29991231000000'",
      );
      expect(recorded.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }

    second.child.kill('SIGTERM');
    const stopped = await second.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('stopped.');
    expect(await portAnswers(apiPort)).toBe(false);
    expect(await portAnswers(dbPort)).toBe(false);
  }, 60_000);
});
