/**
 * A family of checks that fails is a finding, not an outage: private.guarded_checks() turns its
 * error into one CHECK_FAILED row (family and SQLSTATE, never the message), the other checks go on
 * being detected, the sync succeeds and opens the alert; the family mended, the alert clears.
 * The family is broken by hand as the superuser and restored to its exact definition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { closeDb, query, sync } from './support/db';
import { activeAlertFor } from './support/fixtures';

const FAMILY = 'data_freshness_checks';
const FINGERPRINT = `CHECK_FAILED:check_family:${FAMILY}`;
const SECRET = 'secret_table_name_42';

let pca: SignedIn;
let operateur: SignedIn;
let definition: string;

async function breakFamily(): Promise<void> {
  await query(`create or replace function private.${FAMILY}()
    returns table (check_code text, severity text, entity_type text, entity_id text, message text, details jsonb)
    language plpgsql stable security definer set search_path = '' as $$
    begin raise exception 'boom ${SECRET}' using errcode = 'XX042'; end $$`);
}

async function restoreFamily(): Promise<void> {
  await query(definition);
}

beforeAll(async () => {
  [pca, operateur] = await Promise.all([signedIn('pca'), signedIn('operateur')]);
  const [row] = await query<{ def: string }>(`select pg_get_functiondef('private.${FAMILY}()'::regprocedure) as def`);
  definition = row!.def;
});
afterAll(async () => {
  await restoreFamily();
  await sync();
  await closeDb();
});

describe('a failing family of checks', () => {
  it('becomes one CHECK_FAILED finding; the other checks are still detected and the error text reaches nobody', async () => {
    const before = await query<{ check_code: string }>('select check_code from public.v_integrity_checks');
    expect(before.map((r) => r.check_code)).toContain('FEED_SILENT');
    try {
      await breakFamily();
      const { data, error } = await pca.client.from('v_integrity_checks').select('check_code, entity_id, message, details');
      expect(error).toBeNull();
      const codes = data!.map((r) => r.check_code);
      expect(codes).toContain('STOCK_NEGATIF');
      expect(codes).not.toContain('FEED_SILENT');
      const failed = data!.filter((r) => r.check_code === 'CHECK_FAILED');
      expect(failed).toEqual([
        {
          check_code: 'CHECK_FAILED',
          entity_id: FAMILY,
          message: `La famille de contrôles ${FAMILY} a échoué (code XX042) : ses anomalies ne sont pas détectées tant qu'elle échoue`,
          details: { famille: FAMILY, code_erreur: 'XX042' },
        },
      ]);
      expect(JSON.stringify(data)).not.toContain(SECRET);

      // The sync succeeds and opens the alert, CRITICAL.
      const result = await sync();
      expect(result).toMatchObject({ ok: true });
      const alert = await activeAlertFor(FINGERPRINT);
      expect(alert).toMatchObject({ severity: 'CRITICAL', cleared_at: null });
      expect(JSON.stringify(alert)).not.toContain(SECRET);

      // Still no one outside governance sees anything.
      const asOperateur = await operateur.client.from('v_integrity_checks').select('check_code');
      expect(asOperateur.data).toEqual([]);
      const asAnon = await anonClient().from('v_integrity_checks').select('check_code');
      expect(asAnon.error?.code).toBe('42501');
    } finally {
      await restoreFamily();
    }
    await sync();
    expect((await activeAlertFor(FINGERPRINT))?.cleared_at).not.toBeNull();
    expect((await query<{ check_code: string }>('select check_code from public.v_integrity_checks')).map((r) => r.check_code)).toContain(
      'FEED_SILENT',
    );
  });

  it('cannot be called through the API by anyone: the private schema is not exposed', async () => {
    const functions = [
      'guarded_checks',
      'data_freshness_checks',
      'sync_watchdog_checks',
      'schema_drift_checks',
      'security_event_checks',
      'depot_time_zone',
    ];
    for (const client of [pca.client, operateur.client, anonClient()]) {
      for (const fn of functions) {
        const { data, error } = await client.schema('private').rpc(fn, fn === 'guarded_checks' ? { family: FAMILY } : {});
        expect(error?.code, fn).toBe('PGRST106');
        expect(data).toBeNull();
      }
    }
  });

  it('runs only the families it names: anything else is a CHECK_FAILED row, never a call', async () => {
    const rows = await query<{ check_code: string; details: Record<string, unknown> }>(
      `select check_code, details from private.guarded_checks('pg_sleep')`,
    );
    expect(rows).toEqual([{ check_code: 'CHECK_FAILED', details: { famille: 'pg_sleep', code_erreur: '22023' } }]);
  });
});
