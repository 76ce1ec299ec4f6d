/**
 * Assertions on PostgREST answers. A refusal is asserted exactly: the SQLSTATE and, for the
 * workflow trigger, the hint it raises.
 */
import { expect } from 'vitest';

type PostgrestAnswer = {
  data: unknown;
  error: { code: string; message: string; details: string | null; hint: string | null } | null;
  status: number;
};

/** The request failed with this SQLSTATE (and hint, when given); no data came back. */
export function expectError(answer: PostgrestAnswer, code: string, hint?: string | null): void {
  expect(answer.error, `expected error ${code}${hint ? ` (${hint})` : ''}, got data ${JSON.stringify(answer.data)}`).not.toBeNull();
  expect(answer.error?.code).toBe(code);
  if (hint !== undefined) expect(answer.error?.hint).toBe(hint);
  expect(answer.data).toBeNull();
}

/** "permission denied for …": no grant for this role. */
export function expectPermissionDenied(answer: PostgrestAnswer): void {
  expectError(answer, '42501');
  expect(answer.error?.message).toMatch(/^permission denied for /);
}

/** The request succeeded but touched (or returned) no row: RLS filtered it out. */
export function expectNoRows(answer: PostgrestAnswer): void {
  expect(answer.error).toBeNull();
  expect(answer.data).toEqual([]);
}
