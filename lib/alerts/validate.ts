import type { Dictionary } from '@/lib/i18n/dictionaries';
import { ALERT_INPUT_ERRORS, noteIssue, selectionIssue } from './rules';
import { isResolutionReason } from './vocabulary';

/**
 * Early feedback in the action dialogs, with the rules the server actions' schemas are built from
 * (`rules.ts`): the same limits, the same messages (keys of `dict.errors`). The ids come from rows
 * the server listed, so only the server checks them (it answers `notFound` for a malformed one).
 */
export type NoteFormErrors = { note?: string; reason?: string; form?: string };

export type NoteFormInput =
  | { kind: 'acknowledge'; id: string; note: string }
  | { kind: 'resolve'; id: string; reason: string | null; note: string; confirmActive: boolean }
  | { kind: 'bulk'; ids: string[]; note: string }
  | { kind: 'bulkResolve'; ids: string[]; reason: string | null; note: string; confirmActive: boolean };

function messageOf(key: string, dict: Pick<Dictionary, 'errors'>): string {
  return Object.hasOwn(dict.errors, key) ? dict.errors[key as keyof Dictionary['errors']] : dict.errors.validation;
}

/** null when the input is valid; otherwise the message per field. */
export function validateNoteForm(input: NoteFormInput, dict: Pick<Dictionary, 'errors'>): NoteFormErrors | null {
  const errors: NoteFormErrors = {};
  const resolving = input.kind === 'resolve' || input.kind === 'bulkResolve';
  const note = noteIssue(input.note, { required: resolving });
  if (note) errors.note = messageOf(note, dict);
  if (resolving && !isResolutionReason(input.reason)) errors.reason = messageOf(ALERT_INPUT_ERRORS.reasonRequired, dict);
  const selection = input.kind === 'bulk' || input.kind === 'bulkResolve' ? selectionIssue(input.ids.length) : null;
  if (selection) errors.form = messageOf(selection, dict);
  return errors.note || errors.reason || errors.form ? errors : null;
}
