/**
 * The watchdog (issue 13): the sync records every run, a run that fails is recorded with its error
 * (and answered, not raised), old runs are pruned by the sync itself, and SYNC_STALE opens when the
 * last successful run is older than three intervals (governance_settings.sync_interval_seconds) —
 * fires, clears, recurs. Who reads the runs and the sync's health.
 *
 * Silence is made by moving the recorded runs back in time (superuser), never by waiting; a failure
 * by redefining the watchdog's own family to raise, and putting its definition back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn } from './support/clients';
import { alertsFor, closeDb, query, sync, syncAnswer } from './support/db';
import { activeAlertFor } from './support/fixtures';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';
import { resolveAsDirecteurs } from './support/resolve';
import { withSetting } from './support/settings';

const FINGERPRINT = 'SYNC_STALE:component:alert_sync';

type RunRow = {
  id: string;
  started_at: Date;
  finished_at: Date;
  ok: boolean;
  checks: number | null;
  opened: number | null;
  refreshed: number | null;
  cleared: number | null;
  duration_ms: number;
  error_code: string | null;
  error_message: string | null;
  error_context: string | null;
  run_by: string | null;
};

type SyncHealth = {
  checked_at: string;
  interval_seconds: number;
  stale_after_seconds: number;
  last_success_at: string | null;
  stale: boolean;
  last_run: { started_at: string; finished_at: string; ok: boolean; error_code: string | null; error_message: string | null } | null;
};

let admin: SignedIn;
let directeur: SignedIn;
let pca: SignedIn;
let operateur: SignedIn;

beforeAll(async () => {
  [admin, directeur, pca, operateur] = await Promise.all([
    signedIn('admin'),
    signedIn('directeur'),
    signedIn('pca'),
    signedIn('operateur'),
  ]);
  // A SYNC_STALE alert left active (a stack that stood still) would be refreshed, not opened, here.
  await resolveStaleAlert();
});

afterAll(async () => {
  await restoreWatchdog();
  await sync();
  await closeDb();
});

async function run(id: number | string): Promise<RunRow> {
  const [row] = await query<RunRow>('select * from public.alert_sync_runs where id = $1', [id]);
  if (!row) throw new Error(`run ${id} was not recorded`);
  return row;
}

async function intervalSeconds(): Promise<number> {
  const [row] = await query<{ seconds: number }>('select sync_interval_seconds as seconds from public.governance_settings where id');
  return row!.seconds;
}

/** Every recorded run moved `seconds` back: the sync has been silent that long. */
async function silenceFor(seconds: number): Promise<void> {
  await query(
    `update public.alert_sync_runs
     set started_at = started_at - make_interval(secs => $1), finished_at = finished_at - make_interval(secs => $1)`,
    [seconds],
  );
}

async function newestSuccess(): Promise<RunRow> {
  const [row] = await query<RunRow>('select * from public.alert_sync_runs where ok order by started_at desc limit 1');
  if (!row) throw new Error('no successful run recorded');
  return row;
}

/** A time as the database writes it in messages: the depot's time zone, « DD/MM/YYYY HH24:MI ». */
async function depotTime(at: Date | string): Promise<string> {
  const [row] = await query<{ text: string }>(
    `select to_char($1::timestamptz at time zone g.depot_time_zone, 'DD/MM/YYYY HH24:MI') as text
     from public.governance_settings g where g.id`,
    [at],
  );
  return row!.text;
}

async function healthAs(user: SignedIn): Promise<SyncHealth> {
  const { data, error } = await user.client.rpc('sync_health');
  expect(error).toBeNull();
  return data as SyncHealth;
}

/** The active SYNC_STALE alert resolved by the directeurs, so the next test starts without one. */
async function resolveStaleAlert(): Promise<void> {
  const active = await activeAlertFor(FINGERPRINT);
  if (active) await resolveAsDirecteurs(active.id, 'Minuterie relancée (test du chien de garde)');
}

// A check outside the guarded families (the security posture, inline in v_integrity_checks), made
// to raise for a test and put back as it was: a family that raises is only a CHECK_FAILED finding
// (supabase/tests/guarded-checks.test.ts), so a failed run needs a failure the guard does not catch.
let savedWatchdog: string | null = null;

async function breakWatchdog(): Promise<void> {
  const [row] = await query<{ definition: string }>(
    `select pg_get_functiondef('private.security_findings()'::regprocedure) as definition`,
  );
  savedWatchdog = row!.definition;
  await query(`
    create or replace function private.security_findings()
    returns table (lint text, check_code text, level text, object_type text, object_name text, detail text, remediation text, metadata jsonb)
    language plpgsql stable set search_path = ''
    as $$ begin raise exception 'watchdog broken by the test' using errcode = 'P0042'; end $$`);
}

async function restoreWatchdog(): Promise<void> {
  if (savedWatchdog === null) return;
  await query(savedWatchdog);
  savedWatchdog = null;
}

afterEach(async () => {
  await restoreWatchdog();
});

describe('every run is recorded', () => {
  it('a successful run: its time, counts and duration; the scheduler runs as nobody, the console as the admin', async () => {
    const result = await sync();
    expect(result.ok).toBe(true);
    const row = await run(result.run_id);
    expect(row).toMatchObject({
      ok: true,
      checks: result.checks,
      opened: result.opened,
      refreshed: result.refreshed,
      cleared: result.cleared,
      error_code: null,
      error_message: null,
      run_by: null,
    });
    expect(row.started_at.toISOString()).toBe(new Date(result.ran_at).toISOString());
    expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    expect(row.duration_ms).toBeGreaterThanOrEqual(0);
    const [state] = await query<{ last_run_at: Date }>('select last_run_at from public.alert_sync_state');
    expect(state!.last_run_at.toISOString()).toBe(row.started_at.toISOString());

    const { data, error } = await admin.client.rpc('sync_system_alerts');
    expect(error).toBeNull();
    expect(data).toMatchObject({ ok: true });
    expect(await run((data as { run_id: number }).run_id)).toMatchObject({ ok: true, run_by: admin.userId });
  });

  it('a run that fails inside the checks is recorded with its error and answered, not raised; it changes nothing else', async () => {
    await sync();
    const [before] = await query<{ alerts: string; events: string; last_run_at: Date }>(
      `select (select count(*) from public.system_alerts) as alerts, (select count(*) from public.system_alert_events) as events,
         (select last_run_at from public.alert_sync_state) as last_run_at`,
    );
    await breakWatchdog();

    const answer = await syncAnswer();
    expect(answer).toMatchObject({ ok: false, error_code: 'P0042', error: 'watchdog broken by the test' });
    const row = await run(answer.run_id);
    expect(row).toMatchObject({
      ok: false,
      checks: null,
      opened: null,
      error_code: 'P0042',
      error_message: 'watchdog broken by the test',
      run_by: null,
    });
    expect(row.error_context).toContain('private.security_findings()');

    // Through the API too: the admin's "sync now" is told, and the failure is on record.
    const { data, error } = await admin.client.rpc('sync_system_alerts');
    expect(error).toBeNull();
    expect(data).toMatchObject({ ok: false, error_code: 'P0042' });
    expect(await run((data as { run_id: number }).run_id)).toMatchObject({ ok: false, run_by: admin.userId });

    // The failed runs' work was rolled back: no alert, no ledger event, the last good run stands.
    const [after] = await query<{ alerts: string; events: string; last_run_at: Date }>(
      `select (select count(*) from public.system_alerts) as alerts, (select count(*) from public.system_alert_events) as events,
         (select last_run_at from public.alert_sync_state) as last_run_at`,
    );
    expect(after).toEqual(before);

    // The page says so: admins read the database's message, the other readers its code only.
    const forAdmin = await healthAs(admin);
    expect(forAdmin.stale).toBe(false);
    expect(forAdmin.last_run).toMatchObject({ ok: false, error_code: 'P0042', error_message: 'watchdog broken by the test' });
    expect(new Date(forAdmin.last_success_at!).toISOString()).toBe(before!.last_run_at.toISOString());
    const forPca = await healthAs(pca);
    expect(forPca.last_run).toMatchObject({ ok: false, error_code: 'P0042', error_message: null });

    await restoreWatchdog();
    expect((await sync()).ok).toBe(true);
    expect((await healthAs(pca)).last_run).toMatchObject({ ok: true, error_code: null });
  });
});

describe('SYNC_STALE', () => {
  afterEach(async () => {
    await sync();
    await resolveStaleAlert();
  });

  it('does not fire within three intervals', async () => {
    await sync();
    await silenceFor(3 * (await intervalSeconds()) - 120);
    expect((await healthAs(pca)).stale).toBe(false);
    expect(await query(`select 1 from public.v_integrity_checks where check_code = 'SYNC_STALE'`)).toEqual([]);
    await sync();
    expect(await activeAlertFor(FINGERPRINT)).toBeUndefined();
  });

  it('fires past three intervals: the next run opens an alert covering the gap, the one after clears it, a new gap brings it back', async () => {
    const interval = await intervalSeconds();
    await sync();
    await silenceFor(3 * interval + 600);
    const lastSuccess = await newestSuccess();

    const health = await healthAs(pca);
    expect(health).toMatchObject({ stale: true, interval_seconds: interval, stale_after_seconds: 3 * interval });
    expect(new Date(health.last_success_at!).toISOString()).toBe(lastSuccess.started_at.toISOString());

    const opening = await sync();
    const alert = await activeAlertFor(FINGERPRINT);
    expect(alert).toMatchObject({
      check_code: 'SYNC_STALE',
      severity: 'CRITICAL',
      entity_type: 'component',
      status: 'OPEN',
      cleared_at: null,
    });
    expect(alert!.first_seen_at.toISOString()).toBe(new Date(opening.ran_at).toISOString());
    expect(alert!.details).toMatchObject({
      intervalle_secondes: interval,
      seuil_secondes: 3 * interval,
      executions_en_echec: 0,
      derniere_erreur: null,
    });
    expect(new Date(String(alert!.details.dernier_controle_reussi)).toISOString()).toBe(lastSuccess.started_at.toISOString());
    expect(Number(alert!.details.interruption_secondes)).toBeGreaterThanOrEqual(3 * interval + 600);
    expect(alert!.message).toContain(
      `Les contrôles n'ont pas tourné du ${await depotTime(lastSuccess.started_at)} au ${await depotTime(opening.ran_at)} (heure du dépôt)`,
    );
    expect(alert!.message).toContain('pour un intervalle prévu de');
    expect(alert!.message).not.toContain('en échec');

    // The run that opened it is the new last success: the gap is over, the condition clears.
    expect((await healthAs(pca)).stale).toBe(false);
    await sync();
    const cleared = await activeAlertFor(FINGERPRINT);
    expect(cleared!.id).toBe(alert!.id);
    expect(cleared!.cleared_at).not.toBeNull();
    expect(cleared!.status).toBe('OPEN');

    // Another gap before anyone resolved it: the same alert comes back with the new gap's numbers.
    await silenceFor(4 * interval);
    const secondGapFrom = (await newestSuccess()).started_at;
    await sync();
    const again = await activeAlertFor(FINGERPRINT);
    expect(again!.id).toBe(alert!.id);
    expect(again!.cleared_at).toBeNull();
    expect(new Date(String(again!.details.dernier_controle_reussi)).toISOString()).toBe(secondGapFrom.toISOString());
    const [seenAgain] = await query<{ n: number }>(
      `select count(*)::int as n from public.system_alert_events where alert_id = $1 and event_type = 'seen_again'`,
      [alert!.id],
    );
    expect(seenAgain!.n).toBe(1);

    // Resolved, then a gap again: a new alert.
    await sync();
    await resolveStaleAlert();
    await silenceFor(3 * interval + 60);
    await sync();
    const all = await alertsFor(FINGERPRINT);
    const newest = all.at(-1)!;
    expect(newest.id).not.toBe(alert!.id);
    expect(newest.status).toBe('OPEN');
    expect(all.find((a) => a.id === alert!.id)!.status).toBe('RESOLVED');
  });

  it('counts the runs that failed during the gap, with the last error code (not its message)', async () => {
    const interval = await intervalSeconds();
    await sync();
    await silenceFor(3 * interval + 600);
    await breakWatchdog();
    expect((await syncAnswer()).ok).toBe(false);
    expect((await syncAnswer()).ok).toBe(false);
    expect((await healthAs(pca)).last_run).toMatchObject({ ok: false, error_code: 'P0042' });
    await restoreWatchdog();

    await sync();
    const alert = await activeAlertFor(FINGERPRINT);
    expect(alert!.details).toMatchObject({ executions_en_echec: 2, derniere_erreur: 'P0042' });
    expect(alert!.message).toContain('2 exécutions en échec entre-temps (dernière erreur : P0042)');
    expect(alert!.message).not.toContain('watchdog broken');
  });

  it('follows the interval setting: a shorter interval makes the same silence stale', async () => {
    await sync();
    await silenceFor(200);
    expect((await healthAs(pca)).stale).toBe(false);
    const restore = await withSetting('sync_interval_seconds', 60);
    try {
      expect(await healthAs(pca)).toMatchObject({ stale: true, interval_seconds: 60, stale_after_seconds: 180 });
      const [row] = await query<{ n: number }>(
        `select count(*)::int as n from public.v_integrity_checks where check_code = 'SYNC_STALE'`,
      );
      expect(row!.n).toBe(1);
    } finally {
      await restore();
    }
    expect((await healthAs(pca)).stale).toBe(false);
  });

  it('refuses an interval outside 5 s – 1 day, and changes nothing', async () => {
    const before = await intervalSeconds();
    for (const bad of [0, 4, 86401]) {
      await expect(query('update public.governance_settings set sync_interval_seconds = $1 where id', [bad])).rejects.toThrow(
        /governance_settings_sync_interval_seconds_check/,
      );
    }
    expect(await intervalSeconds()).toBe(before);
  });
});

describe('retention', () => {
  it('the sync deletes runs older than the retention and beyond the cap, never the newest successful run', async () => {
    await sync();
    // A silence longer than the retention, with failed runs in it: only the newest success survives the age bound.
    await silenceFor(40 * 86400);
    await breakWatchdog();
    const failed = await syncAnswer();
    await restoreWatchdog();
    const survivors = await query<{ id: string; ok: boolean }>('select id, ok from public.alert_sync_runs order by id');
    const newestOk = await newestSuccess();
    expect(survivors).toEqual([
      { id: newestOk.id, ok: true },
      { id: String(failed.run_id), ok: false },
    ]);

    // The cap: at most sync_runs_kept_max runs, whatever their age.
    await query(
      `insert into public.alert_sync_runs (started_at, finished_at, ok, error_code, error_message, duration_ms)
       select now() - interval '1 minute', now() - interval '1 minute', false, 'XX000', 'filler', 0 from generate_series(1, 150)`,
    );
    const restore = await withSetting('sync_runs_kept_max', 100);
    try {
      const result = await sync();
      const [count] = await query<{ n: number; newest: string }>(
        'select count(*)::int as n, max(id)::text as newest from public.alert_sync_runs',
      );
      expect(count!.n).toBe(100);
      expect(count!.newest).toBe(String(result.run_id));
    } finally {
      await restore();
    }
    await sync();
    await resolveStaleAlert();
  });
});

describe('who reads the runs and the sync’s health', () => {
  it('governance readers read the runs but not the error’s text; operateur reads nothing; anon is refused', async () => {
    for (const reader of [admin, directeur, pca]) {
      const { data, error } = await reader.client.from('alert_sync_runs').select('id, ok, error_code, started_at').order('id').limit(5);
      expect(error).toBeNull();
      expect((data ?? []).length).toBeGreaterThan(0);
      expectPermissionDenied(await reader.client.from('alert_sync_runs').select('error_message').limit(1));
      expectPermissionDenied(await reader.client.from('alert_sync_runs').select('*').limit(1));
    }
    expectNoRows(await operateur.client.from('alert_sync_runs').select('id, ok'));
    expectPermissionDenied(await anonClient().from('alert_sync_runs').select('id'));
  });

  it('nobody writes the runs through the API, and nothing changed', async () => {
    const [before] = await query<{ n: number; newest: string }>(
      'select count(*)::int as n, max(id)::text as newest from public.alert_sync_runs',
    );
    expectPermissionDenied(
      await admin.client
        .from('alert_sync_runs')
        .insert({ started_at: new Date().toISOString(), finished_at: new Date().toISOString(), ok: true, checks: 0, duration_ms: 0 }),
    );
    expectPermissionDenied(await admin.client.from('alert_sync_runs').delete().gte('id', 0));
    expectPermissionDenied(await directeur.client.from('alert_sync_runs').update({ ok: true }).gte('id', 0));
    // The private writer is not exposed at all.
    expectError(await admin.client.rpc('record_sync_run', {}), 'PGRST202');
    const [after] = await query<{ n: number; newest: string }>(
      'select count(*)::int as n, max(id)::text as newest from public.alert_sync_runs',
    );
    expect(after).toEqual(before);
  });

  it('sync_health answers governance readers only', async () => {
    expect(await healthAs(directeur)).toMatchObject({ stale: false });
    expectError(await operateur.client.rpc('sync_health'), '42501', 'governance_only');
    expectPermissionDenied(await anonClient().rpc('sync_health'));
  });

  it('operateur and anon never see SYNC_STALE, even while it is detected', async () => {
    await sync();
    await silenceFor(3 * (await intervalSeconds()) + 600);
    try {
      expectNoRows(await operateur.client.from('v_integrity_checks').select('check_code').eq('check_code', 'SYNC_STALE'));
      expectNoRows(await operateur.client.from('system_alerts').select('id').eq('check_code', 'SYNC_STALE'));
      const anon = await anonClient().from('v_integrity_checks').select('check_code').eq('check_code', 'SYNC_STALE');
      expect(anon.data ?? []).toEqual([]);
      const { data } = await pca.client.from('v_integrity_checks').select('check_code').eq('check_code', 'SYNC_STALE');
      expect(data).toEqual([{ check_code: 'SYNC_STALE' }]);
    } finally {
      await sync();
      await resolveStaleAlert();
    }
  });
});
