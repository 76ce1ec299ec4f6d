import { z } from 'zod';
import { zonedToInstant } from '@/lib/i18n/zoned-time';

/**
 * The audit page's filters as they live in the URL (`?from=2026-11-01&to=2026-11-25&type=resolved`),
 * shared by the page (where anything unreadable falls back to its default) and the export route
 * (where it is a 400). Dates are calendar days in the depot's time zone, both ends included.
 */
export const AUDIT_EVENT_TYPES = [
  'opened',
  'seen_again',
  'cleared',
  'acknowledged',
  'resolved',
  'escalated',
  'notified',
  'settings_changed',
  'commented',
  'assigned',
  'delivery_retried',
  'snoozed',
  'unsnoozed',
  'silence_created',
  'silence_ended',
  'unsilenced',
  'resolution_requested',
  'countersigned',
  'resolution_rejected',
  'review_attested',
  'report_generated',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** The actor filter's value for events written by the scheduler (no user). */
export const SYSTEM_ACTOR = 'system';
export const AUDIT_PAGE_SIZE = 50;
export const DEFAULT_PERIOD_DAYS = 30;
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const DAY_MS = 86_400_000;
const MIN_DATE = '2000-01-01';
const MAX_DATE = '2099-12-31';

/** A real calendar day, YYYY-MM-DD (2026-02-30 is refused). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < MIN_DATE || value > MAX_DATE) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// An empty form field ("Tous") means "no filter".
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

const fields = {
  from: z.string().refine(isCalendarDate, { error: 'invalidDate' }),
  to: z.string().refine(isCalendarDate, { error: 'invalidDate' }),
  actor: z.union([z.literal(SYSTEM_ACTOR), z.uuid().transform((id) => id.toLowerCase())]),
  check: z.string().regex(/^[A-Z0-9_]{1,64}$/, { error: 'invalidCheck' }),
  type: z.enum(AUDIT_EVENT_TYPES),
  /** A depot's code: its events only (head office's choice; a depot's people see theirs anyway). */
  depot: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, { error: 'invalidDepot' }),
  /** Keyset cursor: the id of the last (oldest) event shown; the next page starts below it. */
  before: z
    .string()
    .regex(/^[1-9]\d{0,14}$/)
    .transform(Number),
};

type RawFilters = {
  from?: string;
  to?: string;
  actor?: string;
  check?: string;
  type?: AuditEventType;
  depot?: string;
  before?: number;
};

/** Strict: the export route answers 400 when a value is nonsense. */
export const auditFiltersStrictSchema = z.object({
  from: z.preprocess(blankToUndefined, fields.from.optional()),
  to: z.preprocess(blankToUndefined, fields.to.optional()),
  actor: z.preprocess(blankToUndefined, fields.actor.optional()),
  check: z.preprocess(blankToUndefined, fields.check.optional()),
  type: z.preprocess(blankToUndefined, fields.type.optional()),
  depot: z.preprocess(blankToUndefined, fields.depot.optional()),
});

/** Lenient: the page shows its defaults instead of failing on a mangled link. */
export const auditFiltersLenientSchema = z.object({
  from: z.preprocess(blankToUndefined, fields.from.optional()).catch(undefined),
  to: z.preprocess(blankToUndefined, fields.to.optional()).catch(undefined),
  actor: z.preprocess(blankToUndefined, fields.actor.optional()).catch(undefined),
  check: z.preprocess(blankToUndefined, fields.check.optional()).catch(undefined),
  type: z.preprocess(blankToUndefined, fields.type.optional()).catch(undefined),
  depot: z.preprocess(blankToUndefined, fields.depot.optional()).catch(undefined),
  before: z.preprocess(blankToUndefined, fields.before.optional()).catch(undefined),
});

/** `scope=all`: the whole ledger, no filter at all (not even the default period). */
export const EXPORT_SCOPE_ALL = 'all';

export const exportQuerySchema = auditFiltersStrictSchema.extend({
  format: z.enum(EXPORT_FORMATS),
  scope: z.preprocess(blankToUndefined, z.literal(EXPORT_SCOPE_ALL).optional()),
});

/** The filters once defaults are applied: always a period. */
export type AuditFilters = {
  from: string;
  to: string;
  /** The depot's time zone the days are read in (the setting, when the filters were resolved). */
  timeZone: string;
  actor?: string;
  check?: string;
  type?: AuditEventType;
  /** A depot's code, as the URL names it. */
  depot?: string;
  /** That depot's id, once the caller has read it (as the user: another depot's is unknown). */
  depotId?: string;
  before?: number;
  /** The URL had the end before the start; the two were exchanged. */
  swapped?: boolean;
};

/** Today's date (YYYY-MM-DD) in the depot's time zone. */
export function depotToday(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Defaults (the last 30 days up to today) and a reversed period put right. */
export function resolveAuditFilters(raw: RawFilters, timeZone: string, now: Date = new Date()): AuditFilters {
  const today = depotToday(now, timeZone);
  let from = raw.from ?? (raw.to ? addDays(raw.to, -DEFAULT_PERIOD_DAYS) : addDays(today, -DEFAULT_PERIOD_DAYS));
  let to = raw.to ?? (raw.from && raw.from > today ? raw.from : today);
  const swapped = to < from;
  if (swapped) [from, to] = [to, from];
  const filters: AuditFilters = { from, to, timeZone };
  if (raw.actor) filters.actor = raw.actor;
  if (raw.check) filters.check = raw.check;
  if (raw.type) filters.type = raw.type;
  if (raw.depot) filters.depot = raw.depot;
  if (raw.before) filters.before = raw.before;
  if (swapped) filters.swapped = true;
  return filters;
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function pick(params: Params, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    keys.map((key) => {
      const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
      return [key, Array.isArray(value) ? value[0] : value];
    }),
  );
}

/** The page: Next's `searchParams` → filters, never failing. */
export function parseAuditFilters(params: Params, timeZone: string, now: Date = new Date()): AuditFilters {
  const raw = auditFiltersLenientSchema.parse(pick(params, ['from', 'to', 'actor', 'check', 'type', 'depot', 'before']));
  return resolveAuditFilters(raw, timeZone, now);
}

/**
 * `filters: null` is the whole ledger (`scope=all`): the one export whose verification can prove
 * that no event is missing between its first and last and that it ends at the chain's head.
 */
export type ExportQuery = { format: ExportFormat; filters: AuditFilters | null };

/** The export route: the query → format and filters, or the zod issues for a 400. */
export function parseExportQuery(
  params: URLSearchParams,
  timeZone: string,
  now: Date = new Date(),
): { ok: true; value: ExportQuery } | { ok: false; issues: { field: string; message: string }[] } {
  const parsed = exportQuerySchema.safeParse(pick(params, ['format', 'scope', 'from', 'to', 'actor', 'check', 'type', 'depot']));
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'query', message: issue.message })),
    };
  }
  const { format, scope, ...raw } = parsed.data;
  if (scope === EXPORT_SCOPE_ALL) {
    const given = Object.keys(raw).filter((field) => raw[field as keyof typeof raw] !== undefined);
    if (given.length > 0) return { ok: false, issues: given.map((field) => ({ field, message: 'notWithScopeAll' })) };
    return { ok: true, value: { format, filters: null } };
  }
  const filters = resolveAuditFilters(raw, timeZone, now);
  delete filters.swapped;
  return { ok: true, value: { format, filters } };
}

/**
 * The URL query for filters. The period is always written, so a link or an export names exactly
 * what it covers; the cursor only when asked for.
 */
export function auditFiltersToQuery(filters: Omit<AuditFilters, 'timeZone' | 'depotId'>, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra);
  query.set('from', filters.from);
  query.set('to', filters.to);
  if (filters.actor) query.set('actor', filters.actor);
  if (filters.check) query.set('check', filters.check);
  if (filters.type) query.set('type', filters.type);
  if (filters.depot) query.set('depot', filters.depot);
  if (filters.before) query.set('before', String(filters.before));
  return `?${query.toString()}`;
}

/** Midnight at the start of `date` in `timeZone`, as a UTC instant. */
export function startOfDepotDay(date: string, timeZone: string): Date {
  return zonedToInstant(`${date}T00:00`, timeZone);
}

/** The period as a half-open range of instants: [start of `from`, start of the day after `to`). */
export function periodBounds(filters: Pick<AuditFilters, 'from' | 'to' | 'timeZone'>) {
  return {
    gte: startOfDepotDay(filters.from, filters.timeZone).toISOString(),
    lt: startOfDepotDay(addDays(filters.to, 1), filters.timeZone).toISOString(),
  };
}

/** The filters as the export's header and manifest record them (only those set); {} for the whole ledger. */
export function exportedFilters(filters: AuditFilters | null): Record<string, string> {
  if (!filters) return {};
  const recorded: Record<string, string | undefined> = {
    from: filters.from,
    to: filters.to,
    time_zone: filters.timeZone,
    actor: filters.actor,
    check: filters.check,
    type: filters.type,
    depot: filters.depot,
  };
  return Object.fromEntries(Object.entries(recorded).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
