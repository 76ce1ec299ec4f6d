import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { detailEntries, entityReference, formatPercent, humaniseKey, shortId } from './details';

const fr = dictionaries.fr;
const en = dictionaries.en;
const nnbsp = '\u202f';
const ZONE = 'Africa/Abidjan';

describe('details behind a check', () => {
  it('formats litres, percentages, units and dates, in a reading order', () => {
    const entries = detailEntries(
      {
        vcf: 0.984693,
        date: '2026-11-24T16:40:09.660715+00:00',
        citerne: 'T02',
        ecart_pct: 0.8,
        densite_15c: 838,
        temperature_c: 33,
        tolerance_pct: 0.5,
        volume_ambiant: 12000,
        volume_15c_enregistre: 11910.847,
      },
      'fr',
      ZONE,
      fr,
    );
    expect(entries.map((entry) => entry.key)).toEqual([
      'citerne',
      'date',
      'volume_ambiant',
      'temperature_c',
      'densite_15c',
      'vcf',
      'volume_15c_enregistre',
      'ecart_pct',
      'tolerance_pct',
    ]);
    const byKey = Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
    expect(byKey).toMatchObject({
      citerne: 'T02',
      date: '24 nov. 2026, 16:40',
      volume_ambiant: `12${nnbsp}000 L`,
      volume_15c_enregistre: `11${nnbsp}911 L`,
      temperature_c: '33 °C',
      densite_15c: '838 kg/m³',
      vcf: '0,984693',
      ecart_pct: '0,8\u00a0%',
      tolerance_pct: '0,5\u00a0%',
    });
    expect(entries[0]?.label).toBe('Citerne');
    expect(entries.find((entry) => entry.key === 'date')?.dateTime).toBe('2026-11-24T16:40:09.660715+00:00');
  });

  it('treats capacities and excess as litres, days as days, hours with their unit', () => {
    const byKey = Object.fromEntries(
      detailEntries(
        {
          depassement: 62000,
          capacite_totale: 2500000,
          date_jour: '2026-11-25',
          heures_depuis_arrivee: 72.2,
          extra_flag: true,
          note: null,
        },
        'en',
        ZONE,
        en,
      ).map((entry) => [entry.key, entry]),
    );
    expect(byKey.depassement?.value).toBe('62,000 L');
    expect(byKey.capacite_totale?.value).toBe('2,500,000 L');
    expect(byKey.date_jour?.value).toBe('25 Nov 2026');
    expect(byKey.heures_depuis_arrivee?.value).toBe('72.2 h');
    expect(byKey.extra_flag).toMatchObject({ label: 'Extra flag', value: 'yes' });
    expect(byKey.note?.value).toBe('—');
  });

  it('writes percentages the French and the English way', () => {
    expect(formatPercent(1.2, 'fr')).toBe('1,2\u00a0%');
    expect(formatPercent(0.503, 'en')).toBe('0.503%');
  });

  it('names the entity by its depot reference and a short id', () => {
    expect(shortId('c1000000-0000-4000-8000-000000000009')).toBe('c1000000');
    expect(shortId('T09')).toBe('T09');
    expect(entityReference('citerne', { citerne: 'T09' })).toBe('T09');
    expect(entityReference('cours_de_route', { immatriculation: '8184-LZ-CI' })).toBe('8184-LZ-CI');
    expect(entityReference('reception', { citerne: 'T01' })).toBeNull();
  });

  it('labels unknown keys readably, and lists nothing for details that are not an object', () => {
    expect(humaniseKey('volume_15c_attendu')).toBe('Volume 15 °C attendu');
    expect(humaniseKey('ecart_pct')).toBe('Ecart (%)');
    expect(humaniseKey('heuresDepuisArrivee')).toBe('Heures depuis arrivee');
    expect(detailEntries({ ecart_pct: 1 }, 'en', ZONE, en)[0]?.label).toBe('Deviation');
    expect(detailEntries({ some_new_key: 'x' }, 'fr', ZONE, fr)[0]?.label).toBe('Some new key');
    expect(detailEntries(null, 'fr', ZONE, fr)).toEqual([]);
    expect(detailEntries([1, 2], 'fr', ZONE, fr)).toEqual([]);
    expect(detailEntries('text', 'fr', ZONE, fr)).toEqual([]);
  });
});

describe('a catalogue diff in the details', () => {
  it('reads each change as words, the summaries clipped, in the dictionary’s language', () => {
    const details = {
      changes: 2,
      diff: [
        { change: 'added', kind: 'column', object: 'public.citernes.note', after: 'text' },
        {
          change: 'changed',
          kind: 'trigger',
          object: 'public.system_alerts.system_alerts_set_actor',
          before: `ENABLED; ${'x'.repeat(100)}`,
          after: 'DISABLED',
        },
      ],
    };
    const [diff] = detailEntries(details, 'fr', ZONE, fr).filter((entry) => entry.key === 'diff');
    expect(diff?.label).toBe('Différences');
    expect(diff?.value).toBe(
      `ajout · column public.citernes.note (∅ → text) ; modification · trigger public.system_alerts.system_alerts_set_actor (ENABLED; ${'x'.repeat(70)}… → DISABLED)`,
    );
    const [english] = detailEntries(details, 'en', ZONE, en).filter((entry) => entry.key === 'diff');
    expect(english?.value.startsWith('added · column public.citernes.note')).toBe(true);
  });

  it('lists plain values as they are', () => {
    const [entry] = detailEntries({ relations: ['public.a', 'public.b'] }, 'en', ZONE, en);
    expect(entry?.value).toBe('public.a ; public.b');
  });
});
