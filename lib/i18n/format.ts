import { formatDistanceStrict, formatDuration, intervalToDuration } from 'date-fns';
import { enUS, fr } from 'date-fns/locale';
import type { Locale } from './dictionaries';

/**
 * Locale-aware formatting of numbers, volumes, dates and durations. Pure: the server and the
 * browser produce the same text, so hydration never disagrees.
 *
 * IMPORTANT: times are shown in the depot's time zone, not the viewer's, so every reviewer reads
 * the same clock and server-rendered text matches the browser's.
 */
export const DEPOT_TIME_ZONE = 'Africa/Abidjan';

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const dateFnsLocale = { fr, en: enUS } as const;

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

/** « il y a 3 heures » / « 3 hours ago », relative to `now`. */
export function formatRelative(value: string | Date, now: Date, locale: Locale): string {
  return formatDistanceStrict(new Date(value), now, { addSuffix: true, locale: dateFnsLocale[locale] });
}

/** A duration in seconds as « 2 jours 3 heures » (the two largest units, minutes at least). */
export function formatSeconds(seconds: number, locale: Locale): string {
  if (seconds < 60) return formatDuration({ seconds: Math.round(seconds) }, { locale: dateFnsLocale[locale], zero: true });
  const duration = intervalToDuration({ start: 0, end: Math.round(seconds) * 1000 });
  const units = (['years', 'months', 'days', 'hours', 'minutes'] as const).filter((unit) => duration[unit]);
  return formatDuration(duration, { format: units.slice(0, 2), locale: dateFnsLocale[locale] });
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}
