/**
 * What counts as blank in a note: Unicode White_Space, format characters (Cf: zero-width space,
 * word joiner, byte-order mark, soft hyphen, bidirectional controls…), Default_Ignorable_Code_Point
 * (Hangul fillers, variation selectors…) and U+2800 BRAILLE PATTERN BLANK — characters that show
 * nothing, so a note made only of them is empty. The database's private.trim_note() strips the same
 * set (a database test compares the two over every code point). Zod-free: the browser uses it too.
 */
const BLANK = '[\\p{White_Space}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2800]';
const EDGES = new RegExp(`^${BLANK}+|${BLANK}+$`, 'gu');

/** The note without its leading and trailing blank characters ('' when nothing else is left). */
export function trimNote(note: string): string {
  return note.replace(EDGES, '');
}

/** Whether a single character (code point) is blank. */
export function isBlankCharacter(character: string): boolean {
  return new RegExp(`^${BLANK}$`, 'u').test(character);
}
