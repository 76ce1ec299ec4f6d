import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { detailEntries, detailLabel, formatDetailValue, humaniseKey } from './details';

const fr = dictionaries.fr;
const en = dictionaries.en;
// Intl uses narrow no-break spaces as thousands separators in French.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('detail keys', () => {
  it('humanises unknown keys', () => {
    expect(humaniseKey('volume_15c_attendu')).toBe('Volume 15 °C attendu');
    expect(humaniseKey('ecart_pct')).toBe('Ecart (%)');
    expect(humaniseKey('heuresDepuisArrivee')).toBe('Heures depuis arrivee');
    expect(humaniseKey('NEW_FIELD')).toBe('New field');
  });

  it('uses the dictionary label when there is one', () => {
    expect(detailLabel('ecart_pct', fr)).toBe('Écart');
    expect(detailLabel('ecart_pct', en)).toBe('Deviation');
    expect(detailLabel('some_new_key', fr)).toBe('Some new key');
  });
});

describe('detail values', () => {
  it('shows stocks, volumes, capacities and excesses in litres', () => {
    expect(plain(formatDetailValue('stock_ambiant', -1250, fr, 'fr'))).toBe('-1 250 L');
    expect(plain(formatDetailValue('volume_15c_attendu', 35507.124, fr, 'fr'))).toBe('35 507 L');
    expect(plain(formatDetailValue('capacite_totale', 3000000, fr, 'fr'))).toBe('3 000 000 L');
    expect(formatDetailValue('depassement', 41500, en, 'en')).toBe('41,500 L');
  });

  it('shows *_pct as a percentage', () => {
    expect(plain(formatDetailValue('ecart_pct', 1.2, fr, 'fr'))).toBe('1,2 %');
    expect(formatDetailValue('tolerance_pct', 0.5, en, 'en')).toBe('0.5%');
  });

  it('formats timestamps in the depot time zone and calendar days as written', () => {
    expect(formatDetailValue('date_arrivee', '2026-11-22T16:40:09.660715+00:00', en, 'en')).toBe('22 Nov 2026, 16:40');
    expect(formatDetailValue('date_jour', '2026-11-25', en, 'en')).toBe('25 Nov 2026');
  });

  it('gives units to temperatures, densities and hours, and keeps other values readable', () => {
    expect(formatDetailValue('temperature_c', 31.2, en, 'en')).toBe('31.2 °C');
    expect(formatDetailValue('densite_15c', 841.5, en, 'en')).toBe('841.5 kg/m³');
    expect(formatDetailValue('heures_depuis_arrivee', 72.24, en, 'en')).toBe('72.2 h');
    expect(formatDetailValue('vcf', 0.986309, en, 'en')).toBe('0.986309');
    expect(formatDetailValue('citerne', 'T05', fr, 'fr')).toBe('T05');
    expect(formatDetailValue('calc_version', 'calc-2.3.0', fr, 'fr')).toBe('calc-2.3.0');
    expect(formatDetailValue('flag', true, fr, 'fr')).toBe('Oui');
    expect(formatDetailValue('missing', null, fr, 'fr')).toBe('—');
    expect(formatDetailValue('nested', { a: 1 }, fr, 'fr')).toBe('{"a":1}');
  });
});

describe('detail entries', () => {
  it('lists every key in order, and nothing for a non-object', () => {
    const entries = detailEntries({ citerne: 'T09', stock_15c: -310.2, produit: 'Pétrole lampant' }, fr, 'fr');
    expect(entries.map((entry) => [entry.key, entry.label, plain(entry.value)])).toEqual([
      ['citerne', 'Citerne', 'T09'],
      ['stock_15c', 'Stock à 15 °C', '-310 L'],
      ['produit', 'Produit', 'Pétrole lampant'],
    ]);
    expect(detailEntries([1, 2], fr, 'fr')).toEqual([]);
    expect(detailEntries(null, fr, 'fr')).toEqual([]);
  });
});
