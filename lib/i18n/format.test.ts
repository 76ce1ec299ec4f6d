import { describe, expect, it } from 'vitest';
import { dictionaries, type Dictionary } from './dictionaries';
import { DEFAULT_DEPOT_TIME_ZONE, formatDateTime, formatLitres, interpolate, isKnownTimeZone, plural } from './format';
import { formatRelative, formatSeconds } from './date-words';

describe('formatting', () => {
  it('groups litres the French and the English way', () => {
    expect(formatLitres(1234567.4, 'fr')).toBe('1\u202f234\u202f567 L');
    expect(formatLitres(1234567.4, 'en')).toBe('1,234,567 L');
    expect(formatLitres(-1250, 'fr')).toBe('-1\u202f250 L');
  });

  it('shows times in the depot time zone whatever the viewer’s', () => {
    expect(formatDateTime('2026-11-25T16:40:00Z', 'fr', 'Africa/Kinshasa')).toBe('25 nov. 2026, 17:40');
    expect(formatDateTime('2026-11-25T16:40:00Z', 'en', 'Africa/Kinshasa')).toBe('25 Nov 2026, 17:40');
    expect(formatDateTime('2026-11-25T16:40:00Z', 'fr', 'Asia/Tokyo')).toBe('26 nov. 2026, 01:40');
  });

  it('knows which time zones this runtime can show', () => {
    expect(DEFAULT_DEPOT_TIME_ZONE).toBe('Africa/Kinshasa');
    expect(isKnownTimeZone('Africa/Kinshasa')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('says how long ago in the chosen language', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(formatRelative('2026-11-25T09:00:00Z', now, 'fr')).toBe('il y a 3 heures');
    expect(formatRelative('2026-11-25T09:00:00Z', now, 'en')).toBe('3 hours ago');
  });

  it('keeps the two largest units of a duration', () => {
    expect(formatSeconds(93_780, 'fr')).toBe('1 jour 2 heures');
    expect(formatSeconds(3_900, 'en')).toBe('1 hour 5 minutes');
    expect(formatSeconds(42, 'en')).toBe('42 seconds');
    expect(formatSeconds(0, 'fr')).toBe('0 secondes');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Déjà acquittée par {name} à {time}.', { name: 'Awa Koné', time: '16:40' })).toBe(
      'Déjà acquittée par Awa Koné à 16:40.',
    );
    expect(interpolate('{count} sélectionnée(s) {missing}', { count: 3 })).toBe('3 sélectionnée(s) {missing}');
  });
});

describe('plural', () => {
  const alerts = { one: '{count} alerte', other: '{count} alertes' };
  const events = { one: '{count} event', other: '{count} events' };

  it('chooses the form by each language’s rules: French 0 and 1 are singular, English only 1', () => {
    expect([0, 1, 2].map((count) => plural(alerts, count, 'fr'))).toEqual(['0 alerte', '1 alerte', '2 alertes']);
    expect([0, 1, 2].map((count) => plural(events, count, 'en'))).toEqual(['0 events', '1 event', '2 events']);
  });

  it('writes the count in the language’s digits and fills the other placeholders', () => {
    expect(plural(alerts, 1500, 'fr')).toBe('1\u202f500 alertes');
    expect(plural({ one: '{count} of {total}', other: '{count} of {total}' }, 1500, 'en', { total: 'all' })).toBe('1,500 of all');
  });
});

describe('dictionaries', () => {
  function keys(value: object, prefix = ''): string[] {
    return Object.entries(value).flatMap(([key, child]) =>
      typeof child === 'object' && child !== null ? keys(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
    );
  }

  it('have the same keys in both languages and no empty string', () => {
    const fr: Dictionary = dictionaries.fr;
    expect(keys(dictionaries.en)).toEqual(keys(fr));
    for (const locale of ['fr', 'en'] as const) {
      const empty = keys(dictionaries[locale]).filter((path) => {
        const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], dictionaries[locale]);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });
});
