import type { ActionFailure, ActionResult } from './result';

/**
 * Runs a server action from the browser. Expected failures already come back as values; a thrown
 * error means the request itself failed (server down, connection lost), which the user is told as
 * `networkMessage` — never as a raw error.
 */
export async function callAction<T>(run: () => Promise<ActionResult<T>>, networkMessage: string): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, code: 'unavailable', message: networkMessage };
  }
}

/** An ActionFailure carried through code that expects thrown errors (TanStack's `onError`). */
export class ActionFailedError extends Error {
  constructor(readonly failure: ActionFailure) {
    super(failure.message);
    this.name = 'ActionFailedError';
  }
}

/** Unwraps a result for `useMutation`: the data, or an ActionFailedError. */
export async function unwrapAction<T>(run: () => Promise<ActionResult<T>>, networkMessage: string): Promise<T> {
  const result = await callAction(run, networkMessage);
  if (!result.ok) throw new ActionFailedError(result);
  return result.data;
}

/** The failure behind an error from `unwrapAction`; anything else thrown becomes `unexpected`. */
export function failureOf(error: unknown, unexpectedMessage: string): ActionFailure {
  return error instanceof ActionFailedError ? error.failure : { ok: false, code: 'unexpected', message: unexpectedMessage };
}
