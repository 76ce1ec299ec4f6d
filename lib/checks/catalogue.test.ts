import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { LOCALES } from '@/lib/i18n/locales';
import {
  ACTORS,
  catalogueByFamily,
  CHECK_CODE_PATTERN,
  CHECK_CODES,
  CHECK_FAMILIES,
  checkEntry,
  runbookFor,
  type Runbook,
} from './catalogue';

// Short enough to scan on an alert's page: a runbook is guidance, not a manual.
const MAX_MEANING = 400;
const MAX_LINE = 200;

function filled(text: string): boolean {
  return text.trim().length > 0 && text === text.trim() && !/\{\w+\}/.test(text);
}

describe('the check catalogue', () => {
  it('has a code of the shape the database test looks for, for every entry', () => {
    expect(CHECK_CODES.length).toBeGreaterThan(0);
    for (const code of CHECK_CODES) expect(code).toMatch(CHECK_CODE_PATTERN);
  });

  it.each(CHECK_CODES)('%s: a label and a complete runbook in French and English', (code) => {
    const entry = checkEntry(code);
    for (const locale of LOCALES) {
      expect(filled(entry.label[locale]), `${code} label (${locale})`).toBe(true);
      const runbook: Runbook = entry.runbook[locale];
      expect(filled(runbook.meaning), `${code} meaning (${locale})`).toBe(true);
      expect(runbook.meaning.length, `${code} meaning (${locale})`).toBeLessThanOrEqual(MAX_MEANING);
      for (const part of ['causes', 'verify'] as const) {
        expect(runbook[part].length, `${code} ${part} (${locale})`).toBeGreaterThan(0);
        for (const line of runbook[part]) {
          expect(filled(line), `${code} ${part} (${locale}): ${line}`).toBe(true);
          expect(line.length, `${code} ${part} (${locale}): ${line}`).toBeLessThanOrEqual(MAX_LINE);
        }
      }
      expect(runbook.actions.length, `${code} actions (${locale})`).toBeGreaterThan(0);
      for (const { actor, task } of runbook.actions) {
        expect(ACTORS).toContain(actor);
        expect(filled(task), `${code} ${actor} (${locale})`).toBe(true);
        expect(task.length, `${code} ${actor} (${locale})`).toBeLessThanOrEqual(MAX_LINE);
      }
    }
  });

  it.each(CHECK_CODES)('%s: the English runbook is a translation of the French one, line for line', (code) => {
    const { fr, en } = checkEntry(code).runbook;
    expect(en.causes.length).toBe(fr.causes.length);
    expect(en.verify.length).toBe(fr.verify.length);
    expect(en.actions.map((action) => action.actor)).toEqual(fr.actions.map((action) => action.actor));
    // Codes, tables and settings named in one language are named in the other.
    const names = (text: string) =>
      [...text.matchAll(/\b[a-z]+(?:_[a-z0-9]+)+\b|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9*]+)+/g)].map((m) => m[0]).sort();
    const all = (runbook: Runbook) =>
      [runbook.meaning, ...runbook.causes, ...runbook.verify, ...runbook.actions.map((a) => a.task)].join(' ');
    expect(names(all(en))).toEqual(names(all(fr)));
  });

  it('gives every code its own label in each language', () => {
    for (const locale of LOCALES) {
      const labels = CHECK_CODES.map((code) => checkEntry(code).label[locale]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('is where the dictionaries take the checks’ labels from', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(dictionaries[locale].checks)).toEqual(CHECK_CODES);
      for (const code of CHECK_CODES) expect(dictionaries[locale].checks[code]).toBe(checkEntry(code).label[locale]);
    }
  });

  it('files every code under a family, and every family holds a code', () => {
    const index = catalogueByFamily('fr');
    expect(index.map((family) => family.family)).toEqual(Object.keys(CHECK_FAMILIES));
    expect(index.flatMap((family) => family.checks.map((check) => check.code)).sort()).toEqual([...CHECK_CODES].sort());
    for (const family of index) expect(family.checks.length, family.family).toBeGreaterThan(0);
  });

  it('finds a runbook by code in the viewer’s language, and none for an unknown code', () => {
    expect(runbookFor('STOCK_NEGATIF', 'fr')).toMatchObject({
      code: 'STOCK_NEGATIF',
      label: 'Stock négatif',
      source: 'public.v_integrity_checks',
    });
    expect(runbookFor('STOCK_NEGATIF', 'en')?.label).toBe('Negative stock');
    for (const unknown of ['NOT_A_CHECK', 'constructor', '__proto__', 'toString', '']) expect(runbookFor(unknown, 'fr')).toBeNull();
  });
});
