import type { Locale } from './dictionaries';

/**
 * Locale-aware formatting of numbers, volumes and dates (durations: ./format-duration). Pure: the
 * server and the browser produce the same text, so hydration never disagrees.
 *
 * IMPORTANT: times are shown in the depot's time zone, not the viewer's, so every reviewer reads
 * the same clock and server-rendered text matches the browser's.
 */
export const DEPOT_TIME_ZONE = 'Africa/Abidjan';

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits }).format(value);
}

/** A volume in litres with thousands separators: « 12 500 L ». */
export function formatLitres(value: number, locale: Locale): string {
  return `${formatNumber(value, locale)} L`;
}

export function formatDateTime(value: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: DEPOT_TIME_ZONE,
  }).format(new Date(value));
}

export function formatDate(value: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { day: 'numeric', month: 'short', timeZone: DEPOT_TIME_ZONE }).format(
    new Date(value),
  );
}

export function formatTime(value: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { hour: '2-digit', minute: '2-digit', timeZone: DEPOT_TIME_ZONE }).format(
    new Date(value),
  );
}

const MINUTES_IN_DAY = 1440;
const MINUTES_IN_MONTH = 43_200;
const MINUTES_IN_YEAR = 525_600;

/**
 * « il y a 3 heures » / « 3 hours ago », relative to `now`: the unit and the rounding of date-fns'
 * `formatDistanceStrict`, the words of `Intl.RelativeTimeFormat` (the browser bundle carries no
 * date library for this).
 */
export function formatRelative(value: string | Date, now: Date, locale: Locale): string {
  const date = new Date(value);
  const future = date.getTime() > now.getTime();
  const [earlier, later] = future ? [now, date] : [date, now];
  const milliseconds = later.getTime() - earlier.getTime();
  const minutes = milliseconds / 60_000;
  // Days and longer count calendar days where a daylight-saving change falls in between.
  const dstMinutes = minutes + (earlier.getTimezoneOffset() - later.getTimezoneOffset());
  const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes < 1
      ? [Math.round(milliseconds / 1000), 'second']
      : minutes < 60
        ? [Math.round(minutes), 'minute']
        : minutes < MINUTES_IN_DAY
          ? [Math.round(minutes / 60), 'hour']
          : dstMinutes < MINUTES_IN_MONTH
            ? [Math.round(dstMinutes / MINUTES_IN_DAY), 'day']
            : dstMinutes < MINUTES_IN_YEAR
              ? Math.round(dstMinutes / MINUTES_IN_MONTH) === 12
                ? [1, 'year']
                : [Math.round(dstMinutes / MINUTES_IN_MONTH), 'month']
              : [Math.round(dstMinutes / MINUTES_IN_YEAR), 'year'];
  return new Intl.RelativeTimeFormat(intlLocale[locale], { numeric: 'always' }).format(future ? amount : -amount, unit);
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}
