import { formatDistanceStrict, formatDuration, intervalToDuration } from 'date-fns';
import { enUS, fr } from 'date-fns/locale';
import type { Locale } from './dictionaries';

/*
 * Durations and relative times, in date-fns' words. A module of its own so that the rest of
 * ./format, which every error boundary imports, carries no date-fns (its locales would be copied
 * into each of those chunks); only the components that show these import it.
 */
const dateFnsLocale = { fr, en: enUS } as const;

/** A duration in seconds as « 2 jours 3 heures » (the two largest units, minutes at least). */
export function formatSeconds(seconds: number, locale: Locale): string {
  if (seconds < 60) return formatDuration({ seconds: Math.round(seconds) }, { locale: dateFnsLocale[locale], zero: true });
  const duration = intervalToDuration({ start: 0, end: Math.round(seconds) * 1000 });
  const units = (['years', 'months', 'days', 'hours', 'minutes'] as const).filter((unit) => duration[unit]);
  return formatDuration(duration, { format: units.slice(0, 2), locale: dateFnsLocale[locale] });
}

/** « il y a 3 heures » / « 3 hours ago », relative to `now`. */
export function formatRelative(value: string | Date, now: Date, locale: Locale): string {
  return formatDistanceStrict(new Date(value), now, { addSuffix: true, locale: dateFnsLocale[locale] });
}
