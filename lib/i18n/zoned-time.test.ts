import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from './zoned-time';

describe('wall-clock times in a time zone', () => {
  it('reads a local time in Kinshasa (UTC+1, no daylight saving) as the instant an hour earlier in UTC', () => {
    expect(zonedToInstant('2026-12-05T08:30', 'Africa/Kinshasa').toISOString()).toBe('2026-12-05T07:30:00.000Z');
    expect(instantToZoned(new Date('2026-12-05T07:30:59Z'), 'Africa/Kinshasa')).toBe('2026-12-05T08:30');
  });

  it('follows daylight saving: the same wall time is a different offset in winter and summer', () => {
    expect(zonedToInstant('2026-01-15T12:00', 'Europe/Paris').toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(zonedToInstant('2026-07-15T12:00', 'Europe/Paris').toISOString()).toBe('2026-07-15T10:00:00.000Z');
    expect(instantToZoned(new Date('2026-07-15T10:00:00Z'), 'Europe/Paris')).toBe('2026-07-15T12:00');
  });

  it('refuses a time the clocks skip (Paris, 29 March 2026, 02:30 does not exist)', () => {
    expect(Number.isNaN(zonedToInstant('2026-03-29T02:30', 'Europe/Paris').getTime())).toBe(true);
    expect(zonedToInstant('2026-03-29T03:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('round-trips, and refuses what is not a wall-clock time', () => {
    const at = new Date('2026-03-29T00:45:00Z');
    expect(zonedToInstant(instantToZoned(at, 'Europe/Paris'), 'Europe/Paris').toISOString()).toBe(at.toISOString());
    for (const bad of ['', '2026-12-05', '2026-12-05 08:30', '2026-13-05T08:30', '2026-02-31T10:00', '2026-12-05T24:00', 'demain']) {
      expect(Number.isNaN(zonedToInstant(bad, 'Africa/Kinshasa').getTime()), bad).toBe(true);
    }
  });
});
