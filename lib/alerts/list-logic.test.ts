import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { checkLabel, checkOptions, entityLabel, shortId } from './labels';
import { canBeSelected, isAlertStatus, isSeverity, offersResolve } from './vocabulary';
import { emptyKind } from './list-state';
import { markAcknowledged } from './optimistic';
import { alertKeys } from './query-keys';
import type { AlertListRow, AlertPage } from './queries';
import { alertFiltersToQuery, noteIssue, selectionIssue } from './rules';
import { acknowledgeInput, bulkAcknowledgeInput, countersignInput, parseAlertFilters, resolveInput } from './schemas';
import { type NoteFormInput, validateNoteForm } from './validate';

const fr = dictionaries.fr;
const id = '7b0d2f6e-4a5b-4c1d-9e8f-0a1b2c3d4e5f';
const other = '0c5b415c-90d7-4550-93c0-8c755f1267be';

function row(overrides: Partial<AlertListRow>): AlertListRow {
  return {
    id,
    depot_code: 'VRIDI',
    check_code: 'STOCK_NEGATIF',
    severity: 'CRITICAL',
    severity_rank: 3,
    entity_type: 'citerne',
    entity_id: 'c1000000-0000-4000-8000-000000000005',
    message: 'Citerne T05 : stock négatif',
    status: 'OPEN',
    first_seen_at: '2026-11-20T08:00:00Z',
    last_seen_at: '2026-11-25T08:00:00Z',
    cleared_at: null,
    acknowledged_at: null,
    acknowledged_by_name: null,
    resolved_at: null,
    resolved_by_name: null,
    resolved_while_active: false,
    resolution_reason: null,
    assigned_to: null,
    assigned_to_name: null,
    snoozed: false,
    snoozed_until: null,
    awaiting_countersign: false,
    occurrence: 1,
    silenced: false,
    silenced_until: null,
    ...overrides,
  };
}

describe('optimistic acknowledgement', () => {
  const page: AlertPage = { rows: [row({}), row({ id: other, status: 'ACK', acknowledged_by_name: 'Awa Koné' })], nextCursor: 'abc' };

  it('turns the OPEN row ACK under the current user, leaving the rest alone', () => {
    const next = markAcknowledged(page, [id], 'Jean-Baptiste Mensah', '2026-11-25T09:00:00Z');
    expect(next?.rows[0]).toMatchObject({
      status: 'ACK',
      acknowledged_by_name: 'Jean-Baptiste Mensah',
      acknowledged_at: '2026-11-25T09:00:00Z',
    });
    expect(next?.rows[1]).toBe(page.rows[1]);
    expect(next?.nextCursor).toBe('abc');
    expect(page.rows[0]?.status).toBe('OPEN');
  });

  it('changes nothing for rows no longer OPEN or absent from the page', () => {
    expect(markAcknowledged(page, [other], 'X', '2026-11-25T09:00:00Z')).toBe(page);
    expect(markAcknowledged(page, ['missing'], 'X', '2026-11-25T09:00:00Z')).toBe(page);
    expect(markAcknowledged(undefined, [id], 'X', '2026-11-25T09:00:00Z')).toBeUndefined();
  });
});

describe('labels', () => {
  it('names known codes and shows unknown ones as they are', () => {
    expect(checkLabel(fr, 'ECART_15C')).toBe('Écart de volume à 15 °C');
    expect(checkLabel(fr, 'VERSION_DRIFT')).toBe('Écart de version');
    expect(checkLabel(fr, 'FUTURE_CHECK')).toBe('FUTURE_CHECK');
    expect(checkLabel(fr, 'toString')).toBe('toString');
    expect(entityLabel(fr, 'cours_de_route')).toBe('Camion');
    expect(entityLabel(fr, 'policy')).toBe('Politique');
    expect(entityLabel(fr, 'synonym')).toBe('synonym');
  });

  it('offers every dictionary check, plus the one in the URL', () => {
    expect(checkOptions(fr).map((option) => option.code)).toEqual(Object.keys(fr.checks));
    expect(checkOptions(fr, 'RLS_NO_POLICY').at(-1)).toEqual({ code: 'RLS_NO_POLICY', label: 'RLS_NO_POLICY' });
  });

  it('shortens UUIDs only', () => {
    expect(shortId('c1000000-0000-4000-8000-000000000005')).toBe('c100…0005');
    expect(shortId('T05')).toBe('T05');
  });

  it('recognises severities and statuses', () => {
    expect(isSeverity('WARN')).toBe(true);
    expect(isSeverity('LOW')).toBe(false);
    expect(isAlertStatus('ACK')).toBe(true);
    expect(isAlertStatus('CLOSED')).toBe(false);
  });
});

describe('the empty list', () => {
  it('tells "nothing to handle" from "nothing matches" and "past the last page"', () => {
    expect(emptyKind(parseAlertFilters({}))).toBe('none');
    expect(emptyKind(parseAlertFilters({ status: 'all' }))).toBe('none');
    expect(emptyKind(parseAlertFilters({ status: 'RESOLVED' }))).toBe('filtered');
    expect(emptyKind(parseAlertFilters({ q: 'T05' }))).toBe('filtered');
    expect(emptyKind(parseAlertFilters({ severity: 'INFO' }))).toBe('filtered');
    expect(emptyKind({ ...parseAlertFilters({}), cursor: 'abc' })).toBe('pageEnd');
  });
});

describe('query keys', () => {
  it('nest every list under one prefix and tell filter sets apart', () => {
    const a = alertKeys.list(parseAlertFilters({ status: 'OPEN' }));
    const b = alertKeys.list(parseAlertFilters({ status: 'ACK' }));
    expect(a.slice(0, 2)).toEqual([...alertKeys.lists()]);
    expect(a).not.toEqual(b);
    expect(alertKeys.list(parseAlertFilters({}))).toEqual(alertKeys.list(parseAlertFilters({ status: 'active', sort: 'recent' })));
  });

  it('tell apart every filter the URL carries, « Mes alertes » and the page cursor included', () => {
    const base = alertKeys.list(parseAlertFilters({}));
    for (const params of [
      { mine: '1' },
      { snoozed: '1' },
      { silenced: '1' },
      { entity: 'citerne:c1000000-0000-4000-8000-000000000005' },
      { group: 'check' },
      { severity: 'CRITICAL' },
      { check: 'STOCK_OVER_CAPACITY' },
      { q: 'T05' },
      { sort: 'oldest' },
    ]) {
      expect(alertKeys.list(parseAlertFilters(params)), JSON.stringify(params)).not.toEqual(base);
    }
    expect(alertKeys.list({ ...parseAlertFilters({}), cursor: 'abc' })).not.toEqual(base);
  });
});

describe('dialog validation follows the actions’ schemas', () => {
  it('requires a resolution note, in the user’s words', () => {
    expect(validateNoteForm({ kind: 'resolve', id, reason: 'fixed_at_source', note: '   ', confirmActive: false }, fr)).toEqual({
      note: fr.errors.resolutionNoteRequired,
    });
    expect(validateNoteForm({ kind: 'resolve', id, reason: 'duplicate', note: 'Corrigé', confirmActive: true }, fr)).toBeNull();
  });

  it('requires a resolution reason from the list', () => {
    for (const reason of [null, '', 'parce_que', 'FALSE_POSITIVE']) {
      expect(validateNoteForm({ kind: 'resolve', id, reason, note: 'Corrigé', confirmActive: false }, fr), String(reason)).toEqual({
        reason: fr.errors.resolutionReasonRequired,
      });
    }
    expect(validateNoteForm({ kind: 'resolve', id, reason: null, note: '', confirmActive: false }, fr)).toEqual({
      note: fr.errors.resolutionNoteRequired,
      reason: fr.errors.resolutionReasonRequired,
    });
  });

  it('accepts an empty acknowledgement note but not an overlong one', () => {
    expect(validateNoteForm({ kind: 'acknowledge', id, note: '' }, fr)).toBeNull();
    expect(validateNoteForm({ kind: 'acknowledge', id, note: 'x'.repeat(2001) }, fr)).toEqual({ note: fr.errors.noteTooLong });
  });

  it('asks a bulk resolution for a reason, a note and a selection of 1 to 100', () => {
    const input: NoteFormInput = {
      kind: 'bulkResolve',
      ids: [id, other],
      reason: 'duplicate',
      note: 'Doublons du même camion',
      confirmActive: false,
    };
    expect(validateNoteForm(input, fr)).toBeNull();
    expect(validateNoteForm({ ...input, reason: null, note: ' ' }, fr)).toEqual({
      note: fr.errors.resolutionNoteRequired,
      reason: fr.errors.resolutionReasonRequired,
    });
    expect(validateNoteForm({ ...input, ids: [] }, fr)).toEqual({ form: fr.errors.validation });
  });

  it('reports selection problems on the form, not the note', () => {
    expect(validateNoteForm({ kind: 'bulk', ids: [], note: '' }, fr)).toEqual({ form: fr.errors.validation });
    expect(validateNoteForm({ kind: 'bulk', ids: Array.from({ length: 101 }, () => id), note: '' }, fr)).toEqual({
      form: fr.errors.tooManySelected,
    });
    expect(validateNoteForm({ kind: 'bulk', ids: [id, other], note: 'ok' }, fr)).toBeNull();
  });
});

describe('the browser’s rules and the server’s schemas agree', () => {
  const notes = ['', '   ', 'ok', '  vu  ', 'x'.repeat(2000), ` ${'x'.repeat(2000)} `, 'x'.repeat(2001), 'é'.repeat(2001)];
  const firstIssue = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
    result.success ? null : (result.error?.issues.find((issue) => issue.path[0] === field)?.message ?? null);

  it('on notes', () => {
    for (const note of notes) {
      expect(noteIssue(note, { required: false }), JSON.stringify(note)).toBe(
        firstIssue(acknowledgeInput.safeParse({ id, note }), 'note'),
      );
      expect(noteIssue(note, { required: true }), JSON.stringify(note)).toBe(firstIssue(resolveInput.safeParse({ id, note }), 'note'));
    }
  });

  it('on the size of a selection', () => {
    for (const count of [0, 1, 100, 101]) {
      const ids = Array.from({ length: count }, () => id);
      expect(selectionIssue(count), String(count)).toBe(firstIssue(bulkAcknowledgeInput.safeParse({ ids }), 'ids'));
    }
  });
});

describe('what the list lets a user select', () => {
  it('an admin selects the OPEN alerts (to acknowledge), a directeur every active one (to resolve), the PCA none', () => {
    const admin = { acknowledge: true, resolve: false };
    const directeur = { acknowledge: true, resolve: true };
    const pca = { acknowledge: false, resolve: false };
    expect(['OPEN', 'ACK', 'RESOLVED'].map((status) => canBeSelected(status, admin))).toEqual([true, false, false]);
    expect(['OPEN', 'ACK', 'RESOLVED'].map((status) => canBeSelected(status, directeur))).toEqual([true, true, false]);
    expect(['OPEN', 'ACK', 'RESOLVED'].map((status) => canBeSelected(status, pca))).toEqual([false, false, false]);
  });
});

describe('depot filter', () => {
  it('one depot by its code lives in the URL (?depot=BOUAKE); anything else is dropped, not failed', () => {
    expect(alertFiltersToQuery({ depot: 'BOUAKE', status: 'all' })).toBe('?status=all&depot=BOUAKE');
    expect(parseAlertFilters({ depot: 'BOUAKE' }).depot).toBe('BOUAKE');
    expect(parseAlertFilters({ depot: "BOUAKE' or 1=1" }).depot).toBeUndefined();
    expect(parseAlertFilters({ depot: 'bouake' }).depot).toBeUndefined();
    expect(parseAlertFilters({ depot: 'X'.repeat(33) }).depot).toBeUndefined();
    expect(parseAlertFilters({}).depot).toBeUndefined();
  });
});

describe('four-eyes', () => {
  it('« À contre-signer » lives in the URL: ?countersign=1, and nothing else turns it on', () => {
    expect(alertFiltersToQuery({ countersign: true })).toBe('?countersign=1');
    expect(parseAlertFilters({ countersign: '1' }).countersign).toBe(true);
    expect(parseAlertFilters({ countersign: 'true' }).countersign).toBeUndefined();
    expect(parseAlertFilters({}).countersign).toBeUndefined();
  });

  it('offers « Résoudre » on an active alert unless a resolution awaits a countersignature while still detected', () => {
    expect(offersResolve(row({}))).toBe(true);
    expect(offersResolve(row({ status: 'ACK', awaiting_countersign: true }))).toBe(false);
    // The condition cleared since: a plain resolution is allowed again (the database's rule).
    expect(offersResolve(row({ status: 'ACK', awaiting_countersign: true, cleared_at: '2026-11-26T08:00:00Z' }))).toBe(true);
    expect(offersResolve(row({ status: 'RESOLVED' }))).toBe(false);
  });

  it('a rejection needs a note; an approval may go without; the note is trimmed and bounded', () => {
    const requestedAt = '2026-12-03T08:00:00.123+00:00';
    expect(countersignInput.safeParse({ id, approve: true, requestedAt }).success).toBe(true);
    const rejected = countersignInput.safeParse({ id, approve: false, note: ' \u200b ', requestedAt });
    expect(rejected.success).toBe(false);
    expect(rejected.error?.issues).toMatchObject([{ path: ['note'], message: 'countersignNoteRequired' }]);
    expect(countersignInput.safeParse({ id, approve: false, note: '  Refaire le jaugeage ', requestedAt }).data).toEqual({
      id,
      approve: false,
      note: 'Refaire le jaugeage',
      requestedAt,
    });
    expect(countersignInput.safeParse({ id, approve: true, note: 'x'.repeat(2001), requestedAt }).success).toBe(false);
    expect(countersignInput.safeParse({ id, approve: 'yes', requestedAt }).success).toBe(false);
    // The request the user read is named, as an instant.
    expect(countersignInput.safeParse({ id, approve: true }).success).toBe(false);
    expect(countersignInput.safeParse({ id, approve: true, requestedAt: 'hier' }).success).toBe(false);
    expect(countersignInput.safeParse({ id, approve: true, requestedAt, status: 'RESOLVED' }).success).toBe(false);
  });
});
