import { describe, expect, it } from 'vitest';
import { HOME_PATH, safeNextPath } from './redirect';

describe('safeNextPath', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeNextPath('/governance/alerts?status=OPEN&q=T05')).toBe('/governance/alerts?status=OPEN&q=T05');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash trick', '/\\evil.example'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['the sign-in page itself', '/sign-in?next=/x'],
    ['nothing', undefined],
  ])('replaces %s with the home page', (_label, value) => {
    expect(safeNextPath(value)).toBe(HOME_PATH);
  });
});
