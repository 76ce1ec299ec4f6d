/**
 * The alert vocabulary (lib/alerts/vocabulary.ts) and the database say the same thing: the check
 * constraints list the same severities and statuses, the ranks match, and "active" is the same set
 * of statuses for the one-active-alert-per-fingerprint rule. And the permission matrix
 * (lib/auth/permissions.ts) is what the database lets each role do.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTIVE_STATUSES, ALERT_STATUSES, RESOLUTION_REASONS, SEVERITIES, SEVERITY_RANK } from '../../lib/alerts/vocabulary';
import { can, ROLES, type Permission, type Role } from '../../lib/auth/permissions';
import { type DemoRole, signedIn } from './support/clients';
import { closeDb, mustReadAlert, query } from './support/db';
import { createStaleTruck, openAlert, removeFixtures } from './support/fixtures';

afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

/** The values of a `column = ANY (ARRAY['A'::text, …])` check constraint. */
async function allowedValues(table: string, constraint: string): Promise<string[]> {
  const [row] = await query<{ definition: string }>(
    'select pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::regclass and conname = $2',
    [table, constraint],
  );
  return [...(row?.definition ?? '').matchAll(/'([^']*)'::text/g)].map((match) => match[1]!);
}

describe('the alert vocabulary', () => {
  it('severities are the database’s, in the same order', async () => {
    expect(await allowedValues('public.system_alerts', 'system_alerts_severity_check')).toEqual([...SEVERITIES]);
  });

  it('statuses are the database’s, on alerts and in the ledger', async () => {
    expect(await allowedValues('public.system_alerts', 'system_alerts_status_check')).toEqual([...ALERT_STATUSES]);
    expect(await allowedValues('public.system_alert_events', 'system_alert_events_from_status_check')).toEqual([...ALERT_STATUSES]);
    expect(await allowedValues('public.system_alert_events', 'system_alert_events_to_status_check')).toEqual([...ALERT_STATUSES]);
  });

  it('resolution reasons are the database’s, in the same order', async () => {
    expect(await allowedValues('public.system_alerts', 'system_alerts_resolution_reason_check')).toEqual([...RESOLUTION_REASONS]);
  });

  it('severity ranks are the database’s', async () => {
    const rows = await query<{ severity: string; rank: number }>(
      `select s as severity, private.severity_rank(s) as rank from unnest($1::text[]) s`,
      [[...SEVERITIES]],
    );
    expect(Object.fromEntries(rows.map((row) => [row.severity, row.rank]))).toEqual(SEVERITY_RANK);
  });

  it('"active" is the set of statuses that allows one alert per fingerprint', async () => {
    const [row] = await query<{ definition: string }>(
      `select pg_get_indexdef('public.system_alerts_active_fingerprint_key'::regclass) as definition`,
    );
    expect([...row!.definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1])).toEqual([...ACTIVE_STATUSES]);
  });
});

/**
 * What each permission lets a user do, tried against the database as that user. `true` when the
 * database let it happen.
 */
const attempts: Record<Permission, (role: DemoRole) => Promise<boolean>> = {
  'governance:read': async (role) => {
    const { client } = await signedIn(role);
    const { data, error } = await client.from('system_alerts').select('id').limit(1);
    expect(error).toBeNull();
    return (data ?? []).length > 0;
  },
  'alerts:acknowledge': async (role) => {
    const { client } = await signedIn(role);
    const { alert } = await openAlert();
    await client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id);
    return (await mustReadAlert(alert.id)).status === 'ACK';
  },
  'alerts:resolve': async (role) => {
    const { client } = await signedIn(role);
    // WARN: a CRITICAL alert still detected would wait for a second directeur (four-eyes).
    const { alert } = await openAlert(createStaleTruck);
    await client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: `essai ${randomUUID()}` })
      .eq('id', alert.id);
    return (await mustReadAlert(alert.id)).status === 'RESOLVED';
  },
  'alerts:comment': async (role) => {
    const { client } = await signedIn(role);
    const { alert } = await openAlert();
    await client.rpc('add_alert_comment', { p_alert_id: alert.id, p_body: `essai ${randomUUID()}` });
    const [row] = await query<{ n: number }>(
      `select count(*)::int as n from public.system_alert_events where alert_id = $1 and event_type = 'commented'`,
      [alert.id],
    );
    return row!.n > 0;
  },
  'alerts:assign': async (role) => {
    const { client } = await signedIn(role);
    const { userId: adminId } = await signedIn('admin');
    const { alert } = await openAlert();
    await client.rpc('assign_alert', { p_alert_id: alert.id, p_assignee: adminId, p_expected_assignee: null });
    const [row] = await query<{ assigned_to: string | null }>('select assigned_to from public.system_alerts where id = $1', [alert.id]);
    return row!.assigned_to === adminId;
  },
  'alerts:snooze': async (role) => {
    const { client } = await signedIn(role);
    const { alert } = await openAlert();
    await client.rpc('snooze_alert', {
      p_alert_id: alert.id,
      p_until: new Date(Date.now() + 3_600_000).toISOString(),
      p_reason: 'essai',
      p_expected_until: null as unknown as string,
    });
    const [row] = await query<{ snoozed_until: Date | null }>('select snoozed_until from public.system_alerts where id = $1', [alert.id]);
    return row!.snoozed_until !== null;
  },
  'alerts:sync': async (role) => {
    const { client } = await signedIn(role);
    const { error } = await client.rpc('sync_system_alerts');
    return error === null;
  },
  'deadlines:edit': async (role) => {
    const { client } = await signedIn(role);
    // The INFO deadlines set to what they already are: allowed or refused, nothing changes.
    const [info] = await query<{ ack: number | null; resolve: number | null }>(
      `select ack_minutes as ack, resolve_minutes as resolve from public.v_alert_deadlines where severity = 'INFO'`,
    );
    const { error } = await client.rpc('set_alert_deadline', {
      p_severity: 'INFO',
      p_ack_minutes: info!.ack as number,
      p_resolve_minutes: info!.resolve as number,
    });
    return error === null;
  },
  'deliveries:retry': async (role) => {
    const { client } = await signedIn(role);
    // No such delivery: an admin passes the role gate and is told it is not failed.
    const { error } = await client.rpc('retry_delivery', { p_id: randomUUID() });
    return error?.hint === 'delivery_not_failed';
  },
  'silences:manage': async (role) => {
    const { client } = await signedIn(role);
    // No such silence: a directeur passes the role gate and is told it does not exist.
    const { error } = await client.rpc('end_alert_silence', { p_silence_id: randomUUID() });
    return error?.hint === 'silence_not_found';
  },
  'review:attest': async (role) => {
    const { client } = await signedIn(role);
    // Not a month (the 15th): the PCA passes the role gate and is told so; nothing is attested.
    const { error } = await client.rpc('attest_review', { p_month: '1999-01-15' });
    return error?.hint === 'attestation_month_invalid';
  },
};

describe('the permission matrix, tried against the database', () => {
  const cases = ROLES.flatMap((role) => (Object.keys(attempts) as Permission[]).map((permission) => [role, permission] as const));
  it.each(cases)('%s: %s', async (role: Role, permission: Permission) => {
    expect(await attempts[permission](role as DemoRole)).toBe(can(role, permission));
  });
});
