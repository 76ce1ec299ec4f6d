import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, formatLitres, formatNumber } from '@/lib/i18n/format';
import type { Json } from '@/lib/supabase/database.types';

/**
 * The numbers behind a check (`system_alerts.details`, jsonb) as label/value pairs for a
 * definition list: known keys get their dictionary label, others a readable form of the key;
 * values are formatted by what the key says they are (litres, percent, dates…).
 */
export type DetailEntry = { key: string; label: string; value: string };

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** `volume_15c_attendu` → « Volume 15 °C attendu »; `ecart_pct` → « Ecart (%) ». */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.toLowerCase();
      const celsius = /^(\d+)c$/.exec(lower);
      if (celsius) return `${celsius[1]} °C`;
      if (lower === 'pct') return '(%)';
      return lower;
    });
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function detailLabel(key: string, dict: Dictionary): string {
  const labels: Record<string, string> = dict.alerts.detailLabels;
  return Object.hasOwn(labels, key) ? labels[key]! : humaniseKey(key);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function formatDetailValue(key: string, value: Json | undefined, dict: Dictionary, locale: Locale): string {
  if (value === null || value === undefined) return dict.common.none;
  if (typeof value === 'boolean') return value ? dict.alerts.yes : dict.alerts.no;
  if (typeof value === 'number') {
    const name = key.toLowerCase();
    if (name.endsWith('_pct') || name === 'pct') {
      return new Intl.NumberFormat(intlLocale[locale], { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
    }
    if (/stock|volume|capacite|depassement/.test(name)) return formatLitres(value, locale);
    if (/temperature/.test(name)) return `${formatNumber(value, locale, 2)} °C`;
    if (/densite|density/.test(name)) return `${formatNumber(value, locale, 2)} kg/m³`;
    if (/heures|hours/.test(name)) return `${formatNumber(value, locale, 1)} h`;
    return formatNumber(value, locale, 6);
  }
  if (typeof value === 'string') {
    if (ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, locale);
    if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) {
      // A calendar day has no time zone: show it as written.
      return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
    }
    return value;
  }
  return JSON.stringify(value);
}

/** Every key of `details` in its stored order; a non-object `details` yields nothing. */
export function detailEntries(details: Json, dict: Dictionary, locale: Locale): DetailEntry[] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return [];
  return Object.entries(details).map(([key, value]) => ({
    key,
    label: detailLabel(key, dict),
    value: formatDetailValue(key, value, dict, locale),
  }));
}
