import type { Dictionary } from '@/lib/i18n/dictionaries';
import { interpolate } from '@/lib/i18n/format';
import { ActionError, type DatabaseRefusal } from './result';

/** The database's answer to a token whose session has ended (api_guard.check_request, HTTP 401). */
export const SESSION_ENDED_CODE = 'session_not_found';

/** The shape supabase-js gives PostgREST (and network) errors. */
export type PostgrestLikeError = { code?: string; message?: string; hint?: string | null; details?: string | null };

/**
 * A database request that failed, with PostgREST's answer and its HTTP status: query modules throw
 * it, pages let it reach their error boundary, and an action turns it into the failure the user
 * sees (toActionError) — a database that cannot be reached is "unavailable", not "unexpected".
 */
export class DatabaseError extends Error {
  readonly error: PostgrestLikeError;
  readonly status: number | undefined;

  constructor(what: string, error: PostgrestLikeError, status?: number) {
    super(`${what}: ${error.message || error.code || 'no answer'}`);
    this.name = 'DatabaseError';
    this.error = error;
    this.status = status;
  }
}

/**
 * Turns a database refusal into the failure the user sees. The database has the last word on every
 * rule; this only translates its answer. Conflicts that need names (who acknowledged first) are
 * phrased by the caller, which knows the alert. `status` is the HTTP status of the answer, when
 * the caller has it.
 */
export function toActionError(error: PostgrestLikeError, dict: Dictionary, status?: number): ActionError {
  if (isUnavailableError(error, status)) return new ActionError('unavailable', dict.errors.network);
  const hint = error.hint ?? '';
  if (hint === 'resolution_note_required') {
    // The console checked the note first (the same blank set as the trigger): a refusal here means
    // the two disagree.
    return new ActionError(
      'validation',
      dict.errors.resolutionNoteRequired,
      { note: [dict.errors.resolutionNoteRequired] },
      { sqlstate: error.code || '23514', rule: hint },
    );
  }
  if (hint === 'resolution_reason_required') {
    return new ActionError(
      'validation',
      dict.errors.resolutionReasonRequired,
      { reason: [dict.errors.resolutionReasonRequired] },
      { sqlstate: error.code || '23514', rule: hint },
    );
  }
  if (hint.startsWith('already_') || hint === 'invalid_transition') {
    return new ActionError('conflict', dict.errors.invalidTransition);
  }
  // api_guard.check_request(): the per-user write limit, and a session that has ended.
  if (error.code === 'rate_limited') {
    return new ActionError('rate_limited', interpolate(dict.errors.rateLimited, { seconds: retryAfterSeconds(error.details) }));
  }
  if (hint === 'too_many_alerts') return new ActionError('validation', dict.errors.tooManySelected);
  if (error.code === SESSION_ENDED_CODE || error.code === 'PGRST301' || error.code === 'PGRST302' || error.code === 'PGRST303') {
    return new ActionError('unauthenticated', dict.errors.sessionExpired);
  }
  if (error.code === '42501') return new ActionError('forbidden', dict.errors.forbidden, undefined, refusalOf(error));
  if (error.code === '22P02' || error.code === '23514') return new ActionError('validation', dict.errors.validation);
  return new ActionError('unexpected', dict.errors.unexpected);
}

const RULE_NAME = /^[a-z0-9][a-z0-9_]{0,63}$/;

/**
 * Which rule a 42501 came from: the hint the database raised it with (the workflow trigger's
 * `resolve_requires_directeur`, `actor_required`…), else its kind — an RLS check on the written row
 * or a missing grant. Exported for the unit tests.
 */
export function refusalOf(error: PostgrestLikeError): DatabaseRefusal {
  const hint = error.hint ?? '';
  const message = error.message ?? '';
  const rule = RULE_NAME.test(hint)
    ? hint
    : /row-level security/i.test(message)
      ? 'rls_check'
      : /^permission denied/i.test(message)
        ? 'privilege'
        : 'refused';
  return { sqlstate: error.code || '42501', rule };
}

/** The wait the database asks for after a refused write (its `details` JSON), 60 s when unknown. */
function retryAfterSeconds(details: string | null | undefined): number {
  try {
    const seconds = (JSON.parse(details ?? '') as { retry_after_seconds?: unknown }).retry_after_seconds;
    return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 60;
  } catch {
    return 60;
  }
}

/** PostgREST's own codes for "the database cannot be reached" (503/504). */
const DATABASE_UNREACHABLE_CODES = new Set(['PGRST000', 'PGRST001', 'PGRST002', 'PGRST003']);

/**
 * The request never got a database's answer: the fetch failed (connection refused, reset), the
 * gateway answered 502/503/504 (PostgREST down), or PostgREST could not reach PostgreSQL.
 * supabase-js reports the first two with an empty code: every answer PostgREST gives has one.
 */
export function isUnavailableError(error: PostgrestLikeError, status?: number): boolean {
  if (status === 502 || status === 503 || status === 504) return true;
  if (error.code && DATABASE_UNREACHABLE_CODES.has(error.code)) return true;
  return !error.code;
}
