/**
 * gerant, operateur and lecture have no access to governance: the database returns them no alert,
 * no check row and no operational row (only their own profile), and refuses their actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRole, signedIn } from './support/clients';
import { type AlertRow, closeDb, countAlerts, mustReadAlert, query } from './support/db';
import { expectError, expectNoRows } from './support/refusals';

const outsiders: DemoRole[] = ['operateur', 'gerant', 'lecture'];

let alert: AlertRow;
let relations: string[] = [];

beforeAll(async () => {
  const [row] = await query<AlertRow>(`select * from public.system_alerts where status = 'OPEN' order by created_at limit 1`);
  if (!row) throw new Error('no OPEN alert to probe (has the stack synced after the seed?)');
  alert = row;
  relations = (
    await query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') order by c.relname`,
    )
  ).map((r) => r.name);
});
afterAll(closeDb);

describe.each(outsiders)('%s sees no governance data', (role) => {
  it('sees no alert', async () => {
    const { client } = await signedIn(role);
    expectNoRows(await client.from('system_alerts').select('*'));
  });

  it('sees no check row', async () => {
    const { client } = await signedIn(role);
    expectNoRows(await client.from('v_integrity_checks').select('*'));
  });

  it('reads nothing from any table or view but their own profile', async () => {
    const { client, userId } = await signedIn(role);
    for (const name of relations) {
      const { data, error } = await client.from(name).select('*');
      if (name === 'profils') {
        expect(error).toBeNull();
        expect(data?.map((p) => p.user_id)).toEqual([userId]);
        expect(data?.[0]?.role).toBe(role);
      } else if (error) {
        expect(error.code, `${name}: ${error.message}`).toBe('42501');
      } else {
        expect(data, name).toEqual([]);
      }
    }
  });
});

describe.each(outsiders)('%s cannot act on alerts', (role) => {
  it('cannot acknowledge an alert: zero rows changed', async () => {
    const { client } = await signedIn(role);
    expectNoRows(await client.from('system_alerts').update({ status: 'ACK', ack_note: 'vu' }).eq('id', alert.id).select());
    expect(await mustReadAlert(alert.id)).toEqual(alert);
  });

  it('cannot run the sync', async () => {
    const { client } = await signedIn(role);
    const before = await countAlerts();
    expectError(await client.rpc('sync_system_alerts'), '42501', 'sync_requires_admin');
    expect(await countAlerts()).toBe(before);
    expect(await mustReadAlert(alert.id)).toEqual(alert);
  });
});
