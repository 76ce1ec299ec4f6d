import { describe, expect, it } from 'vitest';
import { governanceOverviewSchema, integrityChecksSchema } from './schemas';

// The shape governance_overview(30) returns on the demo stack (trend shortened).
const overviewPayload = {
  days: 30,
  trend: [
    { day: '2026-11-23', opened: 0, resolved: 0 },
    { day: '2026-11-24', opened: 3, resolved: 1 },
    { day: '2026-11-25', opened: 42, resolved: 8 },
  ],
  checks: [
    { count: 2, severity: 'WARN', check_code: 'CDR_ARRIVE_STALE' },
    { count: 3, severity: 'WARN', check_code: 'ECART_15C' },
    { count: 2, severity: 'CRITICAL', check_code: 'STOCK_NEGATIF' },
    { count: 2, severity: 'CRITICAL', check_code: 'STOCK_OVER_CAPACITY' },
  ],
  by_status: { ACK: 9, OPEN: 25, RESOLVED: 8 },
  generated_at: '2026-11-25T16:51:23.133045+00:00',
  last_sync_at: '2026-11-25T16:51:00.5+00:00',
  active_by_severity: { INFO: 0, WARN: 7, CRITICAL: 27 },
  silenced_active: 3,
  silences_running: 1,
  awaiting_countersign: 2,
  mean_seconds_to_ack: 5400,
  mean_seconds_to_resolve: null,
};

describe('governance_overview payload', () => {
  it('parses the RPC JSON into the typed overview, most severe checks first', () => {
    const overview = governanceOverviewSchema.parse(overviewPayload);
    expect(overview.generatedAt).toBe('2026-11-25T16:51:23.133045+00:00');
    expect(overview.lastSyncAt).toBe('2026-11-25T16:51:00.5+00:00');
    expect(overview.activeBySeverity).toEqual({ CRITICAL: 27, WARN: 7, INFO: 0 });
    expect([overview.silencedActive, overview.silencesRunning]).toEqual([3, 1]);
    expect(overview.byStatus).toEqual({ OPEN: 25, ACK: 9, RESOLVED: 8 });
    expect(overview.checks.map((row) => `${row.severity} ${row.checkCode} ${row.count}`)).toEqual([
      'CRITICAL STOCK_NEGATIF 2',
      'CRITICAL STOCK_OVER_CAPACITY 2',
      'WARN CDR_ARRIVE_STALE 2',
      'WARN ECART_15C 3',
    ]);
    expect(overview.meanSecondsToAck).toBe(5400);
    expect(overview.meanSecondsToResolve).toBeNull();
    expect(overview.trend.at(-1)).toEqual({ day: '2026-11-25', opened: 42, resolved: 8 });
  });

  it('reads a null trend as no days', () => {
    expect(governanceOverviewSchema.parse({ ...overviewPayload, trend: null }).trend).toEqual([]);
  });

  it('rejects a malformed payload instead of showing wrong figures', () => {
    const malformed = {
      ...overviewPayload,
      active_by_severity: { CRITICAL: '27', WARN: 7 },
      checks: [{ check_code: 'STOCK_NEGATIF', severity: 'URGENT', count: -1 }],
      trend: [{ day: '25/11/2026', opened: 1, resolved: 0 }],
    };
    const result = governanceOverviewSchema.safeParse(malformed);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'active_by_severity.CRITICAL',
        'active_by_severity.INFO',
        'checks.0.severity',
        'checks.0.count',
        'trend.0.day',
      ]),
    );
    expect(governanceOverviewSchema.safeParse(null).success).toBe(false);
    expect(governanceOverviewSchema.safeParse({ ...overviewPayload, mean_seconds_to_ack: -3 }).success).toBe(false);
  });
});

describe('detected anomalies (alerts not cleared)', () => {
  const row = (checkCode: string, severity: string, entityId: string) => ({
    id: '0f1e2d3c-4b5a-4697-8877-665544332211',
    check_code: checkCode,
    severity,
    entity_type: 'citerne',
    entity_id: entityId,
    message: 'Citerne T05 (Super sans plomb) : stock négatif',
    details: { citerne: 'T05', stock_ambiant: -1250 },
    status: 'ACK',
    first_seen_at: '2026-11-25T16:51:23.052+00:00',
  });

  it('keeps the database order and maps the alert to its anomaly', () => {
    const rows = integrityChecksSchema.parse([row('STOCK_NEGATIF', 'CRITICAL', 'b'), row('ECART_15C', 'WARN', 'a')]);
    expect(rows.map((r) => `${r.checkCode}/${r.entityId}`)).toEqual(['STOCK_NEGATIF/b', 'ECART_15C/a']);
    expect(rows[0]).toMatchObject({
      alertId: '0f1e2d3c-4b5a-4697-8877-665544332211',
      status: 'ACK',
      details: { citerne: 'T05', stock_ambiant: -1250 },
    });
  });

  it('rejects rows with a missing code, an unknown severity or status', () => {
    expect(integrityChecksSchema.safeParse([{ ...row('X', 'WARN', 'a'), check_code: null }]).success).toBe(false);
    expect(integrityChecksSchema.safeParse([row('X', 'SEVERE', 'a')]).success).toBe(false);
    expect(integrityChecksSchema.safeParse([{ ...row('X', 'WARN', 'a'), status: 'CLOSED' }]).success).toBe(false);
  });
});
