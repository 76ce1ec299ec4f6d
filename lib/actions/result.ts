/**
 * What every server action returns: expected failures are values the UI shows, never exceptions.
 * Shared by server and client code (no server-only imports here).
 */
export type ActionErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'confirmation_required'
  | 'rate_limited'
  | 'not_found'
  | 'unavailable'
  | 'unexpected';

export type ActionFailure = {
  ok: false;
  code: ActionErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
};

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** Thrown inside an action handler to return an expected failure. */
export class ActionError extends Error {
  readonly code: ActionErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: ActionErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = 'ActionError';
    this.code = code;
    if (fieldErrors) this.fieldErrors = fieldErrors;
  }
}
