import type { Locale } from './dictionaries';

/**
 * Locale-aware formatting of numbers, volumes and dates (durations and relative times: ./date-words). Pure: the
 * server and the browser produce the same text, so hydration never disagrees.
 *
 * IMPORTANT: times are shown in the depot's time zone (the setting governance_settings.depot_time_zone,
 * read once per request: ./time-zone.ts), not the viewer's, so every reviewer reads the same clock
 * and server-rendered text matches the browser's.
 */

/** The database's default for the setting; what is shown when the setting cannot be read. */
export const DEFAULT_DEPOT_TIME_ZONE = 'Africa/Kinshasa';

/** Whether this JavaScript runtime knows `zone` (PostgreSQL may know names Intl does not). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits }).format(value);
}

/** A volume in litres with thousands separators: « 12 500 L ». */
export function formatLitres(value: number, locale: Locale): string {
  return `${formatNumber(value, locale)} L`;
}

export function formatDateTime(value: string | Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
}

export function formatDate(value: string | Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { day: 'numeric', month: 'short', timeZone }).format(new Date(value));
}

export function formatTime(value: string | Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(value));
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

/** A phrase whose words change with a count, `{count}` inside: « {count} alerte » / « {count} alertes ». */
export type PluralForms = { one: string; other: string };

const pluralRules: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules(intlLocale.fr),
  en: new Intl.PluralRules(intlLocale.en),
};

/**
 * The form of `forms` the language's plural rules choose for `count` (French: 0 and 1 take the
 * singular; English: only 1), with `{count}` filled in the locale's digits and any other
 * placeholders from `values`.
 */
export function plural(forms: PluralForms, count: number, locale: Locale, values: Record<string, string | number> = {}): string {
  const form = pluralRules[locale].select(count) === 'one' ? forms.one : forms.other;
  return interpolate(form, { count: formatNumber(count, locale), ...values });
}
