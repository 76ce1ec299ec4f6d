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

/**
 * The database's refusal of a request the console had allowed (RULES_DISAGREE): its SQLSTATE and
 * the rule that refused — the hint the database raised it with, or the kind of 42501.
 */
export type DatabaseRefusal = { sqlstate: string; rule: string };

/** Thrown inside an action handler to return an expected failure. */
export class ActionError extends Error {
  readonly code: ActionErrorCode;
  readonly fieldErrors?: Record<string, string[]>;
  /** Set when the database refused what the console's own rules allowed. Never sent to the browser. */
  readonly refusal?: DatabaseRefusal;

  constructor(code: ActionErrorCode, message: string, fieldErrors?: Record<string, string[]>, refusal?: DatabaseRefusal) {
    super(message);
    this.name = 'ActionError';
    this.code = code;
    if (fieldErrors) this.fieldErrors = fieldErrors;
    if (refusal) this.refusal = refusal;
  }
}
