import { z } from 'zod';
import { trimNote } from '@/lib/text/blank';
import {
  ALERT_INPUT_ERRORS as E,
  BULK_MAX,
  COMMENT_MAX_LENGTH,
  entityRef,
  GROUPINGS,
  NOTE_MAX_LENGTH,
  SEARCH_MAX_LENGTH,
  SNOOZE_REASON_MAX_LENGTH,
  SORTS,
  STATUS_FILTERS,
  type AlertFilters,
} from './rules';
import { RESOLUTION_REASONS, SEVERITIES } from './vocabulary';

/**
 * Inputs of the alert pages and actions, checked on the server (the check that counts), built
 * from the limits and messages of `rules.ts`, which the browser's early feedback uses too.
 * Issue messages are keys of `dict.errors`. Server-only in practice: see `rules.ts`.
 */
// Trimmed of blank and invisible characters (zero-width spaces, soft hyphens…) as the database's
// trim_note() does: a note made only of them is empty.
const note = z.string().overwrite(trimNote).max(NOTE_MAX_LENGTH, { error: E.noteTooLong });

// Strict objects: a forged field (`status`, `acknowledged_by`…) is refused, not silently dropped.
export const acknowledgeInput = z.strictObject({
  id: z.uuid({ error: E.badId }),
  note: note.optional(),
});

export const resolveInput = z.strictObject({
  id: z.uuid({ error: E.badId }),
  /** Why: one of the fixed list (the database's constraint holds the same list). */
  reason: z.enum(RESOLUTION_REASONS, { error: E.reasonRequired }),
  note: note.min(1, { error: E.noteRequired }),
  /** The user confirmed "resolve anyway" for an alert whose condition is still detected. */
  confirmActive: z.boolean().default(false),
});

export const bulkAcknowledgeInput = z.strictObject({
  ids: z
    .array(z.uuid({ error: E.badId }))
    .min(1, { error: E.noSelection })
    .max(BULK_MAX, { error: E.tooManySelected }),
  note: note.optional(),
});

/** Resolve a selection (directeur): one reason and note for all; "resolve anyway" applies per alert. */
export const bulkResolveInput = z.strictObject({
  ids: z
    .array(z.uuid({ error: E.badId }))
    .min(1, { error: E.noSelection })
    .max(BULK_MAX, { error: E.tooManySelected }),
  reason: z.enum(RESOLUTION_REASONS, { error: E.reasonRequired }),
  note: note.min(1, { error: E.noteRequired }),
  /** Resolve too the selected alerts whose condition is still detected; without it they are skipped. */
  confirmActive: z.boolean().default(false),
});

/**
 * Four-eyes: a second directeur countersigns (approve) or rejects a pending resolution; a
 * rejection needs a note (the requester reads why), an approval may carry one.
 */
export const countersignInput = z
  .strictObject({
    id: z.uuid({ error: E.badId }),
    approve: z.boolean(),
    note: note.optional(),
    /** When the request the user read was made: a request made since (another one) is refused. */
    requestedAt: z.iso.datetime({ offset: true, error: E.badId }),
  })
  .refine((input) => input.approve || (input.note ?? '').length > 0, {
    error: E.countersignNoteRequired,
    path: ['note'],
  });

export const commentInput = z.strictObject({
  id: z.uuid({ error: E.badId }),
  // Trimmed as the database's trim_note() does; counted in code points, as char_length() counts.
  body: z
    .string()
    .overwrite(trimNote)
    .min(1, { error: E.commentRequired })
    .refine((text) => Array.from(text).length <= COMMENT_MAX_LENGTH, { error: E.commentTooLong }),
});

export const assignInput = z.strictObject({
  id: z.uuid({ error: E.badId }),
  /** The admin or directeur to assign; null: nobody. */
  assignee: z.uuid({ error: E.badAssignee }).nullable(),
  /** Who the user saw assigned (null: nobody): someone else's change in between is refused and named. */
  expected: z.uuid({ error: E.badAssignee }).nullable(),
});

export const snoozeInput = z.strictObject({
  id: z.uuid({ error: E.badId }),
  /** The end, as a `datetime-local` field gives it: a wall-clock time in the depot's time zone. */
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: E.snoozeUntilInvalid }),
  reason: z
    .string()
    .overwrite(trimNote)
    .min(1, { error: E.snoozeReasonRequired })
    .refine((text) => Array.from(text).length <= SNOOZE_REASON_MAX_LENGTH, { error: E.snoozeReasonTooLong }),
  /** The pause end the user saw (null: not paused): someone else's change in between is refused and named. */
  expected: z.iso.datetime({ offset: true }).nullable(),
});

export const endSnoozeInput = z.strictObject({ id: z.uuid({ error: E.badId }) });

export const syncInput = z.object({}).strict();

/** What `public.sync_system_alerts()` answers (jsonb) when the run failed: it is recorded, not raised. */
export const syncFailureSchema = z.object({
  ok: z.literal(false),
  run_id: z.number().int(),
  error_code: z.string(),
});

/** What `public.sync_system_alerts()` answers (jsonb): the run's counts and time. */
export const syncResultSchema = z.object({
  checks: z.number().int().nonnegative(),
  opened: z.number().int().nonnegative(),
  refreshed: z.number().int().nonnegative(),
  cleared: z.number().int().nonnegative(),
  ran_at: z.string(),
  duration_ms: z.number().nonnegative(),
});

/** Where the next page starts: the sort key values of the last row shown, and its id. */
export const cursorSchema = z.object({
  k: z
    .array(z.union([z.string().max(64), z.number()]))
    .min(1)
    .max(2),
  id: z.uuid(),
});
export type Cursor = z.infer<typeof cursorSchema>;

// The cursor's JSON is ASCII (timestamps, numbers, a UUID), so btoa/atob suffice in both runtimes.
export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(atob(value.replace(/-/g, '+').replace(/_/g, '/'))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The alert list's filters as they live in the URL (`?status=OPEN&severity=CRITICAL&q=T05`), so a
 * view can be shared. Anything unknown falls back to the default instead of failing the page.
 */
export const alertFiltersSchema = z.object({
  status: z.enum(STATUS_FILTERS).catch('active'),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  check: z
    .string()
    .regex(/^[A-Z0-9_]{1,64}$/)
    .optional()
    .catch(undefined),
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined),
  sort: z.enum(SORTS).catch('recent'),
  cursor: z.string().max(400).optional().catch(undefined),
  mine: z
    .literal('1')
    .transform(() => true)
    .optional()
    .catch(undefined),
  snoozed: z
    .literal('1')
    .transform(() => true)
    .optional()
    .catch(undefined),
  silenced: z
    .literal('1')
    .transform(() => true)
    .optional()
    .catch(undefined),
  countersign: z
    .literal('1')
    .transform(() => true)
    .optional()
    .catch(undefined),
  entity: z
    .string()
    .refine((value) => entityRef(value) !== null)
    .optional()
    .catch(undefined),
  depot: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/)
    .optional()
    .catch(undefined),
  group: z.enum(GROUPINGS).optional().catch(undefined),
}) satisfies z.ZodType<AlertFilters>;
export type { AlertFilters };

/** Reads filters from Next's `searchParams` (or URLSearchParams). */
export function parseAlertFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): AlertFilters {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return alertFiltersSchema.parse({
    status: get('status'),
    severity: get('severity'),
    check: get('check'),
    q: get('q'),
    sort: get('sort'),
    cursor: get('cursor'),
    mine: get('mine'),
    snoozed: get('snoozed'),
    silenced: get('silenced'),
    countersign: get('countersign'),
    entity: get('entity'),
    depot: get('depot'),
    group: get('group'),
  });
}
