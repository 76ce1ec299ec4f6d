import { describe, expect, it } from 'vitest';
import { compareVersions, coverageShare, schemaAlignment, versionParts } from './status';

describe('versions', () => {
  it('reads the numeric parts, ignoring a prefix and a suffix', () => {
    expect(versionParts('calc-2.3.0')).toEqual([2, 3, 0]);
    expect(versionParts('1.4.0-beta.2')).toEqual([1, 4, 0]);
    expect(versionParts('20261125130200')).toEqual([20261125130200]);
    expect(versionParts('dev')).toEqual([]);
  });

  it('compares part by part, not as text', () => {
    expect(compareVersions('calc-2.10.0', 'calc-2.9.1')).toBe(1);
    expect(compareVersions('0.0.9', '0.1.0')).toBe(-1);
    expect(compareVersions('2.3.0', '2.3.0')).toBe(0);
    expect(compareVersions('2.3', '2.3.0')).toBe(-1);
  });

  it('aligns the console’s schema with the applied one', () => {
    expect(schemaAlignment('20261125130200', '20261125130200')).toBe('OK');
    expect(schemaAlignment('20261125130200', '20261125120000')).toBe('DB_BEHIND');
    expect(schemaAlignment('20261125130200', '20261201000000')).toBe('DB_AHEAD');
    expect(schemaAlignment('20261125130200', null)).toBe('UNKNOWN');
  });

  it('gives the share of current stamps, null without rows', () => {
    expect(coverageShare(68, 68)).toBe(100);
    expect(coverageShare(2, 3)).toBe(66.7);
    expect(coverageShare(0, 0)).toBeNull();
  });
});
