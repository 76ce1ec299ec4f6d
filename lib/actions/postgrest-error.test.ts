import { describe, expect, it } from 'vitest';
import { dictionaries } from '@/lib/i18n/dictionaries';
import { DatabaseError, isUnavailableError, refusalOf, SESSION_ENDED_CODE, toActionError } from './postgrest-error';

const dict = dictionaries.fr;

describe('toActionError', () => {
  it('turns the database write limit into rate_limited with the wait it asks for', () => {
    const error = toActionError({ code: 'rate_limited', message: 'x', details: '{"retry_after_seconds" : 17}' }, dict, 429);
    expect(error).toMatchObject({
      code: 'rate_limited',
      message: 'Trop de demandes en peu de temps : réessayez dans 17 s. Rien n’a été modifié.',
    });
    expect(toActionError({ code: 'rate_limited', message: 'x', details: null }, dict).message).toContain('60 s');
  });

  it('reads an ended session or an invalid token as unauthenticated', () => {
    for (const code of [SESSION_ENDED_CODE, 'PGRST301', 'PGRST303']) {
      expect(toActionError({ code, message: 'x' }, dict, 401)).toMatchObject({
        code: 'unauthenticated',
        message: dict.errors.sessionExpired,
      });
    }
  });

  it('reports too many alerts at once as a validation failure', () => {
    expect(toActionError({ code: '22023', message: 'x', hint: 'too_many_alerts' }, dict, 400)).toMatchObject({
      code: 'validation',
      message: dict.errors.tooManySelected,
    });
  });

  it('keeps the other refusals as they were', () => {
    expect(toActionError({ code: '42501', message: 'x' }, dict, 403).code).toBe('forbidden');
    expect(toActionError({ code: 'P0001', message: 'x', hint: 'already_ack' }, dict, 400).code).toBe('conflict');
    expect(toActionError({ code: '', message: 'fetch failed' }, dict).code).toBe('unavailable');
    expect(isUnavailableError({ code: 'PGRST002' })).toBe(true);
  });

  it('keeps what a failed read knew: a gateway without PostgREST is unavailable', () => {
    const error = new DatabaseError('alert 1', { code: '', message: 'PostgREST is not reachable' }, 502);
    expect(error.message).toBe('alert 1: PostgREST is not reachable');
    expect(toActionError(error.error, dict, error.status).code).toBe('unavailable');
  });

  it('keeps the database rule behind a refusal the console had allowed (RULES_DISAGREE), and only there', () => {
    expect(toActionError({ code: '42501', message: 'x', hint: 'resolve_requires_directeur' }, dict, 403).refusal).toEqual({
      sqlstate: '42501',
      rule: 'resolve_requires_directeur',
    });
    expect(toActionError({ code: '23514', message: 'x', hint: 'resolution_note_required' }, dict, 400)).toMatchObject({
      code: 'validation',
      refusal: { sqlstate: '23514', rule: 'resolution_note_required' },
    });
    // Races, limits and unreachable databases are not disagreements.
    for (const error of [
      { code: 'P0001', message: 'x', hint: 'already_ack' },
      { code: 'rate_limited', message: 'x' },
      { code: '22023', message: 'x', hint: 'too_many_alerts' },
      { code: '', message: 'fetch failed' },
    ]) {
      expect(toActionError(error, dict).refusal).toBeUndefined();
    }
  });
});

describe('refusalOf', () => {
  it('names the rule from the hint, else from the kind of 42501', () => {
    expect(refusalOf({ code: '42501', hint: 'actor_required' })).toEqual({ sqlstate: '42501', rule: 'actor_required' });
    expect(refusalOf({ code: '42501', message: 'new row violates row-level security policy for table "system_alerts"' })).toEqual({
      sqlstate: '42501',
      rule: 'rls_check',
    });
    expect(refusalOf({ code: '42501', message: 'permission denied for table system_alerts' }).rule).toBe('privilege');
    expect(refusalOf({ code: '42501', message: 'something else' }).rule).toBe('refused');
    // A hint that is not a rule name (free text) is not passed on as one.
    expect(refusalOf({ code: '42501', hint: 'Perhaps you meant…', message: 'permission denied for view x' }).rule).toBe('privilege');
  });
});
