import { formatDuration, intervalToDuration } from 'date-fns';
import { enUS, fr } from 'date-fns/locale';
import type { Locale } from './dictionaries';

/*
 * Durations, with date-fns' words for them. A module of its own so that the rest of ./format,
 * which browser code uses, carries no date-fns (its locales would come along, even unused).
 */
const dateFnsLocale = { fr, en: enUS } as const;

/** A duration in seconds as « 2 jours 3 heures » (the two largest units, minutes at least). */
export function formatSeconds(seconds: number, locale: Locale): string {
  if (seconds < 60) return formatDuration({ seconds: Math.round(seconds) }, { locale: dateFnsLocale[locale], zero: true });
  const duration = intervalToDuration({ start: 0, end: Math.round(seconds) * 1000 });
  const units = (['years', 'months', 'days', 'hours', 'minutes'] as const).filter((unit) => duration[unit]);
  return formatDuration(duration, { format: units.slice(0, 2), locale: dateFnsLocale[locale] });
}
