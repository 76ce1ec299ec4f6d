import { describe, expect, it } from 'vitest';
import { alertDeadline, secondsLeft, type SeverityDeadline } from './deadline';

const deadlines: SeverityDeadline[] = [
  { severity: 'CRITICAL', ack_minutes: 15, resolve_minutes: 1440 },
  { severity: 'WARN', ack_minutes: null, resolve_minutes: 10080 },
  { severity: 'INFO', ack_minutes: null, resolve_minutes: null },
];
const firstSeen = '2026-12-02T10:00:00.000Z';

describe('alertDeadline', () => {
  it('asks an OPEN alert to be acknowledged and an acknowledged one to be resolved, from its first detection', () => {
    expect(alertDeadline({ status: 'OPEN', severity: 'CRITICAL', first_seen_at: firstSeen }, deadlines)).toEqual({
      step: 'ack',
      dueAt: '2026-12-02T10:15:00.000Z',
    });
    expect(alertDeadline({ status: 'ACK', severity: 'CRITICAL', first_seen_at: firstSeen }, deadlines)).toEqual({
      step: 'resolve',
      dueAt: '2026-12-03T10:00:00.000Z',
    });
  });

  it('falls back to the resolution deadline when there is none to acknowledge, and has none when nothing is set', () => {
    expect(alertDeadline({ status: 'OPEN', severity: 'WARN', first_seen_at: firstSeen }, deadlines)?.step).toBe('resolve');
    expect(alertDeadline({ status: 'OPEN', severity: 'INFO', first_seen_at: firstSeen }, deadlines)).toBeNull();
    expect(alertDeadline({ status: 'OPEN', severity: 'CRITICAL', first_seen_at: firstSeen }, [])).toBeNull();
  });

  it('has none for a resolved alert or an unreadable date', () => {
    expect(alertDeadline({ status: 'RESOLVED', severity: 'CRITICAL', first_seen_at: firstSeen }, deadlines)).toBeNull();
    expect(alertDeadline({ status: 'OPEN', severity: 'CRITICAL', first_seen_at: 'soon' }, deadlines)).toBeNull();
    expect(alertDeadline({ status: 'OPEN', severity: 'CRITICAL', first_seen_at: null }, deadlines)).toBeNull();
  });
});

describe('secondsLeft', () => {
  it('is positive before the deadline and negative after it', () => {
    const deadline = { step: 'ack' as const, dueAt: '2026-12-02T10:15:00.000Z' };
    expect(secondsLeft(deadline, Date.parse('2026-12-02T10:05:00Z'))).toBe(600);
    expect(secondsLeft(deadline, Date.parse('2026-12-02T11:15:00Z'))).toBe(-3600);
  });
});
