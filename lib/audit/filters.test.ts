import { describe, expect, it } from 'vitest';
import {
  addDays,
  auditFiltersToQuery,
  depotToday,
  exportedFilters,
  parseAuditFilters,
  parseExportQuery,
  periodBounds,
  startOfDepotDay,
} from './filters';

const NOW = new Date('2026-11-25T17:00:00Z');
/** A zone on UTC, so the expected days read as the instants do; other zones are tested below. */
const ZONE = 'Africa/Abidjan';
const UUID = '00000000-0000-4000-8000-000000000002';

describe('parseAuditFilters (the page)', () => {
  it('defaults to the last 30 days, up to today in the depot', () => {
    expect(parseAuditFilters({}, ZONE, NOW)).toEqual({ from: '2026-10-26', to: '2026-11-25', timeZone: ZONE });
  });

  it('keeps valid values', () => {
    expect(
      parseAuditFilters(
        { from: '2026-11-01', to: '2026-11-20', actor: UUID, check: 'STOCK_NEGATIF', type: 'resolved', before: '120' },
        ZONE,
        NOW,
      ),
    ).toEqual({
      from: '2026-11-01',
      to: '2026-11-20',
      timeZone: ZONE,
      actor: UUID,
      check: 'STOCK_NEGATIF',
      type: 'resolved',
      before: 120,
    });
  });

  it('accepts the system actor and lower-cases a UUID', () => {
    expect(parseAuditFilters({ actor: 'system' }, ZONE, NOW).actor).toBe('system');
    expect(parseAuditFilters({ actor: UUID.toUpperCase() }, ZONE, NOW).actor).toBe(UUID);
  });

  it('treats empty form fields as no filter', () => {
    expect(parseAuditFilters({ from: '', to: '', actor: '', check: '', type: '', before: '' }, ZONE, NOW)).toEqual({
      from: '2026-10-26',
      to: '2026-11-25',
      timeZone: ZONE,
    });
  });

  it('falls back to the defaults for values it cannot read', () => {
    expect(
      parseAuditFilters(
        {
          from: '2026-02-30',
          to: 'demain',
          actor: "admin' or 1=1",
          check: 'stock_negatif;drop',
          type: 'deleted',
          before: '-3',
        },
        ZONE,
        NOW,
      ),
    ).toEqual({ from: '2026-10-26', to: '2026-11-25', timeZone: ZONE });
    expect(parseAuditFilters({ before: '1e3' }, ZONE, NOW).before).toBeUndefined();
    expect(parseAuditFilters({ before: '0' }, ZONE, NOW).before).toBeUndefined();
    expect(parseAuditFilters({ from: '1899-01-01' }, ZONE, NOW).from).toBe('2026-10-26');
  });

  it('reads the first of repeated parameters and URLSearchParams alike', () => {
    expect(parseAuditFilters({ type: ['cleared', 'opened'] }, ZONE, NOW).type).toBe('cleared');
    expect(parseAuditFilters(new URLSearchParams('type=opened&from=2026-11-02'), ZONE, NOW)).toEqual({
      from: '2026-11-02',
      to: '2026-11-25',
      timeZone: ZONE,
      type: 'opened',
    });
  });

  it('keeps a depot’s code, and drops one that is not a code', () => {
    expect(parseAuditFilters({ depot: 'BOUAKE' }, ZONE, NOW).depot).toBe('BOUAKE');
    expect(parseAuditFilters({ depot: "bouake' or 1=1" }, ZONE, NOW).depot).toBeUndefined();
    expect(auditFiltersToQuery({ from: '2026-11-01', to: '2026-11-25', depot: 'BOUAKE' })).toBe(
      '?from=2026-11-01&to=2026-11-25&depot=BOUAKE',
    );
    const exported = parseExportQuery(new URLSearchParams('format=csv&depot=BOUAKE'), ZONE, NOW);
    expect(exported).toMatchObject({ ok: true, value: { filters: { depot: 'BOUAKE' } } });
    expect(exportedFilters(exported.ok ? exported.value.filters : null)).toMatchObject({ depot: 'BOUAKE' });
    expect(parseExportQuery(new URLSearchParams('format=csv&depot=b%20b'), ZONE, NOW).ok).toBe(false);
  });

  it('exchanges an end date that precedes the start date, and says so', () => {
    expect(parseAuditFilters({ from: '2026-11-20', to: '2026-11-01' }, ZONE, NOW)).toEqual({
      from: '2026-11-01',
      to: '2026-11-20',
      timeZone: ZONE,
      swapped: true,
    });
  });

  it('completes a half-open period', () => {
    expect(parseAuditFilters({ to: '2026-06-30' }, ZONE, NOW)).toEqual({ from: '2026-05-31', to: '2026-06-30', timeZone: ZONE });
    expect(parseAuditFilters({ from: '2026-11-10' }, ZONE, NOW)).toEqual({ from: '2026-11-10', to: '2026-11-25', timeZone: ZONE });
    // A start in the future is a one-day period, not a reversed one.
    expect(parseAuditFilters({ from: '2026-12-05' }, ZONE, NOW)).toEqual({ from: '2026-12-05', to: '2026-12-05', timeZone: ZONE });
  });
});

describe('parseExportQuery (the route)', () => {
  it('needs a known format', () => {
    expect(parseExportQuery(new URLSearchParams('from=2026-11-01'), ZONE, NOW).ok).toBe(false);
    expect(parseExportQuery(new URLSearchParams('format=xml'), ZONE, NOW).ok).toBe(false);
    expect(parseExportQuery(new URLSearchParams('format=csv'), ZONE, NOW)).toEqual({
      ok: true,
      value: { format: 'csv', filters: { from: '2026-10-26', to: '2026-11-25', timeZone: ZONE } },
    });
  });

  it('refuses nonsense instead of guessing, and names the field', () => {
    const result = parseExportQuery(new URLSearchParams('format=jsonl&from=2026-13-01&type=deleted'), ZONE, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.field).sort()).toEqual(['from', 'type']);
    expect(parseExportQuery(new URLSearchParams('format=jsonl&actor=bob'), ZONE, NOW).ok).toBe(false);
    expect(parseExportQuery(new URLSearchParams('format=jsonl&check=a,b'), ZONE, NOW).ok).toBe(false);
  });

  it('accepts empty fields and a reversed period (exchanged)', () => {
    const result = parseExportQuery(new URLSearchParams('format=jsonl&from=2026-11-20&to=2026-11-01&actor=&type='), ZONE, NOW);
    expect(result).toEqual({ ok: true, value: { format: 'jsonl', filters: { from: '2026-11-01', to: '2026-11-20', timeZone: ZONE } } });
  });

  it('exports the whole ledger with scope=all, which takes no filters', () => {
    expect(parseExportQuery(new URLSearchParams('format=csv&scope=all&from=&type='), ZONE, NOW)).toEqual({
      ok: true,
      value: { format: 'csv', filters: null },
    });
    const result = parseExportQuery(new URLSearchParams('format=csv&scope=all&from=2026-11-01&check=ECART_15C'), ZONE, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.field).sort()).toEqual(['check', 'from']);
    expect(parseExportQuery(new URLSearchParams('format=csv&scope=some'), ZONE, NOW).ok).toBe(false);
    expect(exportedFilters(null)).toEqual({});
  });

  it('records only the filters set', () => {
    expect(exportedFilters({ from: '2026-11-01', to: '2026-11-25', timeZone: 'Africa/Kinshasa', type: 'resolved' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-25',
      time_zone: 'Africa/Kinshasa',
      type: 'resolved',
    });
  });

  it('ignores the page cursor', () => {
    const result = parseExportQuery(new URLSearchParams('format=csv&before=12'), ZONE, NOW);
    expect(result.ok && result.value.filters?.before).toBeFalsy();
  });
});

describe('dates and the URL', () => {
  it('computes today and day arithmetic in calendar days', () => {
    expect(depotToday(new Date('2026-11-25T23:59:59Z'), ZONE)).toBe('2026-11-25');
    expect(depotToday(new Date('2026-11-25T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-26');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('turns a period into a half-open UTC range covering whole depot days', () => {
    expect(periodBounds({ from: '2026-11-01', to: '2026-11-25', timeZone: ZONE })).toEqual({
      gte: '2026-11-01T00:00:00.000Z',
      lt: '2026-11-26T00:00:00.000Z',
    });
    // Another zone (summer time in Paris): midnight local is 22:00 UTC the day before.
    expect(startOfDepotDay('2026-07-14', 'Europe/Paris').toISOString()).toBe('2026-07-13T22:00:00.000Z');
    // Days the clocks change, where the offset at UTC midnight is not the one at local midnight.
    expect(startOfDepotDay('2026-04-05', 'Pacific/Auckland').toISOString()).toBe('2026-04-04T11:00:00.000Z');
    expect(startOfDepotDay('2026-09-27', 'Pacific/Auckland').toISOString()).toBe('2026-09-26T12:00:00.000Z');
    expect(startOfDepotDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDepotDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('writes filters back as a query, the period always included', () => {
    expect(auditFiltersToQuery({ from: '2026-11-01', to: '2026-11-25' })).toBe('?from=2026-11-01&to=2026-11-25');
    expect(
      auditFiltersToQuery(
        { from: '2026-11-01', to: '2026-11-25', actor: 'system', type: 'cleared', check: 'ECART_15C', before: 40 },
        { format: 'csv' },
      ),
    ).toBe('?format=csv&from=2026-11-01&to=2026-11-25&actor=system&check=ECART_15C&type=cleared&before=40');
  });

  it('round-trips through the parser', () => {
    const filters = { from: '2026-11-01', to: '2026-11-25', timeZone: ZONE, actor: UUID, check: 'ECART_15C', type: 'opened' as const };
    expect(parseAuditFilters(new URLSearchParams(auditFiltersToQuery(filters)), ZONE, NOW)).toEqual(filters);
  });
});
