import { trimNote } from '@/lib/text/blank';
import { ALERT_STATUSES, type Severity } from './vocabulary';

/**
 * The alert pages' limits, choices and messages as plain values, with no zod: the browser bundle
 * uses them for early feedback and for building URLs, and `schemas.ts` builds the server's zod
 * schemas (the check that counts) from the very same values. Messages are keys of `dict.errors`.
 *
 * IMPORTANT: browser code imports this module, never `schemas.ts` (its zod schemas are built at
 * module load, so any import of it puts zod in the page's JavaScript).
 */
export const NOTE_MAX_LENGTH = 2000;
/** A comment, in characters (code points, as the database counts), once trimmed: 1 to 2000. */
export const COMMENT_MAX_LENGTH = 2000;
export const PAGE_SIZE = 50;
export const BULK_MAX = 100;
/** A snooze's reason, in characters once trimmed (1 to 500), and how far ahead it may end. */
export const SNOOZE_REASON_MAX_LENGTH = 500;
export const SNOOZE_MAX_DAYS = 30;
/** The alert list's text search, in characters. */
export const SEARCH_MAX_LENGTH = 200;

/** The list's status filter: the active alerts (default), one status, or all. */
export const STATUS_FILTERS = ['active', ...ALERT_STATUSES, 'all'] as const;
export const SORTS = ['recent', 'oldest', 'severity'] as const;
/** How the list can group its alerts: by check code, or by object (entity). */
export const GROUPINGS = ['check', 'entity'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** An object (entity) as the list's filter names it: `type:id`. */
export type EntityRef = { type: string; id: string };

export function entityRef(value: string | undefined): EntityRef | null {
  const match = value ? /^([a-z_]{1,40}):(.{1,200})$/s.exec(value) : null;
  return match ? { type: match[1]!, id: match[2]! } : null;
}

export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type Sort = (typeof SORTS)[number];

/** The alert list's filters as they live in the URL (parsed on the server by `parseAlertFilters`). */
export type AlertFilters = {
  status: StatusFilter;
  severity?: Severity | undefined;
  check?: string | undefined;
  q?: string | undefined;
  sort: Sort;
  cursor?: string | undefined;
  /** « Mes alertes »: only the alerts assigned to the viewer (`?mine=1`). */
  mine?: boolean | undefined;
  /** « En pause »: only the snoozed alerts (`?snoozed=1`); every other view leaves them out. */
  snoozed?: boolean | undefined;
  /** « En silence »: only the alerts a running silence keeps quiet (`?silenced=1`); every other view leaves them out. */
  silenced?: boolean | undefined;
  /** « En attente de contre-signature »: only the resolutions a second directeur must decide (`?countersign=1`). */
  countersign?: boolean | undefined;
  /** One object's alerts (`?entity=citerne:<uuid>`): a group's « voir dans la liste ». */
  entity?: string | undefined;
  /** One depot's alerts, by its code (`?depot=BOUAKE`); the database shows each user their depots only. */
  depot?: string | undefined;
  /** Grouped by check code or by object (`?group=check|entity`) instead of a flat, paged list. */
  group?: Grouping | undefined;
};

/** The `dict.errors` key each rule reports. */
export const ALERT_INPUT_ERRORS = {
  noteTooLong: 'noteTooLong',
  noteRequired: 'resolutionNoteRequired',
  reasonRequired: 'resolutionReasonRequired',
  badId: 'notFound',
  noSelection: 'validation',
  tooManySelected: 'tooManySelected',
  commentRequired: 'commentRequired',
  commentTooLong: 'commentTooLong',
  badAssignee: 'assigneeNotAllowed',
  snoozeReasonRequired: 'snoozeReasonRequired',
  snoozeReasonTooLong: 'snoozeReasonTooLong',
  snoozeUntilInvalid: 'snoozeUntilInvalid',
  countersignNoteRequired: 'countersignNoteRequired',
} as const;

type ErrorKey = (typeof ALERT_INPUT_ERRORS)[keyof typeof ALERT_INPUT_ERRORS];

/**
 * What is wrong with a note (judged trimmed of blank and invisible characters, as the server and
 * the database store it), or null.
 */
export function noteIssue(note: string, { required }: { required: boolean }): ErrorKey | null {
  const trimmed = trimNote(note);
  if (trimmed.length > NOTE_MAX_LENGTH) return ALERT_INPUT_ERRORS.noteTooLong;
  if (required && trimmed.length === 0) return ALERT_INPUT_ERRORS.noteRequired;
  return null;
}

/** What is wrong with a comment (judged trimmed, its length in code points as the database counts), or null. */
export function commentIssue(comment: string): 'commentRequired' | 'commentTooLong' | null {
  const trimmed = trimNote(comment);
  if (trimmed.length === 0) return ALERT_INPUT_ERRORS.commentRequired;
  if (Array.from(trimmed).length > COMMENT_MAX_LENGTH) return ALERT_INPUT_ERRORS.commentTooLong;
  return null;
}

/** What is wrong with the size of a bulk selection, or null. */
export function selectionIssue(count: number): ErrorKey | null {
  if (count < 1) return ALERT_INPUT_ERRORS.noSelection;
  if (count > BULK_MAX) return ALERT_INPUT_ERRORS.tooManySelected;
  return null;
}

/**
 * The URL query for filters; defaults are left out so shared links stay short. Takes plain
 * strings too (a submitted filter form): the page parses the URL with `parseAlertFilters` anyway.
 */
export function alertFiltersToQuery(
  filters: { [K in Exclude<keyof AlertFilters, 'mine' | 'snoozed' | 'silenced' | 'countersign'>]?: string | undefined } & {
    mine?: string | boolean | undefined;
    snoozed?: string | boolean | undefined;
    silenced?: string | boolean | undefined;
    countersign?: string | boolean | undefined;
  },
): string {
  const query = new URLSearchParams();
  if (filters.status && filters.status !== 'active') query.set('status', filters.status);
  if (filters.severity) query.set('severity', filters.severity);
  if (filters.check) query.set('check', filters.check);
  if (filters.q) query.set('q', filters.q);
  if (filters.sort && filters.sort !== 'recent') query.set('sort', filters.sort);
  if (filters.mine === true || filters.mine === '1') query.set('mine', '1');
  if (filters.snoozed === true || filters.snoozed === '1') query.set('snoozed', '1');
  if (filters.silenced === true || filters.silenced === '1') query.set('silenced', '1');
  if (filters.countersign === true || filters.countersign === '1') query.set('countersign', '1');
  if (filters.entity) query.set('entity', filters.entity);
  if (filters.depot) query.set('depot', filters.depot);
  if (filters.group) query.set('group', filters.group);
  if (filters.cursor) query.set('cursor', filters.cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}
