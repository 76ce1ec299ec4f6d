import { describe, expect, it } from 'vitest';
import { HOME_PATH, safeNextPath } from './redirect';

describe('safeNextPath', () => {
  it.each([
    ['/governance/alerts?status=OPEN&q=T05', '/governance/alerts?status=OPEN&q=T05'],
    ['/governance', '/governance'],
    ['/governance/alerts/3f1c2d4e-0000-4000-8000-000000000001', '/governance/alerts/3f1c2d4e-0000-4000-8000-000000000001'],
    // Harmless dot segments inside the console resolve to the page they name.
    ['/governance/audit/../alerts', '/governance/alerts'],
    ['/governance/alerts#top', '/governance/alerts'],
  ])('keeps the console page %s', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['an http URL', 'http://evil.example'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['a backslash trick', '/\\evil.example'],
    ['backslashes only', '\\\\evil.example'],
    ['an encoded backslash', '/%5cevil.example'],
    ['an encoded slash', '/%2fevil.example'],
    ['an encoded slash, upper case', '/%2F%2Fevil.example'],
    ['a dot segment before two slashes', '/.//evil.example'],
    ['a parent segment before two slashes', '/..//evil.example'],
    ['an encoded dot', '/%2e//evil.example'],
    ['an encoded dot, upper case', '/%2E//evil.example'],
    ['two encoded dots', '/%2e%2e//evil.example'],
    ['a segment then its parent', '/a/..//evil.example'],
    ['a governance page then parents', '/governance/../..//evil.example'],
    ['a tab between the slashes', '/\t/evil.example'],
    ['a newline between the slashes', '/\n/evil.example'],
    ['a carriage return between the slashes', '/\r/evil.example'],
    ['a leading tab', '\t//evil.example'],
    ['a NUL byte', '/governance/\u0000'],
    ['a page outside the console', '/api/audit/export?format=csv'],
    ['the sign-in page itself', '/sign-in?next=/governance'],
    ['a path that only starts like the console', '/governanceevil'],
    ['nothing', undefined],
    ['an empty string', ''],
    ['a number', 42],
  ])('replaces %s with the home page', (_label, value) => {
    expect(safeNextPath(value)).toBe(HOME_PATH);
  });

  it('never returns anything a browser would read as another host', () => {
    const prefixes = ['/', '/.', '/..', '/%2e', '/a/..', '/governance/..', '/governance/../..'];
    const joins = ['/', '//', '/./', '\t/', '%2f', '\\', '/%2e/'];
    for (const prefix of prefixes) {
      for (const join of joins) {
        const result = safeNextPath(`${prefix}${join}evil.example/x`);
        expect(new URL(result, 'https://console.example').host, `${prefix}${join}`).toBe('console.example');
        expect(result.startsWith('/governance')).toBe(true);
      }
    }
  });
});
