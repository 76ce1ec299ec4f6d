import { describe, expect, it } from 'vitest';
import { isBlankCharacter, trimNote } from './blank';

const INVISIBLE = [
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u2800',
  '\u3164',
  '\u200c',
  '\u200d',
  '\u202e',
  '\u180e',
  '\u115f',
  '\ufe0f',
  '\u{e0020}',
];

describe('trimNote', () => {
  it.each(INVISIBLE.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
    'treats a note made only of %s (and spaces) as empty',
    (_name, character) => {
      expect(trimNote(character)).toBe('');
      expect(trimNote(` ${character}${character}\n${character} `)).toBe('');
    },
  );

  it('strips blank and invisible characters at both ends only', () => {
    expect(trimNote('\u200b\u00a0 Vérifié sur place\u2060\ufeff ')).toBe('Vérifié sur place');
    expect(trimNote('a\u200bb')).toBe('a\u200bb');
    expect(trimNote('  jauge\u00a0T05  ')).toBe('jauge\u00a0T05');
  });

  it('keeps visible characters of every script, emoji included', () => {
    for (const text of ['ok', 'é', '油', 'ا', '✓', '👍', '\u3000x\u3000']) expect(trimNote(text)).not.toBe('');
  });
});

describe('isBlankCharacter', () => {
  it('says which single characters are blank', () => {
    for (const c of [...INVISIBLE, ' ', '\t', '\u00a0', '\u3000']) expect(isBlankCharacter(c)).toBe(true);
    for (const c of ['a', '0', '.', '-', '_', '\u0301']) expect(isBlankCharacter(c)).toBe(false);
  });
});
