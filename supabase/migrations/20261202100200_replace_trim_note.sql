-- Replaces: private.trim_note(text) (20261125100400_create_system_alerts.sql)
--
-- A note made only of invisible characters is no note. trim_note used to strip only spaces, tabs,
-- line breaks and two no-break spaces, so a resolution "note" of U+200B (zero-width space), U+2060,
-- U+FEFF, U+00AD (soft hyphen), U+2800 (braille blank) or U+3164 (Hangul filler) passed as written.
-- Now it strips, at both ends, every character that is Unicode White_Space, a format character (Cf)
-- or a Default_Ignorable_Code_Point, and U+2800 — the same set as `lib/text/blank.ts`
-- (`/[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u`); a database test compares
-- the two over every code point. Characters inside a note are kept as written.

create or replace function private.trim_note(note text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select nullif(regexp_replace(note,
    '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u2800\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]+|[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u2800\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]+$',
    '', 'g'), '')
$$;

comment on function private.trim_note(text) is
  'A note without its leading and trailing blank or invisible characters (see lib/text/blank.ts), or null when nothing is left.';

-- Notes accepted before this change that are now empty: an acknowledgement note becomes null; a
-- resolution note (required) says what it was. The ledger keeps the characters as they were written.
update public.system_alerts set ack_note = null
where ack_note is not null and private.trim_note(ack_note) is null;
update public.system_alerts set resolution_note = '(note sans caractère visible)'
where resolution_note is not null and private.trim_note(resolution_note) is null;
