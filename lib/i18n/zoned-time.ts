/**
 * Wall-clock times in the depot's time zone and the instants they name, with the platform's Intl
 * data only (no time-zone library for two conversions): a day's start for the audit filters, the
 * end of a snooze typed in a `datetime-local` field.
 */

/** The offset of `timeZone` from UTC at `at`, in milliseconds (local − UTC). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const part = (type: string) => Number(parts[type] ?? 0);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * A wall-clock time `YYYY-MM-DDTHH:mm` in `timeZone`, as a UTC instant; a NaN date when it is
 * unreadable or names no instant there (31 February, 24:00, a time the clocks skip in spring).
 */
export function zonedToInstant(local: string, timeZone: string): Date {
  const asUtc = Date.parse(`${local}:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) || Number.isNaN(asUtc)) return new Date(Number.NaN);
  // The offset at the time read as UTC, then at the instant that gives: on a day the clocks change,
  // the two differ.
  const guess = asUtc - zoneOffsetMs(new Date(asUtc), timeZone);
  const instant = new Date(asUtc - zoneOffsetMs(new Date(guess), timeZone));
  // Date.parse rolls impossible dates over (31 February → 3 March): only a time that reads back
  // the same is one.
  return instantToZoned(instant, timeZone) === local ? instant : new Date(Number.NaN);
}

/** An instant as `YYYY-MM-DDTHH:mm` in `timeZone`: the value a `datetime-local` field shows. */
export function instantToZoned(at: Date, timeZone: string): string {
  const shifted = new Date(Math.floor(at.getTime() / 60_000) * 60_000 + zoneOffsetMs(at, timeZone));
  return shifted.toISOString().slice(0, 16);
}
