/**
 * The alert ledger (system_alert_events): written by triggers in the same transaction as each
 * change, hash-chained, append-only for every role, verifiable by the database and — from an export
 * alone — by `npm run audit:verify`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, verifyEvents } from '../../lib/audit/chain';
import { toExportedEvent, type ExportViewRow } from '../../lib/audit/export-format';
import { createExportStream } from '../../lib/audit/export-stream';
import { newSigningKey } from '../../lib/audit/test-ledger';
import { type SignedIn, serviceClient, signedIn } from './support/clients';
import { closeDb, query } from './support/db';
import { databaseUrl } from './support/env';
import { openAlert, removeFixtures, createStaleTruck } from './support/fixtures';
import { expectError, expectNoRows } from './support/refusals';

const root = path.resolve(import.meta.dirname, '../..');
let admin: SignedIn;
let directeur: SignedIn;
let pca: SignedIn;

beforeAll(async () => {
  [admin, directeur, pca] = await Promise.all([signedIn('admin'), signedIn('directeur'), signedIn('pca')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

type EventRow = {
  id: string;
  event_type: string;
  actor_id: string | null;
  actor_role: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  resolved_while_active: boolean | null;
};

async function eventsOf(alertId: string): Promise<EventRow[]> {
  return query<EventRow>('select * from public.system_alert_events where alert_id = $1 order by id', [alertId]);
}

async function chainStatus(client = pca.client) {
  const { data, error } = await client.rpc('verify_alert_event_chain');
  expect(error).toBeNull();
  return (data as { valid: boolean; checked: number; first_broken_id: number | null; reason: string | null }[])[0]!;
}

/** The whole ledger's rows as pca reads them (through the export view, under pca's RLS). */
async function exportRows() {
  const rows: ExportViewRow[] = [];
  for (let from = 0; ; from += 1000) {
    const { data, error } = await pca.client
      .from('v_alert_event_export')
      .select('*')
      .order('id')
      .range(from, from + 999);
    expect(error).toBeNull();
    rows.push(...(data as ExportViewRow[]));
    if (!data || data.length < 1000) break;
  }
  return rows;
}

async function exportAll() {
  return (await exportRows()).map(toExportedEvent);
}

describe('the ledger records each step of the workflow', () => {
  it('opened, acknowledged, resolved — with actor, role, statuses, note — and the chain verifies', async () => {
    const { alert } = await openAlert(createStaleTruck);
    await admin.client.from('system_alerts').update({ status: 'ACK', ack_note: 'Vu' }).eq('id', alert.id).throwOnError();
    await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Inventaire refait' })
      .eq('id', alert.id)
      .throwOnError();

    const events = await eventsOf(alert.id);
    expect(events.map((e) => [e.event_type, e.actor_role, e.from_status, e.to_status, e.note])).toEqual([
      // A WARN opening: nobody is told at once (a CRITICAL one adds `notified`, notifications.test.ts).
      ['opened', 'system', null, 'OPEN', null],
      ['acknowledged', 'admin', 'OPEN', 'ACK', 'Vu'],
      ['resolved', 'directeur', 'ACK', 'RESOLVED', 'Inventaire refait'],
    ]);
    expect(events[1]!.actor_id).toBe(admin.userId);
    expect(events[2]!.actor_id).toBe(directeur.userId);
    expect(events[2]!.resolved_while_active).toBe(true);
    expect(await chainStatus()).toMatchObject({ valid: true, first_broken_id: null });

    // The audit page's actor filter lists exactly the people who appear in the ledger.
    const { data: actors, error } = await pca.client.from('v_ledger_actors').select('user_id, role');
    expect(error).toBeNull();
    const inLedger = await query<{ actor_id: string }>(
      'select distinct actor_id from public.system_alert_events where actor_id is not null order by 1',
    );
    expect(actors?.map((a) => a.user_id).sort()).toEqual(inLedger.map((row) => row.actor_id));
    expect(actors?.map((a) => a.user_id)).toEqual(expect.arrayContaining([admin.userId, directeur.userId]));
    // Someone who never acts on an alert is not offered (the PCA now may: attestations, reports).
    const operateur = await signedIn('operateur');
    expect(actors?.map((a) => a.user_id)).not.toContain(operateur.userId);
    expectNoRows(await operateur.client.from('v_ledger_actors').select('user_id'));
  });

  it('a refused transition writes no event', async () => {
    const { alert } = await openAlert();
    const before = await eventsOf(alert.id);
    // pca: RLS filters the row out (no update policy); directeur: the trigger refuses OPEN → OPEN.
    expectNoRows(await pca.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).select());
    expectError(
      await directeur.client.from('system_alerts').update({ status: 'OPEN' }).eq('id', alert.id).select(),
      'P0001',
      'already_open',
    );
    expect(await eventsOf(alert.id)).toEqual(before);
  });

  it('an event sealed then rolled back leaves no gap: the next one takes its number', async () => {
    const { alert } = await openAlert();
    const lastId = async () => Number((await query<{ id: string }>('select max(id)::text as id from public.system_alert_events'))[0]!.id);
    const before = await lastId();
    // A failed sync or action after its event was sealed: the event rolls back with it.
    await expect(
      query(`do $$ begin
               perform private.record_alert_event('${alert.id}', '${alert.check_code}', 'cleared', null, 'OPEN', 'OPEN', null, null, now(), null);
               raise exception 'rolled back';
             end $$`),
    ).rejects.toThrow('rolled back');
    expect(await lastId()).toBe(before);
    await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).throwOnError();
    const [event] = await query<{ id: string }>(
      `select id::text from public.system_alert_events where alert_id = $1 and event_type = 'acknowledged'`,
      [alert.id],
    );
    expect(Number(event!.id)).toBe(before + 1);
    const [gaps] = await query<{ n: number }>(
      `select count(*)::int as n from (select id - lag(id) over (order by id) as step from public.system_alert_events where id > $1) s where step <> 1`,
      [before - 100],
    );
    expect(gaps!.n).toBe(0);
  });

  it('concurrent writers on different alerts keep one unforked chain', async () => {
    const alerts = await Promise.all(Array.from({ length: 8 }, () => openAlert()));
    await Promise.all(
      alerts.map(({ alert }, i) =>
        (i % 2 ? admin : directeur).client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).throwOnError(),
      ),
    );
    const [forks] = await query<{ n: number }>(
      'select count(*)::int as n from (select prev_hash from public.system_alert_events group by prev_hash having count(*) > 1) f',
    );
    expect(forks!.n).toBe(0);
    expect(await chainStatus()).toMatchObject({ valid: true });
  });
});

describe('the canonical form is the same in the database and in the verifier', () => {
  it('every exported row hashes to its stored hash, and the export verifies as a whole', async () => {
    const events = await exportAll();
    expect(events.length).toBeGreaterThan(10);
    for (const event of events) expect(eventHash(event)).toBe(event.hash);
    expect(verifyEvents(events)).toMatchObject({ valid: true, checked: events.length });
  });
});

describe('nobody rewrites the ledger', () => {
  it.each(['admin', 'directeur', 'pca'] as const)('%s cannot insert, update or delete events through the API', async (role) => {
    const { client } = await signedIn(role);
    const [last] = await query<{ id: string; hash: string }>('select id, hash from public.system_alert_events order by id desc limit 1');
    const forged = {
      alert_id: '00000000-0000-4000-8000-000000000000',
      event_type: 'resolved',
      check_code: 'X',
      occurred_at: new Date().toISOString(),
      prev_hash: last!.hash,
      hash: '0'.repeat(64),
    };
    expectError(await client.from('system_alert_events').insert(forged).select(), '42501');
    expectError(await client.from('system_alert_events').update({ note: 'réécrit' }).eq('id', last!.id).select(), '42501');
    expectError(await client.from('system_alert_events').delete().eq('id', last!.id).select(), '42501');
    const [after] = await query<{ id: string; hash: string }>('select id, hash from public.system_alert_events order by id desc limit 1');
    expect(after).toEqual(last);
  });

  it('the service role cannot insert, update or delete events either', async () => {
    const service = serviceClient();
    const [last] = await query<{ id: string; hash: string; note: string | null }>(
      'select id, hash, note from public.system_alert_events order by id desc limit 1',
    );
    expectError(
      await service
        .from('system_alert_events')
        .insert({
          alert_id: '00000000-0000-4000-8000-000000000000',
          event_type: 'opened',
          check_code: 'X',
          occurred_at: new Date().toISOString(),
          prev_hash: last!.hash,
          hash: last!.hash,
        })
        .select(),
      '42501',
    );
    expectError(await service.from('system_alert_events').update({ note: 'réécrit' }).eq('id', last!.id).select(), '42501');
    expectError(await service.from('system_alert_events').delete().eq('id', last!.id).select(), '42501');
    expect((await query('select id, hash, note from public.system_alert_events order by id desc limit 1'))[0]).toEqual(last);
  });

  it.each([
    ['UPDATE', "update public.system_alert_events set note = 'réécrit' where id = (select max(id) from public.system_alert_events)"],
    ['DELETE', 'delete from public.system_alert_events where id = (select max(id) from public.system_alert_events)'],
    ['TRUNCATE', 'truncate public.system_alert_events cascade'],
  ])('%s is refused even for the owner and the service role in SQL', async (_op, sql) => {
    const before = await query('select count(*)::int as n, max(hash) as h from public.system_alert_events');
    await expect(query(sql)).rejects.toThrow(/append-only/);
    await expect(query(`set role service_role; ${sql}`)).rejects.toThrow(/permission denied|append-only/);
    await query('reset role');
    expect(await query('select count(*)::int as n, max(hash) as h from public.system_alert_events')).toEqual(before);
  });
});

describe('tampering by a superuser is detected at exactly that row', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ledger-export-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const signingKey = newSigningKey();

  /** The rows as the export route writes the whole ledger (signed manifest last), then the verifier with the key. */
  async function verifyFile(rows: ExportViewRow[]) {
    const file = path.join(dir, `export-${Date.now()}.jsonl`);
    const keyFile = path.join(dir, 'console-key.pem');
    const stream = createExportStream({
      format: 'jsonl',
      exportedAt: new Date().toISOString(),
      filters: {},
      head: { id: rows.at(-1)!.id!, hash: rows.at(-1)!.hash! },
      fetchPage: async (afterId) => rows.filter((row) => row.id! > afterId).slice(0, 1000),
      pageSize: 1000,
      signingKey,
    });
    await writeFile(file, Buffer.from(await new Response(stream).arrayBuffer()));
    await writeFile(keyFile, signingKey.publicKeyPem);
    return promisify(execFile)(process.execPath, [path.join(root, 'scripts/audit-verify.ts'), file, '--public-key', keyFile]).then(
      (result) => ({ code: 0, stdout: result.stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
  }

  it('export → verify round trip holds; after an edit with triggers off, the function and the verifier both name the row', async () => {
    const clean = await verifyFile(await exportRows());
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.stdout).toMatch(/^OK: \d+ events verified/);

    const [target] = await query<{ id: string; note: string | null }>(
      "select id, note from public.system_alert_events where event_type = 'acknowledged' order by id limit 1",
    );
    // A superuser can switch the guard triggers off; the chain still tells.
    const superuser = new pg.Client({ connectionString: databaseUrl });
    await superuser.connect();
    try {
      await superuser.query('set session_replication_role = replica');
      await superuser.query("update public.system_alert_events set note = 'Rien vu' where id = $1", [target!.id]);
      expect(await chainStatus()).toMatchObject({
        valid: false,
        first_broken_id: Number(target!.id),
        reason: "hash does not match the row's content",
      });
      const tampered = await verifyFile(await exportRows());
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain(`BROKEN at event ${target!.id}: hash does not match the row's content`);
    } finally {
      await superuser.query('update public.system_alert_events set note = $2 where id = $1', [target!.id, target!.note]);
      await superuser.end();
    }
    expect(await chainStatus()).toMatchObject({ valid: true });
  });
});

describe('the chain check rehashes only what came after its last intact checkpoint', () => {
  type Checkpoint = { through_id: string; through_hash: string; events: string };
  const checkpoint = async () =>
    (await query<Checkpoint>('select through_id::text, through_hash, events::text from private.alert_event_chain_checkpoint'))[0];
  const head = async () =>
    (
      await query<{ id: string; hash: string; n: string }>(
        'select e.id::text as id, e.hash, (select count(*) from public.system_alert_events)::text as n from public.system_alert_events e order by e.id desc limit 1',
      )
    )[0]!;

  it('records the head, moves with new events, and still names an edit or a removal before it', async () => {
    const first = await chainStatus();
    expect(first.valid).toBe(true);
    const top = await head();
    expect(await checkpoint()).toMatchObject({ through_id: top.id, through_hash: top.hash, events: top.n });
    expect(Number(first.checked)).toBe(Number(top.n));

    await openAlert();
    const second = await chainStatus();
    expect(second.valid).toBe(true);
    const newTop = await head();
    expect(Number(newTop.id)).toBeGreaterThan(Number(top.id));
    expect(await checkpoint()).toMatchObject({ through_id: newTop.id, events: newTop.n });
    expect(Number(second.checked)).toBe(Number(newTop.n));

    // Well before the checkpoint: an edit, then a removal, with the guard triggers off.
    const [target] = await query<{ id: string; check_code: string; next_id: string }>(
      `select e.*, (select min(n.id) from public.system_alert_events n where n.id > e.id)::text as next_id
       from public.system_alert_events e order by e.id limit 1 offset 1`,
    );
    const saved = await checkpoint();
    const superuser = new pg.Client({ connectionString: databaseUrl });
    await superuser.connect();
    try {
      await superuser.query('set session_replication_role = replica');
      await superuser.query("update public.system_alert_events set check_code = 'FALSIFIE' where id = $1", [target!.id]);
      expect(await chainStatus()).toMatchObject({
        valid: false,
        first_broken_id: Number(target!.id),
        reason: "hash does not match the row's content",
      });
      await superuser.query('update public.system_alert_events set check_code = $2 where id = $1', [target!.id, target!.check_code]);
      expect(await chainStatus()).toMatchObject({ valid: true });

      await superuser.query('create temporary table removed_event as select * from public.system_alert_events where id = $1', [
        target!.id,
      ]);
      await superuser.query('delete from public.system_alert_events where id = $1', [target!.id]);
      expect(await chainStatus()).toMatchObject({
        valid: false,
        first_broken_id: Number(target!.next_id),
        reason: "prev_hash does not match the previous row's hash",
      });
      expect(await checkpoint()).toEqual(saved);
    } finally {
      // Put the event back exactly as it was (a copy taken in SQL: no precision lost on the way).
      await superuser
        .query('insert into public.system_alert_events select * from removed_event on conflict (id) do nothing')
        .catch(() => undefined);
      await superuser.end();
    }
    expect(await chainStatus()).toMatchObject({ valid: true, first_broken_id: null });
  });

  it('is out of reach of the API roles', async () => {
    for (const role of ['anon', 'authenticated', 'service_role']) {
      await expect(query(`set role ${role}; select * from private.alert_event_chain_checkpoint`)).rejects.toThrow(/permission denied/);
      await query('reset role');
    }
  });
});
