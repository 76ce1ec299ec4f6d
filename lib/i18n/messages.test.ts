import { describe, expect, it } from 'vitest';
import { dictionaries } from './dictionaries';
import { defineMessages, mergeMessages, missingMessages, pickMessages } from './messages';

describe('client messages', () => {
  const fr = dictionaries.fr;
  const chart = defineMessages({ integrity: ['opened', 'resolved'] });
  const badges = defineMessages({ severity: true });

  it('picks exactly the keys the specs name, whole sections for `true`', () => {
    expect(pickMessages(fr, [chart, badges])).toEqual({
      integrity: { opened: fr.integrity.opened, resolved: fr.integrity.resolved },
      severity: fr.severity,
    });
    expect(pickMessages(dictionaries.en, [chart]).integrity?.opened).toBe('Opened');
  });

  it('adds a nested provider’s strings to the outer ones, section by section', () => {
    const outer = pickMessages(fr, [defineMessages({ common: ['retry'] })]);
    const inner = pickMessages(fr, [defineMessages({ common: ['loading'] }), chart]);
    expect(mergeMessages(outer, inner)).toEqual({
      common: { retry: fr.common.retry, loading: fr.common.loading },
      integrity: { opened: fr.integrity.opened, resolved: fr.integrity.resolved },
    });
  });

  it('names what a component reads that its providers did not give', () => {
    const given = pickMessages(fr, [chart]);
    expect(missingMessages(given, chart)).toEqual([]);
    expect(missingMessages(given, defineMessages({ integrity: ['opened', 'title'], severity: true, common: ['retry'] }))).toEqual([
      'integrity.title',
      'severity',
      'common.*',
    ]);
  });
});
