/**
 * public.sync_system_alerts() (DESIGN §2.2): every detected anomaly has exactly one active alert;
 * a second run changes nothing; an alert clears when its condition stops and un-clears when it
 * returns; a RESOLVED alert is never reopened — a recurrence opens a new alert — and a "resolve
 * anyway" does not spawn a new alert while the condition persists. Data changes are superuser
 * fixtures; the workflow goes through the API as the demo users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signedIn } from './support/clients';
import { type AlertRow, alertsFor, closeDb, countAlerts, mustReadAlert, query, type SyncResult, sync } from './support/db';
import { activeAlertFor, createNegativeStockTank, createStaleTruck, openAlert, removeFixtures } from './support/fixtures';
import { expectError } from './support/refusals';

/** The seed's twelve anomalies (supabase/seed.sql header, fixed ids). */
const SEED_FINGERPRINTS = [
  'STOCK_NEGATIF:citerne:c1000000-0000-4000-8000-000000000005',
  'STOCK_NEGATIF:citerne:c1000000-0000-4000-8000-000000000009',
  'STOCK_OVER_CAPACITY:citerne:c1000000-0000-4000-8000-000000000008',
  'STOCK_OVER_CAPACITY:citerne:c1000000-0000-4000-8000-000000000011',
  'CDR_ARRIVE_STALE:cours_de_route:cd000000-0000-4000-8000-000000000001',
  'CDR_ARRIVE_STALE:cours_de_route:cd000000-0000-4000-8000-000000000002',
  'ECART_15C:reception:ec000000-0000-4000-8000-000000000001',
  'ECART_15C:reception:ec000000-0000-4000-8000-000000000002',
  'ECART_15C:sortie_produit:ec000000-0000-4000-8000-000000000003',
  'STOCK_JOURNAL_MISSING:citerne:c1000000-0000-4000-8000-000000000006',
  'FEED_SILENT:depot:de000000-0000-4000-8000-000000000002',
  'REFERENCE_INCOMPLETE:produit:9d000000-0000-4000-8000-000000000006',
].sort();

let admin: SignedIn;
let directeur: SignedIn;

beforeAll(async () => {
  [admin, directeur] = await Promise.all([signedIn('admin'), signedIn('directeur')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

type CheckRow = { fingerprint: string; check_code: string; severity: string; entity_type: string; entity_id: string; message: string };

async function detected(): Promise<CheckRow[]> {
  return query<CheckRow>(
    `select check_code || ':' || entity_type || ':' || entity_id as fingerprint, check_code, severity, entity_type, entity_id, message
     from public.v_integrity_checks order by 1`,
  );
}

/** Active alerts whose condition is currently detected (not cleared). */
async function liveAlerts(): Promise<AlertRow[]> {
  return query<AlertRow>(
    `select * from public.system_alerts where status in ('OPEN', 'ACK') and cleared_at is null order by fingerprint`,
  );
}

async function resolveAs(actor: SignedIn, alert: AlertRow, note: string): Promise<void> {
  const { data, error } = await actor.client
    .from('system_alerts')
    .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: note })
    .eq('id', alert.id)
    .select();
  expect(error).toBeNull();
  expect(data).toHaveLength(1);
}

describe('alerts follow the checks', () => {
  it("after the seed, the detected anomalies are exactly the seed's twelve, each with one active alert", async () => {
    await sync();
    const checks = await detected();
    expect(checks.map((c) => c.fingerprint)).toEqual(SEED_FINGERPRINTS);

    const live = await liveAlerts();
    expect(live.map((a) => a.fingerprint)).toEqual(SEED_FINGERPRINTS);
    for (const check of checks) {
      const alert = live.find((a) => a.fingerprint === check.fingerprint);
      expect(alert).toMatchObject({
        check_code: check.check_code,
        severity: check.severity,
        entity_type: check.entity_type,
        entity_id: check.entity_id,
        message: check.message,
      });
    }
  });

  it('opens exactly one alert per new anomaly, matching its check row', async () => {
    const anomalies = [await createNegativeStockTank(), await createNegativeStockTank(), await createStaleTruck()];
    const result = await sync();
    expect(result.opened).toBe(3);
    expect(result.cleared).toBe(0);

    const checks = await detected();
    for (const anomaly of anomalies) {
      const check = checks.find((c) => c.fingerprint === anomaly.fingerprint);
      const alerts = await alertsFor(anomaly.fingerprint);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        status: 'OPEN',
        check_code: check?.check_code,
        severity: check?.severity,
        entity_id: anomaly.entityId,
        message: check?.message,
        cleared_at: null,
      });
    }
    expect((await liveAlerts()).map((a) => a.fingerprint)).toEqual(checks.map((c) => c.fingerprint));
  });

  it('a second sync with unchanged data opens nothing, clears nothing and keeps the same alerts', async () => {
    await createNegativeStockTank();
    await sync();
    const before = (await liveAlerts()).map((a) => a.id).sort();
    const total = await countAlerts();

    const result = await sync();
    expect(result.opened).toBe(0);
    expect(result.cleared).toBe(0);
    expect(result.refreshed).toBe(0);
    expect((await liveAlerts()).map((a) => a.id).sort()).toEqual(before);
    expect(await countAlerts()).toBe(total);
  });

  it('an unchanged rerun writes no alert row and no ledger event, yet every detected alert reads as seen by it', async () => {
    await createNegativeStockTank();
    await sync();
    const versions = async () =>
      query<{ id: string; xmin: string }>(`select id, xmin::text from public.system_alerts where cleared_at is null order by id`);
    const rowsBefore = await versions();
    const [eventsBefore] = await query<{ n: number }>('select count(*)::int as n from public.system_alert_events');

    const result = await sync();
    expect(result.refreshed).toBe(0);
    expect(await versions()).toEqual(rowsBefore);
    const [eventsAfter] = await query<{ n: number }>('select count(*)::int as n from public.system_alert_events');
    expect(eventsAfter?.n).toBe(eventsBefore?.n);

    // What users read: last seen = this run, for every alert whose condition is still detected.
    const [state] = await query<{ last_run_at: Date; last_result: SyncResult }>(
      'select last_run_at, last_result from public.alert_sync_state',
    );
    expect(state?.last_run_at.toISOString()).toBe(new Date(result.ran_at).toISOString());
    expect(state?.last_result.checks).toBe(result.checks);
    const { data, error } = await admin.client.from('v_system_alerts').select('id, last_seen_at').is('cleared_at', null);
    expect(error).toBeNull();
    expect(data?.length).toBe(rowsBefore.length);
    for (const row of data ?? []) expect(new Date(row.last_seen_at ?? 0).toISOString()).toBe(state?.last_run_at.toISOString());
  });

  it('an alert whose numbers change is rewritten once, with one seen_again event', async () => {
    const { alert } = await openAlert();
    await query(
      `update public.stocks_journaliers set stock_ambiant = stock_ambiant - 1
      where citerne_id = $1`,
      [alert.entity_id],
    );

    const result = await sync();
    expect(result.refreshed).toBe(1);
    const after = await mustReadAlert(alert.id);
    expect(after.details).not.toEqual(alert.details);
    expect(after.last_seen_at.getTime()).toBeGreaterThan(alert.last_seen_at.getTime());
    const events = await query<{ event_type: string }>(
      'select event_type from public.system_alert_events where alert_id = $1 order by id',
      [alert.id],
    );
    // `notified`: the admins were told of the CRITICAL opening (issue 15).
    expect(events.map((e) => e.event_type)).toEqual(['opened', 'notified', 'seen_again']);

    expect((await sync()).refreshed).toBe(0);
  });
});

describe('clearing and recurrence', () => {
  it('sets cleared_at when the condition stops, and clears it on the same alert when it comes back', async () => {
    const { anomaly, alert } = await openAlert();

    await anomaly.fix();
    const afterFix = await sync();
    expect(afterFix.cleared).toBeGreaterThanOrEqual(1);
    const cleared = await mustReadAlert(alert.id);
    expect(cleared.status).toBe('OPEN');
    expect(cleared.cleared_at).not.toBeNull();
    // Last seen by the run before the one that found it cleared.
    const [previousRun] = await query<{ at: Date }>(
      `select max(occurred_at) as at from public.system_alert_events where alert_id = $1 and event_type = 'opened'`,
      [alert.id],
    );
    expect(cleared.last_seen_at.getTime()).toBeGreaterThanOrEqual(previousRun?.at.getTime() ?? Infinity);
    expect(cleared.last_seen_at.getTime()).toBeLessThan(cleared.cleared_at?.getTime() ?? 0);

    await anomaly.breakAgain();
    const afterBreak = await sync();
    expect(afterBreak.opened).toBe(0);
    const back = await mustReadAlert(alert.id);
    expect(back.status).toBe('OPEN');
    expect(back.cleared_at).toBeNull();
    expect(back.last_seen_at.getTime()).toBeGreaterThan(cleared.last_seen_at.getTime());
    expect(await alertsFor(anomaly.fingerprint)).toHaveLength(1);
  });

  it('an acknowledged alert clears and comes back the same way, keeping its acknowledgement', async () => {
    const { anomaly, alert } = await openAlert(createStaleTruck);
    const ack = await admin.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id).select();
    expect(ack.error).toBeNull();

    await anomaly.fix();
    await sync();
    expect((await mustReadAlert(alert.id)).cleared_at).not.toBeNull();
    await anomaly.breakAgain();
    await sync();
    const back = await mustReadAlert(alert.id);
    expect(back).toMatchObject({ status: 'ACK', cleared_at: null, acknowledged_by: admin.userId });
    expect(await alertsFor(anomaly.fingerprint)).toHaveLength(1);
  });

  it('never reopens a RESOLVED alert: a recurrence after it cleared opens a new OPEN alert', async () => {
    const { anomaly, alert } = await openAlert();
    await anomaly.fix();
    await sync();
    await resolveAs(directeur, alert, 'Stock corrigé');
    const resolved = await mustReadAlert(alert.id);

    await anomaly.breakAgain();
    const result = await sync();
    expect(result.opened).toBe(1);

    const alerts = await alertsFor(anomaly.fingerprint);
    expect(alerts).toHaveLength(2);
    const fresh = alerts.find((a) => a.id !== alert.id);
    expect(fresh).toMatchObject({ status: 'OPEN', cleared_at: null, acknowledged_by: null });
    expect(await mustReadAlert(alert.id)).toEqual(resolved);
  });

  it('an alert resolved while still detected spawns no new alert while the condition persists', async () => {
    const { anomaly, alert } = await openAlert(createStaleTruck);
    await resolveAs(directeur, alert, 'Résolu malgré la détection');
    const resolved = await mustReadAlert(alert.id);
    expect(resolved.resolved_while_active).toBe(true);

    for (let run = 0; run < 2; run++) {
      await sync();
      expect(await alertsFor(anomaly.fingerprint)).toEqual([resolved]);
    }

    // Once the condition has cleared, its return is a recurrence: a new alert.
    await anomaly.fix();
    await sync();
    expect((await mustReadAlert(alert.id)).cleared_at).not.toBeNull();
    await anomaly.breakAgain();
    await sync();
    const alerts = await alertsFor(anomaly.fingerprint);
    expect(alerts).toHaveLength(2);
    expect(alerts.find((a) => a.id !== alert.id)?.status).toBe('OPEN');
    expect((await mustReadAlert(alert.id)).status).toBe('RESOLVED');
  });
});

describe('severity', () => {
  // No check changes a fingerprint's severity (each check_code has one), so the earlier, milder or
  // worse, severity is planted on the alert row by the superuser to stand for an earlier detection.
  it('raises an active alert to a worse detected severity', async () => {
    const { alert } = await openAlert();
    expect(alert.severity).toBe('CRITICAL');
    await query(`update public.system_alerts set severity = 'WARN' where id = $1`, [alert.id]);
    await sync();
    expect((await mustReadAlert(alert.id)).severity).toBe('CRITICAL');
  });

  it('never lowers an active alert to a milder detected severity', async () => {
    const { alert } = await openAlert(createStaleTruck);
    expect(alert.severity).toBe('WARN');
    await query(`update public.system_alerts set severity = 'CRITICAL' where id = $1`, [alert.id]);
    await sync();
    expect((await mustReadAlert(alert.id)).severity).toBe('CRITICAL');
  });
});

describe('who may run the sync on demand', () => {
  it('an admin runs it through the API and gets the counts', async () => {
    const anomaly = await createNegativeStockTank();
    const { data, error } = await admin.client.rpc('sync_system_alerts');
    expect(error).toBeNull();
    expect(data).toMatchObject({ opened: 1, cleared: 0 });
    expect(data.checks).toBe((await detected()).length);
    expect(await activeAlertFor(anomaly.fingerprint)).toMatchObject({ status: 'OPEN' });
  });

  it('a directeur is refused, and no alert is opened', async () => {
    const anomaly = await createNegativeStockTank();
    const before = await countAlerts();
    expectError(await directeur.client.rpc('sync_system_alerts'), '42501', 'sync_requires_admin');
    expect(await countAlerts()).toBe(before);
    expect(await alertsFor(anomaly.fingerprint)).toEqual([]);
    await sync(); // leave no undetected anomaly behind for the next test
  });
});
