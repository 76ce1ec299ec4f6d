/**
 * The board chair (`pca`) reviews: reads alerts, checks and the data behind them, and every write
 * is refused — re-read through the superuser connection to prove nothing moved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signedIn } from './support/clients';
import { type AlertRow, closeDb, countAlerts, mustReadAlert, query, readRow } from './support/db';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';

let pca: SignedIn;
let alert: AlertRow;

beforeAll(async () => {
  pca = await signedIn('pca');
  // Any OPEN alert will do: nothing here may change it.
  const [row] = await query<AlertRow>(`select * from public.system_alerts where status = 'OPEN' order by created_at limit 1`);
  if (!row) throw new Error('no OPEN alert to probe (has the stack synced after the seed?)');
  alert = row;
});
afterAll(closeDb);

describe('pca reads governance data', () => {
  it('reads alerts', async () => {
    const { data, error } = await pca.client.from('system_alerts').select('id, status, fingerprint');
    expect(error).toBeNull();
    expect(data?.length).toBeGreaterThan(0);
    expect(data?.map((a) => a.id)).toContain(alert.id);
  });

  it('reads integrity checks', async () => {
    const { data, error } = await pca.client.from('v_integrity_checks').select('check_code, severity, entity_id');
    expect(error).toBeNull();
    const [expected] = await query<{ n: number }>('select count(*)::int as n from public.v_integrity_checks');
    expect(data?.length).toBeGreaterThan(0);
    expect(data?.length).toBe(expected?.n);
  });

  it('reads the operational data and the thresholds', async () => {
    for (const table of ['citernes', 'stocks_journaliers', 'governance_settings']) {
      const { data, error } = await pca.client.from(table).select('*').limit(1);
      expect(error, table).toBeNull();
      expect(data, table).toHaveLength(1);
    }
  });
});

describe('pca cannot write', () => {
  it('cannot acknowledge an alert: zero rows changed', async () => {
    expectNoRows(await pca.client.from('system_alerts').update({ status: 'ACK', ack_note: 'vu' }).eq('id', alert.id).select());
    expect(await mustReadAlert(alert.id)).toEqual(alert);
  });

  it('cannot run the sync', async () => {
    const before = await countAlerts();
    expectError(await pca.client.rpc('sync_system_alerts'), '42501', 'sync_requires_admin');
    expect(await mustReadAlert(alert.id)).toEqual(alert);
    expect(await countAlerts()).toBe(before);
  });

  it('cannot insert an alert', async () => {
    const before = await countAlerts();
    expectPermissionDenied(
      await pca.client
        .from('system_alerts')
        .insert({
          fingerprint: 'STOCK_NEGATIF:citerne:pca-test',
          check_code: 'STOCK_NEGATIF',
          severity: 'CRITICAL',
          entity_type: 'citerne',
          entity_id: 'pca-test',
          message: 'inséré par le pca',
        })
        .select(),
    );
    expect(await countAlerts()).toBe(before);
  });

  it('cannot delete an alert', async () => {
    const before = await countAlerts();
    expectPermissionDenied(await pca.client.from('system_alerts').delete().eq('id', alert.id).select());
    expect(await mustReadAlert(alert.id)).toEqual(alert);
    expect(await countAlerts()).toBe(before);
  });

  const operationalUpdates: [table: string, change: Record<string, unknown>][] = [
    ['depots', { nom: 'Dépôt renommé' }],
    ['produits', { densite_15c_reference: 700 }],
    ['citernes', { capacite_totale: 1 }],
    ['stocks_journaliers', { stock_ambiant: 0 }],
    ['cours_de_route', { statut: 'DECHARGE', date_dechargement: '2000-01-01T00:00:00Z' }],
    ['receptions', { volume_15c: 1 }],
    ['sorties_produit', { volume_15c: 1 }],
    ['profils', { role: 'admin' }],
  ];

  it.each(operationalUpdates)('cannot update %s', async (table, change) => {
    const target =
      table === 'profils'
        ? pca.userId // their own profile: no self-promotion
        : undefined;
    const [row] = target
      ? await query<{ id: string }>('select id from public.profils where user_id = $1', [target])
      : await query<{ id: string }>(`select id from public.${table} order by id limit 1`);
    if (!row) throw new Error(`no ${table} row to probe`);
    const before = await readRow(table, row.id);

    expectPermissionDenied(await pca.client.from(table).update(change).eq('id', row.id).select());
    expect(await readRow(table, row.id)).toEqual(before);
  });

  it('cannot change the thresholds', async () => {
    const before = await readRow('governance_settings', true);
    expectPermissionDenied(await pca.client.from('governance_settings').update({ cdr_arrive_stale_hours: 1 }).eq('id', true).select());
    expect(await readRow('governance_settings', true)).toEqual(before);
  });
});
