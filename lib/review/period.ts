import { z } from 'zod';
import { instantToZoned, zonedToInstant } from '@/lib/i18n/zoned-time';

/**
 * The review page's selection as it lives in the URL — `?period=30d`, `?period=month&month=2026-11`,
 * `?period=custom&from=2026-11-01&to=2026-11-15`, each with an optional `&depot=BOUAKE` — and the
 * instants it names. Days and months are the depot's (its time zone): a month is from its first day
 * 00:00 to the next month's, a custom period from its first day 00:00 to the day after its last.
 * Anything unreadable falls back to the default (the last 30 days), never to an error page.
 */
export const REVIEW_PERIODS = ['7d', '30d', '90d', 'month', 'custom'] as const;
export type ReviewPeriod = (typeof REVIEW_PERIODS)[number];
export const DEFAULT_REVIEW_PERIOD: ReviewPeriod = '30d';
/** The longest custom period (the database refuses more than 400 days). */
export const MAX_REVIEW_DAYS = 366;

const DAY_MS = 86_400_000;
/** The first day a review can cover (as attest_review() allows). */
const MIN_DAY = '2000-01-01';
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const reviewSelectionSchema = z.object({
  period: z.enum(REVIEW_PERIODS).catch(DEFAULT_REVIEW_PERIOD),
  month: month.optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  depot: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/)
    .optional()
    .catch(undefined),
});
export type ReviewSelection = z.infer<typeof reviewSelectionSchema>;

export type ReviewBounds = {
  since: Date;
  until: Date;
  /** What the page shows as the period: its first and last day (inclusive), in the depot's zone. */
  firstDay: string;
  lastDay: string;
};

/** Reads the selection from Next's `searchParams` (or URLSearchParams). */
export function parseReviewSelection(params: Record<string, string | string[] | undefined> | URLSearchParams): ReviewSelection {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return reviewSelectionSchema.parse({
    period: get('period'),
    month: get('month'),
    from: get('from'),
    to: get('to'),
    depot: get('depot'),
  });
}

/** The URL query of a selection (the default period left out; only the fields its period uses). */
export function reviewSelectionToQuery(selection: ReviewSelection): string {
  const query = new URLSearchParams();
  if (selection.period !== DEFAULT_REVIEW_PERIOD) query.set('period', selection.period);
  if (selection.period === 'month' && selection.month) query.set('month', selection.month);
  if (selection.period === 'custom') {
    if (selection.from) query.set('from', selection.from);
    if (selection.to) query.set('to', selection.to);
  }
  if (selection.depot) query.set('depot', selection.depot);
  const text = query.toString();
  return text ? `?${text}` : '';
}

const dayStart = (date: string, timeZone: string) => zonedToInstant(`${date}T00:00`, timeZone);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const previousDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/** The month before the one `now` is in, in `timeZone` (`YYYY-MM`): the board reviews the last month. */
export function previousMonth(now: Date, timeZone: string): string {
  const [year, monthNumber] = instantToZoned(now, timeZone).slice(0, 7).split('-').map(Number) as [number, number];
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;
}

/**
 * The instants a selection names as of `now`, or the reason it names none (a month or days still to
 * come, an end before the start, too long). A rolling period ends now; a month or custom period at
 * the end of its last day.
 */
export function reviewBounds(
  selection: ReviewSelection,
  now: Date,
  timeZone: string,
): { ok: true; bounds: ReviewBounds } | { ok: false; reason: 'future' | 'order' | 'too_long' | 'incomplete' } {
  const today = instantToZoned(now, timeZone).slice(0, 10);
  if (selection.period === '7d' || selection.period === '30d' || selection.period === '90d') {
    const days = Number.parseInt(selection.period, 10);
    const since = new Date(now.getTime() - days * DAY_MS);
    return { ok: true, bounds: { since, until: now, firstDay: instantToZoned(since, timeZone).slice(0, 10), lastDay: today } };
  }
  if (selection.period === 'month') {
    const chosen = selection.month ?? previousMonth(now, timeZone);
    const first = `${chosen}-01`;
    if (first > today) return { ok: false, reason: 'future' };
    const [year, monthNumber] = chosen.split('-').map(Number) as [number, number];
    const next = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
    const since = dayStart(first, timeZone);
    const until = dayStart(next, timeZone);
    // A midnight the zone's clocks skip (or an offset of seconds in a distant past) names no instant.
    if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime()) || first < MIN_DAY) return { ok: false, reason: 'incomplete' };
    return { ok: true, bounds: { since, until, firstDay: first, lastDay: previousDay(next) } };
  }
  if (!selection.from || !selection.to) return { ok: false, reason: 'incomplete' };
  const since = dayStart(selection.from, timeZone);
  const until = dayStart(nextDay(selection.to), timeZone);
  if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime()) || selection.from < MIN_DAY)
    return { ok: false, reason: 'incomplete' };
  if (selection.from > today) return { ok: false, reason: 'future' };
  if (selection.to < selection.from) return { ok: false, reason: 'order' };
  if (until.getTime() - since.getTime() > (MAX_REVIEW_DAYS + 1) * DAY_MS) return { ok: false, reason: 'too_long' };
  return { ok: true, bounds: { since, until, firstDay: selection.from, lastDay: selection.to } };
}
