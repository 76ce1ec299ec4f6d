import { describe, expect, it } from 'vitest';
import { ACK_MAX_MINUTES, deadlineIssues, formatDuration, parseDuration, RESOLVE_MAX_MINUTES, splitDuration } from './durations';

const fr = { none: 'aucun', min: 'min', h: 'h', d: 'j' };
const nbsp = (text: string) => text.replace(/ (?=min|h|j)/g, '\u00a0');

describe('formatDuration', () => {
  it('reads the defaults as people say them', () => {
    expect(formatDuration(15, fr)).toBe(nbsp('15 min'));
    expect(formatDuration(240, fr)).toBe(nbsp('4 h'));
    expect(formatDuration(1440, fr)).toBe(nbsp('24 h'));
    expect(formatDuration(7 * 1440, fr)).toBe(nbsp('7 j'));
    expect(formatDuration(null, fr)).toBe('aucun');
  });

  it('keeps every unit that is not zero', () => {
    expect(formatDuration(90, fr)).toBe(nbsp('1 h 30 min'));
    expect(formatDuration(2 * 1440 + 60 + 5, fr)).toBe(nbsp('2 j 1 h 5 min'));
    expect(formatDuration(36 * 60, fr)).toBe(nbsp('36 h'));
    expect(formatDuration(0, fr)).toBe(nbsp('0 min'));
  });
});

describe('splitDuration and parseDuration', () => {
  it('splits into the unit formatDuration uses, and parses back', () => {
    for (const minutes of [1, 15, 90, 240, 1440, 2880, 10080, ACK_MAX_MINUTES, RESOLVE_MAX_MINUTES]) {
      const { value, unit } = splitDuration(minutes);
      expect(parseDuration(value, unit)).toBe(minutes);
    }
    expect(splitDuration(1440)).toEqual({ value: '24', unit: 'h' });
    expect(splitDuration(10080)).toEqual({ value: '7', unit: 'd' });
    expect(splitDuration(null)).toEqual({ value: '', unit: 'h' });
  });

  it('reads an empty field as no deadline and refuses what is not whole minutes', () => {
    expect(parseDuration('  ', 'h')).toBeNull();
    expect(parseDuration('1,5', 'h')).toBe(90);
    expect(parseDuration('0.3', 'min')).toBe('invalid');
    expect(parseDuration('0', 'min')).toBe('invalid');
    expect(parseDuration('-5', 'min')).toBe('invalid');
    expect(parseDuration('1e3', 'min')).toBe('invalid');
    expect(parseDuration('douze', 'h')).toBe('invalid');
  });
});

describe('deadlineIssues', () => {
  it('accepts the database’s range and none', () => {
    expect(deadlineIssues(15, 1440)).toEqual({});
    expect(deadlineIssues(null, null)).toEqual({});
    expect(deadlineIssues(ACK_MAX_MINUTES, RESOLVE_MAX_MINUTES)).toEqual({});
    expect(deadlineIssues(60, null)).toEqual({});
  });

  it('refuses out of range values and a resolution due before the acknowledgement', () => {
    expect(deadlineIssues(ACK_MAX_MINUTES + 1, null)).toEqual({ ack: 'ackInvalid' });
    expect(deadlineIssues(null, RESOLVE_MAX_MINUTES + 1)).toEqual({ resolve: 'resolveInvalid' });
    expect(deadlineIssues(0, 10)).toEqual({ ack: 'ackInvalid' });
    expect(deadlineIssues('invalid', 'invalid')).toEqual({ ack: 'ackInvalid', resolve: 'resolveInvalid' });
    expect(deadlineIssues(120, 60)).toEqual({ resolve: 'resolveBeforeAck' });
  });
});
