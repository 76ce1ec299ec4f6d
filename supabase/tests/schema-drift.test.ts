/**
 * Schema drift (issue 13, item 3): a hand change to the governed catalogue — made here as the
 * superuser, as someone with the database password would — opens SCHEMA_DRIFT (CRITICAL) after a
 * sync, with the diff naming the object; undoing it clears the alert; a new migration moves the
 * baseline instead of raising drift; an operator can accept a deliberate change. The alert's entity
 * is the drift itself (`catalogue:<digest of the drift set>`): a directeur who resolves a drift
 * resolves that drift, and any other hand change opens a new alert. The API roles' attributes and
 * memberships are governed too, and role settings are fingerprinted without their values. Every
 * change is undone in a finally block and the last sync of the file sees the catalogue as the
 * migrations left it, so the rest of the suite is unaffected.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, secondDirecteur, serviceClient, type SignedIn, signedIn } from './support/clients';
import { type AlertRow, closeDb, mustReadAlert, query, sync } from './support/db';
import { resolveAsDirecteurs } from './support/resolve';
import { expectError, expectNoRows, expectPermissionDenied } from './support/refusals';

/** The entity of a SCHEMA_DRIFT alert: the catalogue, and a digest of the drift set it reports. */
const DRIFT_ENTITY = /^catalogue:[0-9a-f]{12}$/;
const suffix = randomUUID().slice(0, 8);
const COLUMN = `drift_note_${suffix}`;
const SIMULATED_MIGRATION = '20991231235959';

type DiffItem = { change: 'added' | 'removed' | 'changed'; kind: string; object: string; before?: string; after?: string };
type DriftDetails = {
  changes: number;
  added: number;
  removed: number;
  changed: number;
  diff: DiffItem[];
  more: number;
  baseline_id: number;
  baseline_migration: string;
};
type DriftRow = { severity: string; entity_type: string; entity_id: string; message: string; details: DriftDetails };

let pca: SignedIn;
let directeur: SignedIn;
let admin: SignedIn;
let operateur: SignedIn;

/** The SCHEMA_DRIFT check row now (as the superuser), or undefined. */
async function driftNow(): Promise<DriftRow | undefined> {
  const rows = await query<DriftRow>(
    `select severity, entity_type, entity_id, message, details from public.v_integrity_checks where check_code = 'SCHEMA_DRIFT'`,
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

/** Every SCHEMA_DRIFT alert, ever, oldest first. */
async function driftAlerts(): Promise<AlertRow[]> {
  return query<AlertRow>(`select * from public.system_alerts where check_code = 'SCHEMA_DRIFT' order by created_at, id`);
}

/** The SCHEMA_DRIFT alerts still OPEN or ACK. */
async function activeDriftAlerts(): Promise<AlertRow[]> {
  return (await driftAlerts()).filter((a) => a.status === 'OPEN' || a.status === 'ACK');
}

/** Syncs, then returns the alert of the drift detected now, whichever its status. */
async function syncedDriftAlertAnyStatus(): Promise<AlertRow & { details: DriftDetails }> {
  await sync();
  const check = await driftNow();
  expect(check, 'a SCHEMA_DRIFT check row').toBeDefined();
  expect(check!.entity_id).toMatch(DRIFT_ENTITY);
  const [alert] = await query<AlertRow>(
    `select * from public.system_alerts where fingerprint = $1 order by created_at desc, id desc limit 1`,
    [`SCHEMA_DRIFT:schema:${check!.entity_id}`],
  );
  expect(alert, 'the alert of the drift detected now').toBeDefined();
  expect(alert).toMatchObject({ check_code: 'SCHEMA_DRIFT', severity: 'CRITICAL', entity_type: 'schema', entity_id: check!.entity_id });
  return alert as AlertRow & { details: DriftDetails };
}

/** Syncs, then returns the active SCHEMA_DRIFT alert of the drift detected now. */
async function syncedDriftAlert(): Promise<AlertRow & { details: DriftDetails }> {
  const alert = await syncedDriftAlertAnyStatus();
  expect(alert).toMatchObject({ cleared_at: null });
  expect(['OPEN', 'ACK']).toContain(alert.status);
  return alert;
}

/** Syncs, then proves the drift is gone: no check row, and every SCHEMA_DRIFT alert marked cleared. */
async function expectCleared(): Promise<void> {
  await sync();
  expect(await driftNow()).toBeUndefined();
  for (const alert of await driftAlerts()) expect(alert.cleared_at, alert.entity_id).toBeInstanceOf(Date);
}

async function baselineCount(): Promise<number> {
  const [row] = await query<{ n: number }>('select count(*)::int as n from private.schema_baselines');
  return row?.n ?? -1;
}

/** The directeurs resolve every SCHEMA_DRIFT alert still OPEN or ACK, with a note. */
async function resolveActiveDrift(note: string): Promise<void> {
  for (const alert of await activeDriftAlerts()) await resolveAsDirecteurs(alert.id, note);
}

beforeAll(async () => {
  [pca, directeur, admin, operateur] = await Promise.all([
    signedIn('pca'),
    signedIn('directeur'),
    signedIn('admin'),
    signedIn('operateur'),
  ]);
  await sync();
});

afterAll(async () => {
  // Whatever happened above: the catalogue as the migrations left it, no drift, no open drift alert.
  await query(`alter table public.citernes drop column if exists ${COLUMN}`);
  await query(`delete from supabase_migrations.schema_migrations where version = $1`, [SIMULATED_MIGRATION]);
  await query(`delete from private.migrations_seen where version = $1`, [SIMULATED_MIGRATION]);
  await sync();
  await resolveActiveDrift('Fin du test de dérive du schéma : catalogue rétabli.');
  await closeDb();
});

describe('the catalogue as the migrations left it', () => {
  it('has a baseline taken after the applied migrations and no drift', async () => {
    const [baseline] = await query<{ reason: string; newest_migration: string; migration_count: number; item_count: number }>(
      'select reason, newest_migration, migration_count, item_count from private.schema_baselines order by id desc limit 1',
    );
    const [applied] = await query<{ newest: string; n: number }>(
      'select max(version) as newest, count(*)::int as n from supabase_migrations.schema_migrations',
    );
    expect(baseline).toMatchObject({ newest_migration: applied!.newest, migration_count: applied!.n });
    expect(baseline!.item_count).toBeGreaterThan(100);
    expect(await driftNow()).toBeUndefined();
  });
});

describe('SCHEMA_DRIFT', () => {
  it('opens on a column added by hand, naming it, and clears when it is dropped', async () => {
    try {
      await query(`alter table public.citernes add column ${COLUMN} text`);
      const alert = await syncedDriftAlert();
      expect(alert.status).toBe('OPEN');
      expect(alert.details).toMatchObject({ changes: 1, added: 1, removed: 0, changed: 0, more: 0 });
      expect(alert.details.diff).toEqual([{ change: 'added', kind: 'column', object: `public.citernes.${COLUMN}`, after: 'text' }]);
      expect(alert.message).toContain('Catalogue modifié hors migration : 1 changement (1 ajout, 0 suppression, 0 modification)');
      expect(alert.message).toContain(`colonne public.citernes.${COLUMN} (ajout)`);

      // The sync kept what it found: the next syncs and the check read it instead of comparing again.
      const [kept] = await query<{ at_drift: boolean; drift: DriftDetails }>(
        'select drift_token = private.catalogue_token() as at_drift, drift from private.schema_baselines order by id desc limit 1',
      );
      expect(kept).toMatchObject({ at_drift: true, drift: { changes: 1, diff: alert.details.diff } });
      expect((await sync()).refreshed).toBe(0);
    } finally {
      await query(`alter table public.citernes drop column if exists ${COLUMN}`);
    }
    await expectCleared();
  });

  it('forgets the kept drift once the catalogue matches its baseline again', async () => {
    const [row] = await query<{ at_baseline: boolean; drift_token: string | null }>(
      'select catalogue_token = private.catalogue_token() as at_baseline, drift_token from private.schema_baselines order by id desc limit 1',
    );
    expect(row).toEqual({ at_baseline: true, drift_token: null });
  });

  it('opens on a grant given by hand, with the privileges before and after, and clears when it is revoked', async () => {
    try {
      await query('grant insert on table public.depots to authenticated');
      const alert = await syncedDriftAlert();
      expect(alert.details.diff).toEqual([
        { change: 'changed', kind: 'grant', object: 'table public.depots → authenticated', before: 'SELECT', after: 'INSERT, SELECT' },
      ]);
      expect(alert.message).toContain('droit table public.depots → authenticated (modification)');
    } finally {
      await query('revoke insert on table public.depots from authenticated');
    }
    await expectCleared();
  });

  it('opens on a trigger disabled by hand, and clears when it is enabled again', async () => {
    try {
      await query('alter table public.system_alerts disable trigger system_alerts_set_actor');
      const alert = await syncedDriftAlert();
      expect(alert.details.diff).toHaveLength(1);
      expect(alert.details.diff[0]).toMatchObject({
        change: 'changed',
        kind: 'trigger',
        object: 'public.system_alerts.system_alerts_set_actor',
        before: expect.stringMatching(/^ENABLED; CREATE TRIGGER system_alerts_set_actor /),
        after: expect.stringMatching(/^DISABLED; CREATE TRIGGER system_alerts_set_actor /),
      });
    } finally {
      await query('alter table public.system_alerts enable trigger system_alerts_set_actor');
    }
    await expectCleared();
  });

  it('opens on a function redefined by hand, and clears when its definition is restored', async () => {
    const [original] = await query<{ definition: string }>(
      `select pg_get_functiondef('private.depot_time_zone()'::regprocedure) as definition`,
    );
    // The same behaviour, another body: what a "harmless" hot fix looks like.
    const edited = original!.definition.replace(/\$function\$\s*$/, '-- corrigé à la main\n$function$\n');
    expect(edited).not.toBe(original!.definition);
    try {
      await query(edited);
      const alert = await syncedDriftAlert();
      expect(alert.details.diff).toHaveLength(1);
      expect(alert.details.diff[0]).toMatchObject({
        change: 'changed',
        kind: 'function',
        object: 'private.depot_time_zone()',
      });
      expect(alert.details.diff[0]!.before).not.toBe(alert.details.diff[0]!.after);
    } finally {
      await query(original!.definition);
    }
    await expectCleared();
  });

  it('counts every change but lists at most 20, saying how many more', async () => {
    const table = `drift_scratch_${suffix}`;
    const columns = Array.from({ length: 24 }, (_, i) => `c${i} integer`).join(', ');
    try {
      await query(`create table public.${table} (${columns})`);
      await query(`alter table public.${table} enable row level security`);
      const alert = await syncedDriftAlert();
      const details = alert.details;
      expect(details.changes).toBeGreaterThan(24);
      expect(details.added).toBe(details.changes);
      expect(details.diff).toHaveLength(20);
      expect(details.more).toBe(details.changes - 20);
      expect(alert.message).toContain(`et ${details.changes - 3} autres`);
    } finally {
      await query(`drop table if exists public.${table}`);
    }
    await expectCleared();
  });

  it('recurs after it was resolved: a new hand change opens a new alert', async () => {
    await resolveActiveDrift('Changements manuels annulés, catalogue conforme aux migrations.');
    const before = await driftAlerts();
    expect(before.every((a) => a.status === 'RESOLVED')).toBe(true);
    try {
      await query(`alter table public.citernes add column ${COLUMN} text`);
      const alert = await syncedDriftAlert();
      expect(alert.status).toBe('OPEN');
      expect(before.map((a) => a.id)).not.toContain(alert.id);
      expect(await driftAlerts()).toHaveLength(before.length + 1);
    } finally {
      await query(`alter table public.citernes drop column if exists ${COLUMN}`);
    }
    await expectCleared();
  });

  it('does not fire after a migration: the sync takes a new baseline, which records what the migration changed', async () => {
    const baselinesBefore = await baselineCount();
    try {
      // A migration as the CLI applies one: its statements, then its row in the history.
      await query(`alter table public.citernes add column ${COLUMN} text`);
      await query(`insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, 'add_drift_note', '{}')`, [
        SIMULATED_MIGRATION,
      ]);
      // Before the sync, the check already stays silent (the baseline is about to move).
      expect(await driftNow()).toBeUndefined();
      await sync();
      expect(await driftNow()).toBeUndefined();
      for (const active of await activeDriftAlerts()) expect(active.cleared_at).toBeInstanceOf(Date);

      const [baseline] = await query<{ reason: string; newest_migration: string; changes: DriftDetails }>(
        'select reason, newest_migration, changes from private.schema_baselines order by id desc limit 1',
      );
      expect(baseline).toMatchObject({ reason: 'migrations', newest_migration: SIMULATED_MIGRATION });
      expect(baseline!.changes.diff).toEqual([{ change: 'added', kind: 'column', object: `public.citernes.${COLUMN}`, after: 'text' }]);
      expect(await baselineCount()).toBe(baselinesBefore + 1);

      // The versions page's list: the new migration, seen by this sync (not "before tracking").
      const { data, error } = await pca.client.rpc('applied_migrations');
      expect(error).toBeNull();
      const rows = data as { version: string; name: string; first_seen_at: string | null; seen_before_tracking: boolean }[];
      expect(rows[0]).toMatchObject({ version: SIMULATED_MIGRATION, name: 'add_drift_note', seen_before_tracking: false });
      expect(Date.parse(rows[0]!.first_seen_at ?? '')).not.toBeNaN();
    } finally {
      await query(`alter table public.citernes drop column if exists ${COLUMN}`);
      await query('delete from supabase_migrations.schema_migrations where version = $1', [SIMULATED_MIGRATION]);
      await query('delete from private.migrations_seen where version = $1', [SIMULATED_MIGRATION]);
    }
    // The history changed back: another baseline, still no drift.
    await sync();
    expect(await driftNow()).toBeUndefined();
    expect(await baselineCount()).toBe(baselinesBefore + 2);
  });
});

describe('one alert per drift', () => {
  it('a drift resolved anyway keeps its resolution while unchanged, and a different hand change opens a new alert', async () => {
    const index = `drift_depots_nom_${suffix}`;
    try {
      await query(`create index ${index} on public.depots (nom)`);
      const first = await syncedDriftAlert();
      expect(first.details.diff).toEqual([expect.objectContaining({ change: 'added', kind: 'index', object: `public.${index}` })]);

      // The directeur resolves it while the index is still there ("resolve anyway").
      const { data, error } = await directeur.client
        .from('system_alerts')
        .update({
          status: 'RESOLVED',
          resolution_reason: 'fixed_at_source',
          resolution_note: 'Index ajouté pour un rapport ponctuel, toléré.',
        })
        .eq('id', first.id)
        .select();
      expect(error).toBeNull();
      expect(data).toHaveLength(1);
      // CRITICAL and still detected: the resolution waits for a second directeur (four-eyes).
      expect(await mustReadAlert(first.id)).toMatchObject({ status: 'ACK', resolution_requested_by: directeur.userId });
      const countersigned = await (
        await secondDirecteur()
      ).client.rpc('countersign_resolution', {
        p_alert_id: first.id,
        p_approve: true,
        p_note: null,
        p_expected_requested_at: (await mustReadAlert(first.id)).resolution_requested_at!.toISOString(),
      });
      expect(countersigned.error).toBeNull();
      expect(await mustReadAlert(first.id)).toMatchObject({ status: 'RESOLVED', resolved_while_active: true, cleared_at: null });

      // The same drift: no new alert, and the rerun writes nothing (no alert row, no ledger event).
      const versions = async () => query<{ id: string; xmin: string }>(`select id, xmin::text from public.system_alerts order by id`);
      const rowsBefore = await versions();
      const [eventsBefore] = await query<{ n: number }>('select count(*)::int as n from public.system_alert_events');
      const alertsBefore = await driftAlerts();
      const rerun = await sync();
      expect(rerun).toMatchObject({ opened: 0, refreshed: 0 });
      expect(await versions()).toEqual(rowsBefore);
      const [eventsAfter] = await query<{ n: number }>('select count(*)::int as n from public.system_alert_events');
      expect(eventsAfter?.n).toBe(eventsBefore?.n);
      expect(await driftAlerts()).toHaveLength(alertsBefore.length);
      expect(await syncedDriftAlertAnyStatus()).toMatchObject({ id: first.id, status: 'RESOLVED' });

      // Another hand change on top: a different drift, a new alert naming it.
      await query('grant all on table public.governance_settings to authenticated');
      const second = await syncedDriftAlert();
      expect(second.id).not.toBe(first.id);
      expect(second.entity_id).not.toBe(first.entity_id);
      expect(second.status).toBe('OPEN');
      expect(second.details.diff).toContainEqual(
        expect.objectContaining({ change: 'changed', kind: 'grant', object: 'table public.governance_settings → authenticated' }),
      );
      expect(second.message).toContain('droit table public.governance_settings → authenticated (modification)');
      // The resolved drift is no longer what is detected: it is marked cleared.
      expect((await mustReadAlert(first.id)).cleared_at).toBeInstanceOf(Date);
    } finally {
      await query('revoke all on table public.governance_settings from authenticated');
      await query('grant select on table public.governance_settings to authenticated');
      await query(`drop index if exists public.${index}`);
    }
    await expectCleared();
    await resolveActiveDrift('Index supprimé et droits rétablis : catalogue conforme aux migrations.');
  });

  it('a further change to an object that already drifted is a new drift', async () => {
    const [original] = await query<{ definition: string }>(
      `select pg_get_functiondef('private.depot_time_zone()'::regprocedure) as definition`,
    );
    try {
      await query(original!.definition.replace(/\$function\$\s*$/, '-- première retouche\n$function$\n'));
      const first = await syncedDriftAlert();
      await query(original!.definition.replace(/\$function\$\s*$/, '-- seconde retouche\n$function$\n'));
      const second = await syncedDriftAlert();
      expect(second.id).not.toBe(first.id);
      expect(second.details.diff).toEqual([expect.objectContaining({ change: 'changed', object: 'private.depot_time_zone()' })]);
    } finally {
      await query(original!.definition);
    }
    await expectCleared();
    await resolveActiveDrift('Fonction rétablie : catalogue conforme aux migrations.');
  });
});

describe('the API roles', () => {
  it('opens on an attribute or a membership of an API role changed by hand, naming both, and clears when undone', async () => {
    const [grants] = await query<{ current: boolean }>(`select pg_has_role('anon', 'service_role', 'member') as current`);
    expect(grants!.current).toBe(false);
    try {
      await query('alter role authenticated bypassrls');
      const alert = await syncedDriftAlert();
      expect(alert.details.diff).toEqual([
        {
          change: 'changed',
          kind: 'role',
          object: 'authenticated',
          before: expect.stringContaining('NOBYPASSRLS'),
          after: expect.stringMatching(/(^|, )BYPASSRLS/),
        },
      ]);
      expect(alert.message).toContain('rôle authenticated (modification)');

      await query('grant service_role to anon');
      const both = await syncedDriftAlert();
      expect(both.details).toMatchObject({ changes: 2 });
      expect(both.details.diff).toContainEqual(
        expect.objectContaining({ change: 'added', kind: 'role_membership', object: 'service_role → anon' }),
      );
      expect(both.message).toContain('appartenance de rôle service_role → anon (ajout)');
    } finally {
      await query('revoke service_role from anon');
      await query('alter role authenticated nobypassrls');
    }
    await expectCleared();
    await resolveActiveDrift('Attributs et appartenances des rôles rétablis.');
  });
});

describe('role settings', () => {
  it('are fingerprinted without their values: a change is shown, the value is stored nowhere', async () => {
    const secret = `TOPSECRET-${randomUUID()}`;
    const setting = 'app.secret_token';
    const storedAnywhere = async () => {
      const [row] = await query<{ n: number }>(
        `select ((select count(*) from public.system_alerts a where a::text like '%' || $1 || '%')
          + (select count(*) from public.system_alert_events e where e::text like '%' || $1 || '%')
          + (select count(*) from private.schema_baselines b where b::text like '%' || $1 || '%')
          + (select count(*) from private.schema_baseline_items i where i::text like '%' || $1 || '%'))::int as n`,
        [secret],
      );
      return row!.n;
    };
    try {
      await query(`alter role authenticator set ${setting} = '${secret}'`);
      const alert = await syncedDriftAlert();
      expect(alert.details.diff).toEqual([
        {
          change: 'added',
          kind: 'role_setting',
          object: `authenticator ${setting}`,
          after: expect.stringMatching(/^set \(md5 [0-9a-f]{8}\)$/),
        },
      ]);
      expect(JSON.stringify(alert)).not.toContain(secret);
      // Another value is another fingerprint, still without the value.
      await query(`alter role authenticator set ${setting} = '${secret}-2'`);
      const changed = await syncedDriftAlert();
      expect(changed.details.diff[0]!.after).toMatch(/^set \(md5 [0-9a-f]{8}\)$/);
      expect(changed.details.diff[0]!.after).not.toBe(alert.details.diff[0]!.after);
      // Accepted: the baseline and its items hold the setting, not its value.
      await query(`select private.accept_schema_drift('Paramètre de test accepté, valeur secrète')`);
      expect(await storedAnywhere()).toBe(0);
    } finally {
      await query(`alter role authenticator reset ${setting}`);
      await sync();
      if (await driftNow()) await query(`select private.accept_schema_drift('Retour à l''état des migrations après le test')`);
    }
    await expectCleared();
    expect(await storedAnywhere()).toBe(0);
    await resolveActiveDrift('Paramètre de test retiré.');
  });
});

describe('accepting a deliberate hand change', () => {
  it('refuses without a reason, or with nothing to accept, and changes nothing', async () => {
    const before = await baselineCount();
    await expect(query(`select private.accept_schema_drift('   ')`)).rejects.toMatchObject({ code: '22023', hint: 'reason_required' });
    await expect(query(`select private.accept_schema_drift('Correctif validé')`)).rejects.toMatchObject({
      code: '22023',
      hint: 'no_schema_drift',
    });
    expect(await baselineCount()).toBe(before);
  });

  it('moves the baseline with who accepted it and why, and the alert clears at the next sync', async () => {
    const reason = 'Correctif d’urgence validé par la direction, migration à suivre';
    try {
      await query(`alter table public.citernes add column ${COLUMN} text`);
      await syncedDriftAlert();
      const [accepted] = await query<{ result: { baseline_id: number; accepted: DriftDetails } }>(
        'select private.accept_schema_drift($1) as result',
        [reason],
      );
      expect(accepted!.result.accepted).toMatchObject({ changes: 1, added: 1 });
      const [baseline] = await query<{ reason: string; accepted_by: string; accept_reason: string; changes: DriftDetails }>(
        'select reason, accepted_by, accept_reason, changes from private.schema_baselines where id = $1',
        [accepted!.result.baseline_id],
      );
      expect(baseline).toMatchObject({ reason: 'accepted', accepted_by: 'postgres', accept_reason: reason });
      expect(baseline!.changes.diff).toEqual([{ change: 'added', kind: 'column', object: `public.citernes.${COLUMN}`, after: 'text' }]);
      await expectCleared();
    } finally {
      await query(`alter table public.citernes drop column if exists ${COLUMN}`);
      // Dropping the accepted column is itself a change from the accepted baseline: accept it back.
      await sync();
      if (await driftNow()) await query(`select private.accept_schema_drift('Retour à l''état des migrations après le test')`);
    }
    await expectCleared();
  });

  it('is not reachable through the API, for any role', async () => {
    const [row] = await query<Record<string, boolean>>(
      `select has_function_privilege('authenticated', 'private.accept_schema_drift(text)', 'execute') as authenticated,
              has_function_privilege('service_role', 'private.accept_schema_drift(text)', 'execute') as service_role,
              has_function_privilege('anon', 'private.accept_schema_drift(text)', 'execute') as anon,
              has_table_privilege('authenticated', 'private.schema_baselines', 'select') as baselines,
              has_table_privilege('service_role', 'private.schema_baseline_items', 'select') as items`,
    );
    expect(row).toEqual({ authenticated: false, service_role: false, anon: false, baselines: false, items: false });
    const answer = await serviceClient().rpc('accept_schema_drift', { reason: 'Tentative par l’API' });
    expect(answer.error?.code).toBe('PGRST202');
  });
});

describe('who sees the drift', () => {
  it('shows it to pca, directeur and admin; operateur sees nothing and anon is refused', async () => {
    let alert: AlertRow | undefined;
    try {
      await query(`alter table public.citernes add column ${COLUMN} text`);
      alert = await syncedDriftAlert();
      for (const reader of [pca, directeur, admin]) {
        const checks = await reader.client.from('v_integrity_checks').select('check_code, details').eq('check_code', 'SCHEMA_DRIFT');
        expect(checks.error).toBeNull();
        expect(checks.data).toHaveLength(1);
        const alerts = await reader.client.from('system_alerts').select('id, details').eq('id', alert!.id);
        expect(alerts.error).toBeNull();
        expect(alerts.data?.[0]?.details).toMatchObject({ changes: 1 });
      }
      expectNoRows(await operateur.client.from('v_integrity_checks').select('*').eq('check_code', 'SCHEMA_DRIFT'));
      expectNoRows(await operateur.client.from('system_alerts').select('*').eq('id', alert!.id));
      expectPermissionDenied(await anonClient().from('v_integrity_checks').select('*').eq('check_code', 'SCHEMA_DRIFT'));
      expectPermissionDenied(await anonClient().from('system_alerts').select('*').eq('id', alert!.id));
    } finally {
      await query(`alter table public.citernes drop column if exists ${COLUMN}`);
    }
    await expectCleared();
    expect((await mustReadAlert(alert!.id)).cleared_at).toBeInstanceOf(Date);
  });

  it('lists the applied migrations to governance readers only', async () => {
    const applied = await query<{ version: string; name: string }>(
      'select version, name from supabase_migrations.schema_migrations order by version desc',
    );
    for (const reader of [pca, directeur, admin]) {
      const { data, error } = await reader.client.rpc('applied_migrations');
      expect(error).toBeNull();
      const rows = data as { version: string; name: string; first_seen_at: string | null }[];
      expect(rows.map((r) => [r.version, r.name])).toEqual(applied.map((r) => [r.version, r.name]));
      for (const row of rows) expect(Date.parse(row.first_seen_at ?? '')).not.toBeNaN();
    }
    expectError(await operateur.client.rpc('applied_migrations'), '42501', 'governance_only');
    expectPermissionDenied(await anonClient().rpc('applied_migrations'));
  });
});
