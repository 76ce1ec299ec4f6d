import type { z } from 'zod';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { acknowledgeInput, bulkAcknowledgeInput, resolveInput } from './schemas';

/**
 * Early feedback in the action dialogs, with the very schemas the server actions use: the same
 * rule, the same message (issue messages are keys of `dict.errors`).
 */
export type NoteFormErrors = { note?: string; form?: string };

export type NoteFormInput =
  | { kind: 'acknowledge'; id: string; note: string }
  | { kind: 'resolve'; id: string; note: string; confirmActive: boolean }
  | { kind: 'bulk'; ids: string[]; note: string };

function messageOf(key: string, dict: Dictionary): string {
  return Object.hasOwn(dict.errors, key) ? dict.errors[key as keyof Dictionary['errors']] : dict.errors.validation;
}

function errorsOf(error: z.ZodError, dict: Dictionary): NoteFormErrors {
  const errors: NoteFormErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] === 'note' ? 'note' : 'form';
    errors[field] ??= messageOf(issue.message, dict);
  }
  return errors;
}

/** null when the input is valid; otherwise the message per field. */
export function validateNoteForm(input: NoteFormInput, dict: Dictionary): NoteFormErrors | null {
  const result =
    input.kind === 'acknowledge'
      ? acknowledgeInput.safeParse({ id: input.id, note: input.note })
      : input.kind === 'resolve'
        ? resolveInput.safeParse({ id: input.id, note: input.note, confirmActive: input.confirmActive })
        : bulkAcknowledgeInput.safeParse({ ids: input.ids, note: input.note });
  return result.success ? null : errorsOf(result.error, dict);
}
