import { describe, expect, it } from 'vitest';
import { keysetFilter, searchPattern } from './queries';
import { alertFiltersToQuery, NOTE_MAX_LENGTH } from './rules';
import { acknowledgeInput, bulkAcknowledgeInput, decodeCursor, encodeCursor, parseAlertFilters, resolveInput } from './schemas';

const id = '7b0d2f6e-4a5b-4c1d-9e8f-0a1b2c3d4e5f';

describe('alert filters in the URL', () => {
  it('reads known values and falls back to defaults for anything else', () => {
    expect(parseAlertFilters({ status: 'OPEN', severity: 'CRITICAL', check: 'ECART_15C', q: ' T05 ', sort: 'severity' })).toEqual({
      status: 'OPEN',
      severity: 'CRITICAL',
      check: 'ECART_15C',
      q: 'T05',
      sort: 'severity',
      cursor: undefined,
    });
    expect(parseAlertFilters({ status: 'CLOSED', severity: 'LOW', check: "x'; drop", sort: 'random', q: '' })).toEqual({
      status: 'active',
      severity: undefined,
      check: undefined,
      q: undefined,
      sort: 'recent',
      cursor: undefined,
    });
  });

  it('round-trips through the query string, leaving defaults out', () => {
    const filters = parseAlertFilters(new URLSearchParams('status=ACK&q=camion&sort=oldest'));
    expect(alertFiltersToQuery(filters)).toBe('?status=ACK&q=camion&sort=oldest');
    expect(alertFiltersToQuery(parseAlertFilters({}))).toBe('');
    const grouped = parseAlertFilters(new URLSearchParams('group=entity&entity=citerne%3Aabc&silenced=1'));
    expect(grouped).toMatchObject({ group: 'entity', entity: 'citerne:abc', silenced: true });
    expect(alertFiltersToQuery(grouped)).toBe('?silenced=1&entity=citerne%3Aabc&group=entity');
  });

  it('drops a grouping or an object it cannot read', () => {
    expect(parseAlertFilters({ group: 'severity', entity: 'citerne' })).toMatchObject({ group: undefined, entity: undefined });
    expect(parseAlertFilters({ entity: `citerne:${'x'.repeat(201)}` }).entity).toBeUndefined();
    expect(parseAlertFilters({ entity: 'Citerne:abc' }).entity).toBeUndefined();
  });
});

describe('keyset cursors', () => {
  it('encode and decode, and reject tampering', () => {
    const cursor = { k: [3, '2026-11-25T16:40:12.685894+00:00'], id };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeCursor(btoa(JSON.stringify({ k: ['x'], id: 'not-a-uuid' })))).toBeUndefined();
  });

  it('select rows strictly after the cursor in each sort order', () => {
    expect(keysetFilter('recent', { k: ['2026-11-25T16:40:00+00:00'], id })).toBe(
      `first_seen_at.lt."2026-11-25T16:40:00+00:00",and(first_seen_at.eq."2026-11-25T16:40:00+00:00",id.lt."${id}")`,
    );
    expect(keysetFilter('severity', { k: [2, '2026-11-25T16:40:00+00:00'], id })).toContain('severity_rank.lt.2,');
    expect(keysetFilter('oldest', { k: [2], id })).toBeNull();
  });

  it('keep the search inside its ilike pattern, matching its own characters', () => {
    expect(searchPattern('  T05),id.eq.(x ')).toBe('*T05),id.eq.(x*');
    expect(searchPattern('CDR_ARRIVE 100% a\\b')).toBe('*CDR\\_ARRIVE 100\\% a\\\\b*');
    expect(searchPattern('a * b')).toBe('*a b*');
  });
});

describe('action inputs', () => {
  it('trim notes and cap their length', () => {
    expect(acknowledgeInput.parse({ id, note: '  vu  ' })).toEqual({ id, note: 'vu' });
    const long = acknowledgeInput.safeParse({ id, note: 'x'.repeat(NOTE_MAX_LENGTH + 1) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('noteTooLong');
  });

  it('require a reason from the list, a non-blank resolution note and a UUID', () => {
    const reason = 'fixed_at_source';
    expect(resolveInput.safeParse({ id, reason, note: '   ' }).error?.issues[0]?.message).toBe('resolutionNoteRequired');
    expect(resolveInput.safeParse({ id, note: 'ok' }).error?.issues[0]?.message).toBe('resolutionReasonRequired');
    expect(resolveInput.safeParse({ id, reason: 'parce_que', note: 'ok' }).error?.issues[0]?.message).toBe('resolutionReasonRequired');
    expect(resolveInput.safeParse({ id: '42', reason, note: 'ok' }).success).toBe(false);
    expect(resolveInput.parse({ id, reason, note: 'Jaugeage refait' })).toEqual({
      id,
      reason,
      note: 'Jaugeage refait',
      confirmActive: false,
    });
  });

  it('bound a bulk acknowledgement to 1–100 alerts', () => {
    expect(bulkAcknowledgeInput.safeParse({ ids: [] }).success).toBe(false);
    expect(bulkAcknowledgeInput.safeParse({ ids: Array(101).fill(id) }).error?.issues[0]?.message).toBe('tooManySelected');
  });
});
