/**
 * The board's review (issue 16): review_summary(since, until, depot) over a period of its own —
 * January 2020, which nothing else in the stack touches — filled with five alerts whose every time
 * is known, so each figure is checked exactly: counts, medians and p90s, deadlines met, reasons,
 * recurrences, the depot × check heat map; then the same period as Bouaké's directeur (their depot
 * only) and the refusals (a bad period, another depot's code, a non-governance role, anon).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn, signInAs } from './support/clients';
import { closeDb, query, withoutTriggers } from './support/db';
import { BOUAKE_DEPOT_ID, SEED_DEPOT_ID } from './support/fixtures';
import { expectError } from './support/refusals';

const since = '2020-01-01T00:00:00Z';
const until = '2020-02-01T00:00:00Z';
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();

const tank = randomUUID();
const truck = randomUUID();
const ids: string[] = [];

type Seeded = {
  check: string;
  severity: string;
  type: string;
  entity: string;
  depot: string | null;
  first: string;
  ackAfter?: number;
  resolveAfter?: number;
  reason?: string;
  anyway?: boolean;
  countersigned?: boolean;
  occurrence?: number;
};

// Times in seconds after first detection.
const alerts: Seeded[] = [
  // The same tank twice: a recurrence. The first acknowledged in 10 min, resolved in 2 h.
  {
    check: 'STOCK_NEGATIF',
    severity: 'CRITICAL',
    type: 'citerne',
    entity: tank,
    depot: SEED_DEPOT_ID,
    first: '2020-01-05T00:00:00Z',
    ackAfter: 600,
    resolveAfter: 7200,
    reason: 'fixed_at_source',
  },
  // … then again: 30 min, 4 h, resolved while still detected, countersigned.
  {
    check: 'STOCK_NEGATIF',
    severity: 'CRITICAL',
    type: 'citerne',
    entity: tank,
    depot: SEED_DEPOT_ID,
    first: '2020-01-10T00:00:00Z',
    ackAfter: 1800,
    resolveAfter: 14_400,
    reason: 'accepted_risk',
    anyway: true,
    countersigned: true,
    occurrence: 2,
  },
  // Bouaké: acknowledged in 5 h, still open.
  {
    check: 'CDR_ARRIVE_STALE',
    severity: 'WARN',
    type: 'cours_de_route',
    entity: truck,
    depot: BOUAKE_DEPOT_ID,
    first: '2020-01-20T00:00:00Z',
    ackAfter: 18_000,
  },
  // Opened before the period, resolved in it.
  {
    check: 'ECART_15C',
    severity: 'WARN',
    type: 'reception',
    entity: randomUUID(),
    depot: SEED_DEPOT_ID,
    first: '2019-12-20T00:00:00Z',
    ackAfter: 3600,
    resolveAfter: 14 * 86_400,
    reason: 'false_positive',
  },
  // The platform's: never acknowledged.
  {
    check: 'SCHEMA_DRIFT',
    severity: 'CRITICAL',
    type: 'schema',
    entity: `review-test-${randomUUID()}`,
    depot: null,
    first: '2020-01-15T00:00:00Z',
  },
];

let admin: SignedIn;
let bouake: Omit<SignedIn, 'role'>;

beforeAll(async () => {
  [admin, bouake] = await Promise.all([signedIn('admin'), signInAs('directeur.bouake@depot.test')]);
  const actor = admin.userId;
  // Made as the past would have left them: the workflow's triggers only know the present.
  await withoutTriggers(async (run) => {
    for (const a of alerts) {
      const id = randomUUID();
      ids.push(id);
      const status = a.resolveAfter !== undefined ? 'RESOLVED' : a.ackAfter !== undefined ? 'ACK' : 'OPEN';
      await run(
        `insert into public.system_alerts (id, fingerprint, check_code, severity, entity_type, entity_id, message, status,
         first_seen_at, last_seen_at, cleared_at, acknowledged_at, acknowledged_by, ack_note, resolved_at, resolved_by,
         resolution_note, resolution_reason, resolved_while_active, occurrence, depot_id,
         resolution_requested_by, resolution_requested_at, requested_resolution_reason, requested_resolution_note,
         countersigned_by, countersigned_at)
       values ($1, $2 || ':' || $3 || ':' || $4, $2, $5, $3, $4, 'review test', $6, $7, $7, $7,
         $8, case when $8::timestamptz is not null then $9::uuid end, null,
         $10, case when $10::timestamptz is not null then $9::uuid end,
         case when $10::timestamptz is not null then 'review test' end, $11, $12, $13, $14,
         case when $15 then $9::uuid end, case when $15 then $10::timestamptz end,
         case when $15 then $11 end, case when $15 then 'review test' end,
         case when $15 then $16::uuid end, case when $15 then $10::timestamptz end)`,
        [
          id,
          a.check,
          a.type,
          a.entity,
          a.severity,
          status,
          a.first,
          a.ackAfter === undefined ? null : at(a.first, a.ackAfter),
          actor,
          a.resolveAfter === undefined ? null : at(a.first, a.resolveAfter),
          a.reason ?? null,
          a.anyway ?? false,
          a.occurrence ?? 1,
          a.depot,
          a.countersigned ?? false,
          '00000000-0000-4000-8000-000000000008',
        ],
      );
    }
  });
});

afterAll(async () => {
  await withoutTriggers(async (run) => {
    await run('delete from public.system_alert_events where alert_id = any($1::uuid[])', [ids]);
    await run('delete from public.system_alerts where id = any($1::uuid[])', [ids]);
  });
  await closeDb();
});

type Summary = {
  opened: number;
  resolved: number;
  still_open: number;
  resolved_while_active: number;
  countersigned: number;
  times: {
    scope: string;
    check_code: string | null;
    severity: string | null;
    alerts: number;
    acknowledged: number;
    resolved: number;
    ack_p50: number | null;
    ack_p90: number | null;
    resolve_p50: number | null;
    resolve_p90: number | null;
  }[];
  on_time: { severity: string; ack_due: number; ack_on_time: number; resolve_due: number; resolve_on_time: number }[];
  reasons: { reason: string; resolved: number; resolved_while_active: number }[];
  entities: {
    entity_type: string;
    entity_id: string;
    depot_code: string | null;
    alerts: number;
    recurrences: number;
    checks: string[];
  }[];
  heat_map: { depot_code: string | null; check_code: string; alerts: number; critical: number }[];
};

async function summary(user: { client: SignedIn['client'] }, depot?: string): Promise<Summary> {
  const { data, error } = await user.client.rpc('review_summary', { p_since: since, p_until: until, p_depot: depot ?? null });
  expect(error).toBeNull();
  return data as Summary;
}

describe('review_summary, head office, every depot', () => {
  it('counts what opened, resolved and stayed open, and the four-eyes and « quand même » cases', async () => {
    const s = await summary(admin);
    expect(s).toMatchObject({ opened: 4, resolved: 3, still_open: 2, resolved_while_active: 1, countersigned: 1 });
  });

  it('gives medians and 90th percentiles overall, by severity and by check', async () => {
    const { times } = await summary(admin);
    const all = times.find((t) => t.scope === 'all');
    // Acknowledged: 600, 1800, 18 000 s; resolved: 7 200, 14 400 s (percentile_cont interpolates).
    expect(all).toMatchObject({
      alerts: 4,
      acknowledged: 3,
      resolved: 2,
      ack_p50: 1800,
      ack_p90: 14_760,
      resolve_p50: 10_800,
      resolve_p90: 13_680,
    });
    expect(times.find((t) => t.scope === 'severity' && t.severity === 'CRITICAL')).toMatchObject({
      alerts: 3,
      acknowledged: 2,
      ack_p50: 1200,
    });
    expect(times.find((t) => t.scope === 'check' && t.check_code === 'SCHEMA_DRIFT')).toMatchObject({
      alerts: 1,
      ack_p50: null,
      resolve_p50: null,
    });
    expect(times.filter((t) => t.scope === 'check')).toHaveLength(3);
  });

  it('judges the deadlines met with the deadlines in force', async () => {
    const [critical] = await query<{ ack: number; resolve: number }>(
      `select extract(epoch from ack_within)::int as ack, extract(epoch from resolve_within)::int as resolve
       from public.alert_deadlines where severity = 'CRITICAL'`,
    );
    const { on_time } = await summary(admin);
    const opened = alerts.filter((a) => a.severity === 'CRITICAL' && a.first >= since);
    expect(on_time.find((row) => row.severity === 'CRITICAL')).toEqual({
      severity: 'CRITICAL',
      // Every step fell due long before the period's end (or was done).
      ack_due: opened.length,
      ack_on_time: opened.filter((a) => a.ackAfter !== undefined && a.ackAfter <= critical!.ack).length,
      resolve_due: opened.length,
      resolve_on_time: opened.filter((a) => a.resolveAfter !== undefined && a.resolveAfter <= critical!.resolve).length,
    });
  });

  it('lists resolutions by reason, the most recurrent objects and the depot × check heat map', async () => {
    const s = await summary(admin);
    expect(s.reasons).toEqual(
      expect.arrayContaining([
        { reason: 'accepted_risk', resolved: 1, resolved_while_active: 1 },
        { reason: 'fixed_at_source', resolved: 1, resolved_while_active: 0 },
        { reason: 'false_positive', resolved: 1, resolved_while_active: 0 },
      ]),
    );
    expect(s.reasons).toHaveLength(3);
    expect(s.entities[0]).toMatchObject({
      entity_type: 'citerne',
      entity_id: tank,
      depot_code: 'VRIDI',
      alerts: 2,
      recurrences: 1,
      checks: ['STOCK_NEGATIF'],
    });
    expect(s.entities).toHaveLength(3);
    expect(s.heat_map).toEqual([
      { depot_code: 'BOUAKE', check_code: 'CDR_ARRIVE_STALE', alerts: 1, critical: 0 },
      { depot_code: 'VRIDI', check_code: 'STOCK_NEGATIF', alerts: 2, critical: 2 },
      { depot_code: null, check_code: 'SCHEMA_DRIFT', alerts: 1, critical: 1 },
    ]);
  });

  it('narrows to one depot by its code', async () => {
    const s = await summary(admin, 'BOUAKE');
    expect(s).toMatchObject({ opened: 1, resolved: 0, still_open: 1 });
    expect(s.heat_map).toEqual([{ depot_code: 'BOUAKE', check_code: 'CDR_ARRIVE_STALE', alerts: 1, critical: 0 }]);
  });
});

describe("review_summary, a depot's directeur", () => {
  it('sees their depot only, whatever they ask', async () => {
    const s = await summary(bouake);
    expect(s).toMatchObject({ opened: 1, resolved: 0, still_open: 1, countersigned: 0 });
    expect(s.entities.map((e) => e.entity_id)).toEqual([truck]);
    expect(s.heat_map.map((cell) => cell.depot_code)).toEqual(['BOUAKE']);
    expectError(
      await bouake.client.rpc('review_summary', { p_since: since, p_until: until, p_depot: 'VRIDI' }),
      '22023',
      'depot_not_found',
    );
  });
});

describe('review_summary refuses', () => {
  it('a period that ends before it starts, or lasts over 400 days, and an unknown depot', async () => {
    expectError(await admin.client.rpc('review_summary', { p_since: until, p_until: since }), '22023', 'period_invalid');
    expectError(
      await admin.client.rpc('review_summary', { p_since: '2019-01-01T00:00:00Z', p_until: '2020-03-01T00:00:00Z' }),
      '22023',
      'period_invalid',
    );
    expectError(
      await admin.client.rpc('review_summary', { p_since: since, p_until: until, p_depot: 'NOWHERE' }),
      '22023',
      'depot_not_found',
    );
  });

  it('every role without governance, and anon', async () => {
    const operateur = await signedIn('operateur');
    expectError(await operateur.client.rpc('review_summary', { p_since: since, p_until: until }), '42501', 'governance_only');
    expectError(await anonClient().rpc('review_summary', { p_since: since, p_until: until }), '42501');
  });
});
