import type { Dictionary } from '@/lib/i18n/dictionaries';
import { ActionError } from './result';

/** The shape supabase-js gives PostgREST (and network) errors. */
export type PostgrestLikeError = { code?: string; message?: string; hint?: string | null; details?: string | null };

/**
 * Turns a database refusal into the failure the user sees. The database has the last word on every
 * rule; this only translates its answer. Conflicts that need names (who acknowledged first) are
 * phrased by the caller, which knows the alert.
 */
export function toActionError(error: PostgrestLikeError, dict: Dictionary): ActionError {
  const hint = error.hint ?? '';
  if (hint === 'resolution_note_required') {
    return new ActionError('validation', dict.errors.resolutionNoteRequired, { note: [dict.errors.resolutionNoteRequired] });
  }
  if (hint.startsWith('already_') || hint === 'invalid_transition') {
    return new ActionError('conflict', dict.errors.invalidTransition);
  }
  if (error.code === 'PGRST301' || error.code === 'PGRST302' || error.code === 'PGRST303') {
    return new ActionError('unauthenticated', dict.errors.sessionExpired);
  }
  if (error.code === '42501') return new ActionError('forbidden', dict.errors.forbidden);
  if (error.code === '22P02' || error.code === '23514') return new ActionError('validation', dict.errors.validation);
  if (isNetworkError(error)) return new ActionError('unavailable', dict.errors.network);
  return new ActionError('unexpected', dict.errors.unexpected);
}

/** supabase-js reports a failed fetch (server down, connection refused) with an empty code. */
export function isNetworkError(error: PostgrestLikeError): boolean {
  return !error.code && /fetch failed|network|ECONNREFUSED|socket|terminated/i.test(`${error.message ?? ''} ${error.details ?? ''}`);
}
