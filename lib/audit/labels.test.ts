import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { chainReasonLabel, eventTypeLabel, roleLabel, shortHash } from './labels';

const fr = dictionaries.fr;

describe('audit labels', () => {
  it('names event types in French, unknown ones as stored', () => {
    expect(['opened', 'seen_again', 'cleared', 'acknowledged', 'resolved'].map((type) => eventTypeLabel(fr, type))).toEqual([
      'Ouverte',
      'Revue',
      'Condition levée',
      'Acquittée',
      'Résolue',
    ]);
    expect(eventTypeLabel(fr, 'archived')).toBe('archived');
  });

  it('names roles, and none for the scheduler', () => {
    expect(roleLabel(fr, 'directeur')).toBe('Directeur');
    expect(roleLabel(fr, 'system')).toBeNull();
    expect(roleLabel(fr, null)).toBeNull();
    expect(roleLabel(fr, 'unknown')).toBe('unknown');
  });

  it('translates the verifier’s reasons', () => {
    expect(chainReasonLabel(fr, "prev_hash does not match the previous row's hash")).toBe(fr.audit.chainReasons.prevHash);
    expect(chainReasonLabel(fr, "hash does not match the row's content")).toBe(fr.audit.chainReasons.hash);
    expect(chainReasonLabel(fr, 'gap in ids')).toBe('gap in ids');
  });

  it('shortens a hash to its first ten characters', () => {
    expect(shortHash('756d3fa039c675a5b187c82cfef1a705514cfe3b5da66beacfcc01626b84f360')).toBe('756d3fa039');
  });
});
