import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, formatLitres, formatNumber } from '@/lib/i18n/format';
import type { DetailValue } from '@/lib/integrity/schemas';

/**
 * The numbers behind a check (`details`, as `v_integrity_checks` computes them and the alert keeps
 * them), labelled and formatted for reading — the same on the integrity page and an alert's page:
 * volumes in litres, percentages, dates in the depot's time zone, units where the key names one.
 * Pure, so the server renders exactly what the tests expect.
 */
export type DetailEntry = { key: string; label: string; value: string; dateTime?: string };

// The order a reviewer reads them in: what, where, when, then the figures. Unknown keys follow.
const KEY_ORDER = [
  'depot',
  'citerne',
  'produit',
  'code_produit',
  'manque',
  'immatriculation',
  'transporteur',
  'date_jour',
  'jour_attendu',
  'heure_limite',
  'derniere_ligne',
  'derniere_activite',
  'derniere_activite_type',
  'date',
  'date_arrivee',
  'stock_ambiant',
  'stock_15c',
  'capacite_totale',
  'capacite_securite',
  'depassement',
  'volume_ambiant',
  'temperature_c',
  'densite_15c',
  'vcf',
  'volume_15c_attendu',
  'volume_15c_enregistre',
  'ecart_pct',
  'tolerance_pct',
  'heures_depuis_arrivee',
  'seuil_heures',
  'calc_version',
];

const LITRE_KEY = /stock|volume|capacite|depassement/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** 0.8 → « 0,8 % » / “0.8%”: the value is already in percent. */
export function formatPercent(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale], { style: 'percent', maximumFractionDigits: 3 }).format(value / 100);
}

/** A calendar day with its year (« 25 nov. 2026 »). */
export function formatDay(value: string, locale: Locale): string {
  // A calendar day belongs to no time zone: read at noon UTC, in UTC, it is the same day everywhere.
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T12:00:00Z`));
}

const SUMMARY_SHOWN = 80;
const clip = (text: string) => (text.length > SUMMARY_SHOWN ? `${text.slice(0, SUMMARY_SHOWN - 1)}…` : text);

/**
 * One entry of a list in the details. A change of a catalogue diff (SCHEMA_DRIFT: `change`, `kind`,
 * `object`, `before`, `after`) reads « modification · trigger public.t.x (ENABLED… → DISABLED…) ».
 */
function formatListItem(item: DetailValue, dict: Dictionary): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return typeof item === 'string' ? item : JSON.stringify(item);
  const { change, kind, object, before, after } = item;
  if (typeof change !== 'string' || typeof object !== 'string') return JSON.stringify(item);
  const changeKinds: Record<string, string> = dict.checkDetails.changeKinds;
  const values =
    typeof before === 'string' || typeof after === 'string'
      ? ` (${typeof before === 'string' ? clip(before) : '∅'} → ${typeof after === 'string' ? clip(after) : '∅'})`
      : '';
  return `${changeKinds[change] ?? change} · ${typeof kind === 'string' ? `${kind} ` : ''}${object}${values}`;
}

function formatValue(
  key: string,
  value: DetailValue,
  locale: Locale,
  timeZone: string,
  dict: Dictionary,
): Omit<DetailEntry, 'key' | 'label'> {
  if (value === null) return { value: dict.common.none };
  if (Array.isArray(value)) return { value: value.map((item) => formatListItem(item, dict)).join(' ; ') };
  if (typeof value === 'boolean') return { value: value ? dict.checkDetails.yes : dict.checkDetails.no };
  if (typeof value === 'number') {
    if (LITRE_KEY.test(key)) return { value: formatLitres(value, locale) };
    if (key.endsWith('_pct')) return { value: formatPercent(value, locale) };
    if (key === 'temperature_c' || key.endsWith('_c')) return { value: `${formatNumber(value, locale, 1)} °C` };
    if (key.startsWith('densite')) return { value: `${formatNumber(value, locale, 1)} kg/m³` };
    if (key.includes('heures') || key.startsWith('heure_')) return { value: `${formatNumber(value, locale, 1)} h` };
    if (key === 'vcf') return { value: formatNumber(value, locale, 6) };
    return { value: formatNumber(value, locale, 3) };
  }
  if (typeof value === 'string') {
    // A kind of entity (`derniere_activite_type: 'reception'`) reads as its name.
    if (key.endsWith('_type') && Object.hasOwn(dict.entities, value))
      return { value: dict.entities[value as keyof Dictionary['entities']] };
    if (DATE_ONLY.test(value)) return { value: formatDay(value, locale), dateTime: value };
    if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) {
      return { value: formatDateTime(value, locale, timeZone), dateTime: value };
    }
    return { value };
  }
  return { value: JSON.stringify(value) };
}

/** A key no label names yet, made readable: `volume_15c_attendu` → « Volume 15 °C attendu ». */
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

function labelOf(key: string, dict: Dictionary): string {
  const labels: Record<string, string> = dict.checkDetails.labels;
  return Object.hasOwn(labels, key) ? labels[key]! : humaniseKey(key);
}

/** Every key of `details`, in reading order; anything but an object yields nothing. */
export function detailEntries(details: unknown, locale: Locale, timeZone: string, dict: Dictionary): DetailEntry[] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return [];
  const record = details as Record<string, DetailValue>;
  const rank = (key: string) => {
    const index = KEY_ORDER.indexOf(key);
    return index === -1 ? KEY_ORDER.length : index;
  };
  return Object.keys(record)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((key) => ({ key, label: labelOf(key, dict), ...formatValue(key, record[key] ?? null, locale, timeZone, dict) }));
}

/** The first block of a UUID (« c1000000 »), enough to tell rows apart at a glance. */
export function shortId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) ? id.slice(0, 8) : id;
}

/** A name the depot uses for the entity itself, when the details carry one (tank code, plate). */
export function entityReference(entityType: string, details: Record<string, DetailValue>): string | null {
  const key = entityType === 'citerne' ? 'citerne' : entityType === 'cours_de_route' ? 'immatriculation' : null;
  const value = key ? details[key] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
}
