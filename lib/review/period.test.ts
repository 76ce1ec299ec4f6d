import { describe, expect, it } from 'vitest';
import { parseReviewSelection, previousMonth, reviewBounds, reviewSelectionToQuery } from './period';

const zone = 'Africa/Kinshasa'; // UTC+1, no daylight saving
const now = new Date('2026-12-03T16:00:00Z');

describe('the review selection in the URL', () => {
  it('defaults to the last 30 days, and drops what it cannot read', () => {
    expect(parseReviewSelection({})).toEqual({ period: '30d' });
    expect(parseReviewSelection({ period: '12d', month: '2026-13', from: 'hier', depot: "x' or 1=1" })).toEqual({ period: '30d' });
  });

  it('round-trips each kind of period, keeping only the fields it uses', () => {
    for (const query of ['?period=7d', '?period=month&month=2026-11&depot=BOUAKE', '?period=custom&from=2026-11-01&to=2026-11-15', '']) {
      expect(reviewSelectionToQuery(parseReviewSelection(new URLSearchParams(query)))).toBe(query);
    }
    expect(reviewSelectionToQuery({ period: '90d', month: '2026-11', from: '2026-11-01' })).toBe('?period=90d');
  });
});

describe('the instants a selection names', () => {
  it('a rolling period ends now', () => {
    const result = reviewBounds({ period: '7d' }, now, zone);
    expect(result).toMatchObject({ ok: true, bounds: { until: now, since: new Date('2026-11-26T16:00:00Z'), lastDay: '2026-12-03' } });
  });

  it('a month runs from its first day to the next month’s, at midnight in the depot’s zone', () => {
    expect(reviewBounds({ period: 'month', month: '2026-11' }, now, zone)).toEqual({
      ok: true,
      bounds: {
        since: new Date('2026-10-31T23:00:00Z'),
        until: new Date('2026-11-30T23:00:00Z'),
        firstDay: '2026-11-01',
        lastDay: '2026-11-30',
      },
    });
    expect(reviewBounds({ period: 'month', month: '2026-12' }, now, zone)).toMatchObject({ ok: true, bounds: { lastDay: '2026-12-31' } });
    // No month chosen: the last one, which the board reviews.
    expect(reviewBounds({ period: 'month' }, now, zone)).toMatchObject({ ok: true, bounds: { firstDay: '2026-11-01' } });
    expect(previousMonth(new Date('2027-01-05T12:00:00Z'), zone)).toBe('2026-12');
    expect(reviewBounds({ period: 'month', month: '2027-01' }, now, zone)).toEqual({ ok: false, reason: 'future' });
  });

  it('a custom period includes both days and refuses what names no period', () => {
    expect(reviewBounds({ period: 'custom', from: '2026-11-01', to: '2026-11-15' }, now, zone)).toMatchObject({
      ok: true,
      bounds: { since: new Date('2026-10-31T23:00:00Z'), until: new Date('2026-11-15T23:00:00Z') },
    });
    expect(reviewBounds({ period: 'custom', from: '2026-11-15', to: '2026-11-01' }, now, zone)).toEqual({ ok: false, reason: 'order' });
    expect(reviewBounds({ period: 'custom', from: '2025-01-01', to: '2026-11-01' }, now, zone)).toEqual({
      ok: false,
      reason: 'too_long',
    });
    expect(reviewBounds({ period: 'custom', from: '2026-12-10', to: '2026-12-12' }, now, zone)).toEqual({ ok: false, reason: 'future' });
    expect(reviewBounds({ period: 'custom', from: '2026-02-30', to: '2026-03-02' }, now, zone)).toEqual({
      ok: false,
      reason: 'incomplete',
    });
    expect(reviewBounds({ period: 'custom', from: '2026-11-01' }, now, zone)).toEqual({ ok: false, reason: 'incomplete' });
    expect(reviewBounds({ period: 'custom', from: '1900-01-01', to: '1900-01-02' }, now, zone)).toEqual({
      ok: false,
      reason: 'incomplete',
    });
    expect(reviewBounds({ period: 'month', month: '1900-01' }, now, zone)).toEqual({ ok: false, reason: 'incomplete' });
    // A midnight the clocks skip (Asunción, 1 October 2023): no instant, no period — not a crash.
    expect(reviewBounds({ period: 'month', month: '2023-10' }, now, 'America/Asuncion')).toEqual({ ok: false, reason: 'incomplete' });
  });
});
