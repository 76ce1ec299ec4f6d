import { z } from 'zod';

/**
 * Inputs of the alert pages and actions, shared by the browser (early feedback) and the server
 * (the check that counts). Issue messages are keys of `dict.errors`.
 */
export const NOTE_MAX_LENGTH = 2000;
export const PAGE_SIZE = 50;
export const BULK_MAX = 100;

const note = z.string().trim().max(NOTE_MAX_LENGTH, { error: 'noteTooLong' });

// Strict objects: a forged field (`status`, `acknowledged_by`…) is refused, not silently dropped.
export const acknowledgeInput = z.strictObject({
  id: z.uuid({ error: 'notFound' }),
  note: note.optional(),
});

export const resolveInput = z.strictObject({
  id: z.uuid({ error: 'notFound' }),
  note: note.min(1, { error: 'resolutionNoteRequired' }),
  /** The user confirmed "resolve anyway" for an alert whose condition is still detected. */
  confirmActive: z.boolean().default(false),
});

export const bulkAcknowledgeInput = z.strictObject({
  ids: z.array(z.uuid({ error: 'notFound' })).min(1, { error: 'validation' }).max(BULK_MAX, { error: 'tooManySelected' }),
  note: note.optional(),
});

export const syncInput = z.object({}).strict();

export const STATUS_FILTERS = ['active', 'OPEN', 'ACK', 'RESOLVED', 'all'] as const;
export const SEVERITIES = ['CRITICAL', 'WARN', 'INFO'] as const;
export const SORTS = ['recent', 'oldest', 'severity'] as const;

export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type Sort = (typeof SORTS)[number];

/** Where the next page starts: the sort key values of the last row shown, and its id. */
export const cursorSchema = z.object({
  k: z.array(z.union([z.string().max(64), z.number()])).min(1).max(2),
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
    .max(200)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined),
  sort: z.enum(SORTS).catch('recent'),
  cursor: z.string().max(400).optional().catch(undefined),
});
export type AlertFilters = z.infer<typeof alertFiltersSchema>;

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
  });
}

/** The URL query for filters; defaults are left out so shared links stay short. */
export function alertFiltersToQuery(filters: Partial<AlertFilters>): string {
  const query = new URLSearchParams();
  if (filters.status && filters.status !== 'active') query.set('status', filters.status);
  if (filters.severity) query.set('severity', filters.severity);
  if (filters.check) query.set('check', filters.check);
  if (filters.q) query.set('q', filters.q);
  if (filters.sort && filters.sort !== 'recent') query.set('sort', filters.sort);
  if (filters.cursor) query.set('cursor', filters.cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}
