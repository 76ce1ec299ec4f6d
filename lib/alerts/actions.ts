'use server';

import { defineAction } from '@/lib/actions/define-action';
import { DatabaseError, toActionError } from '@/lib/actions/postgrest-error';
import { ActionError } from '@/lib/actions/result';
import type { Dictionary, Locale } from '@/lib/i18n/dictionaries';
import { formatDateTime, formatTime, interpolate } from '@/lib/i18n/format';
import { zonedToInstant } from '@/lib/i18n/zoned-time';
import type { createClient } from '@/lib/supabase/server';
import { fetchAlert } from './queries';
import { ACTIVE_STATUSES } from './vocabulary';
import { z } from 'zod';
import {
  acknowledgeInput,
  assignInput,
  bulkAcknowledgeInput,
  bulkResolveInput,
  commentInput,
  countersignInput,
  endSnoozeInput,
  resolveInput,
  snoozeInput,
  syncFailureSchema,
  syncInput,
  syncResultSchema,
} from './schemas';
import { getDepotTimeZone } from '@/lib/i18n/time-zone';

/**
 * The alert workflow's server actions. Each validates its input, checks the role, then writes
 * through the user's own session: RLS, the column grants and the workflow trigger decide last.
 * Updates carry the status they expect (`status = OPEN`…), so of two people acting at once the
 * second changes nothing and is told who was first.
 * No revalidatePath(): the pages are dynamic, and the client refreshes what it shows (the list's
 * query is invalidated, the detail page refreshes) — the action's answer stays small and fast.
 */
type ServerClient = Awaited<ReturnType<typeof createClient>>;

/**
 * The refusal when an update matched no row although the alert is readable and still in a status
 * the update expected: statuses only move forward (OPEN → ACK → RESOLVED), so the row was in that
 * status when the update ran, and only the update policy (RLS) can have filtered it out — the
 * database refused silently what the console allowed.
 */
const FILTERED_BY_UPDATE_POLICY = { sqlstate: '42501', rule: 'rls_update_filtered' } as const;

/**
 * Explains why an update matched no row: the alert is gone, someone handled it first, or the
 * database's update policy refused it (the alert is still in a status the update expected). A
 * re-read that fails says nothing about the alert: "unavailable", not "not found".
 */
async function explainNoChange(
  supabase: ServerClient,
  id: string,
  dict: Dictionary,
  locale: Locale,
  expected: readonly string[],
): Promise<ActionError> {
  // Read only on this rare path (someone was first): the time the user is told is the depot's.
  const timeZone = await getDepotTimeZone();
  let alert;
  try {
    alert = await fetchAlert(supabase, id);
  } catch {
    return new ActionError('unavailable', dict.errors.network);
  }
  if (!alert) return new ActionError('not_found', dict.errors.notFound);
  if (alert.status && expected.includes(alert.status)) {
    return new ActionError('forbidden', dict.errors.forbidden, undefined, FILTERED_BY_UPDATE_POLICY);
  }
  if (alert.status === 'RESOLVED' && alert.resolved_at) {
    return new ActionError(
      'conflict',
      interpolate(dict.errors.alreadyResolved, {
        name: alert.resolved_by_name ?? dict.errors.someone,
        time: formatTime(alert.resolved_at, locale, timeZone),
      }),
    );
  }
  if (alert.status === 'ACK' && alert.acknowledged_at) {
    return new ActionError(
      'conflict',
      interpolate(dict.errors.alreadyAcknowledged, {
        name: alert.acknowledged_by_name ?? dict.errors.someone,
        time: formatTime(alert.acknowledged_at, locale, timeZone),
      }),
    );
  }
  return new ActionError('conflict', dict.errors.invalidTransition);
}

export const acknowledgeAlertAction = defineAction({
  name: 'acknowledge_alert',
  schema: acknowledgeInput,
  permission: 'alerts:acknowledge',
  handler: async ({ input, supabase, dict, locale }) => {
    const { data, error } = await supabase
      .from('system_alerts')
      .update({ status: 'ACK', ack_note: input.note || null })
      .eq('id', input.id)
      .eq('status', 'OPEN')
      .select('id, status, acknowledged_at, acknowledged_by');
    if (error) throw toActionError(error, dict);
    if (!data?.length) throw await explainNoChange(supabase, input.id, dict, locale, ['OPEN']);
    return data[0]!;
  },
});

export const resolveAlertAction = defineAction({
  name: 'resolve_alert',
  schema: resolveInput,
  permission: 'alerts:resolve',
  handler: async ({ input, supabase, dict, locale }) => {
    const current = await fetchAlert(supabase, input.id);
    if (!current) throw new ActionError('not_found', dict.errors.notFound);
    if (current.status === 'RESOLVED') throw await explainNoChange(supabase, input.id, dict, locale, []);
    // Resolving while the condition is still detected is an explicit "resolve anyway".
    if (!current.cleared_at && !input.confirmActive) {
      throw new ActionError('confirmation_required', dict.errors.confirmationRequired);
    }
    const { data, error } = await supabase
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: input.reason, resolution_note: input.note })
      .eq('id', input.id)
      .in('status', [...ACTIVE_STATUSES])
      .select('id, status, resolved_at, resolved_by, resolved_while_active, resolution_reason, resolution_requested_at');
    if (error) {
      if (error.hint === 'countersign_pending') throw await countersignPendingError(error, dict, locale);
      throw toActionError(error, dict);
    }
    if (!data?.length) throw await explainNoChange(supabase, input.id, dict, locale, ACTIVE_STATUSES);
    const row = data[0]!;
    // Four-eyes: a CRITICAL alert still detected is not resolved by one directeur; the database
    // turned the resolution into a request (still ACK) that another directeur must countersign.
    return { ...row, awaitingCountersign: row.status !== 'RESOLVED' && row.resolution_requested_at !== null };
  },
});

/** The `detail` of a countersign_pending refusal: who asked, when. */
const countersignPendingDetail = z.object({
  resolution_requested_by_name: z.string().nullable().catch(null),
  resolution_requested_at: z.string().nullable().catch(null),
});

async function countersignPendingError(error: { details?: string | null }, dict: Dictionary, locale: Locale): Promise<ActionError> {
  const pending = countersignPendingDetail.parse(detailOf(error));
  const timeZone = await getDepotTimeZone();
  return new ActionError(
    'conflict',
    interpolate(dict.errors.countersignPending, {
      name: pending.resolution_requested_by_name ?? dict.errors.someone,
      time: pending.resolution_requested_at ? formatTime(pending.resolution_requested_at, locale, timeZone) : '',
    }),
  );
}

/** What countersign_resolution() answers (jsonb): checked, not cast. */
const countersignResult = z.object({ id: z.string(), status: z.string(), approved: z.boolean() });

/**
 * Four-eyes: countersign (approve) or reject another directeur's pending resolution of a CRITICAL
 * alert still detected. The database decides who may (a directeur, not the requester), under a row
 * lock: of two decisions at once the second is told the request is no longer pending.
 */
export const countersignResolutionAction = defineAction({
  name: 'countersign_resolution',
  schema: countersignInput,
  permission: 'alerts:resolve',
  handler: async ({ input, supabase, dict }) => {
    const { data, error } = await supabase.rpc('countersign_resolution', {
      p_alert_id: input.id,
      p_approve: input.approve,
      // Nullable argument: the generated types say string; PostgREST passes JSON null as SQL null.
      p_note: (input.note || null) as string,
      p_expected_requested_at: input.requestedAt,
    });
    if (error) {
      const hint = error.hint ?? '';
      if (hint === 'alert_not_found') throw new ActionError('not_found', dict.errors.notFound);
      if (hint === 'no_countersign_pending') throw new ActionError('conflict', dict.errors.noCountersignPending);
      if (hint === 'countersign_conflict') throw new ActionError('conflict', dict.errors.countersignConflict);
      if (hint === 'requester_not_directeur') throw new ActionError('conflict', dict.errors.requesterNotDirecteur);
      if (hint === 'countersign_same_person') throw new ActionError('forbidden', dict.errors.countersignSamePerson);
      if (hint === 'countersign_note_required') {
        // The console checked the note first: a refusal means the two disagree.
        throw new ActionError(
          'validation',
          dict.errors.countersignNoteRequired,
          { note: [dict.errors.countersignNoteRequired] },
          { sqlstate: error.code || '23514', rule: hint },
        );
      }
      throw toActionError(error, dict);
    }
    const result = countersignResult.safeParse(data);
    if (!result.success) throw new Error(`countersign_resolution answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});

export const bulkAcknowledgeAction = defineAction({
  name: 'bulk_acknowledge_alerts',
  schema: bulkAcknowledgeInput,
  permission: 'alerts:acknowledge',
  handler: async ({ input, supabase, dict }) => {
    const ids = [...new Set(input.ids)];
    const { data, error } = await supabase
      .from('system_alerts')
      .update({ status: 'ACK', ack_note: input.note || null })
      .in('id', ids)
      .eq('status', 'OPEN')
      .select('id');
    if (error) throw toActionError(error, dict);
    const acknowledged = (data ?? []).map((row) => row.id);
    const skipped = ids.filter((id) => !acknowledged.includes(id));
    if (acknowledged.length === 0 && skipped.length > 0) {
      // None changed: if some are still OPEN, the update policy refused them (see explainNoChange).
      const {
        data: stillOpen,
        error: readError,
        status,
      } = await supabase.from('v_system_alerts').select('id').in('id', skipped).eq('status', 'OPEN').limit(1);
      if (readError) throw new DatabaseError('bulk acknowledge re-read', readError, status);
      if (stillOpen?.length) throw new ActionError('forbidden', dict.errors.forbidden, undefined, FILTERED_BY_UPDATE_POLICY);
    }
    return { acknowledged, skipped };
  },
});

/**
 * Resolve a selection (directeur) with one reason and note. "Resolve anyway" applies per alert: an
 * alert whose condition is still detected is resolved only with `confirmActive`, otherwise skipped
 * and named as such; alerts someone else resolved meanwhile are skipped too. One UPDATE: the
 * workflow trigger stamps each row and writes each `resolved` event, as for one alert.
 */
export const bulkResolveAction = defineAction({
  name: 'bulk_resolve_alerts',
  schema: bulkResolveInput,
  permission: 'alerts:resolve',
  handler: async ({ input, supabase, dict, locale }) => {
    const ids = [...new Set(input.ids)];
    // A resolution already awaiting a countersignature (and still detected) is left to the second
    // directeur: the database would refuse the whole statement for it. Read first and left out
    // (PostgREST 12 cannot put an `or` filter on an update); one asked in between still makes the
    // database refuse, and the user is told so.
    const {
      data: pending,
      error: pendingError,
      status: pendingStatus,
    } = await supabase.from('v_system_alerts').select('id').in('id', ids).eq('awaiting_countersign', true).is('cleared_at', null);
    if (pendingError) throw new DatabaseError('bulk resolve pending requests', pendingError, pendingStatus);
    const waiting = new Set((pending ?? []).map((row) => row.id!));
    const candidates = ids.filter((id) => !waiting.has(id));
    let update = supabase
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: input.reason, resolution_note: input.note })
      .in('id', candidates)
      .in('status', [...ACTIVE_STATUSES]);
    if (!input.confirmActive) update = update.not('cleared_at', 'is', null);
    const { data, error } = candidates.length ? await update.select('id, status') : { data: [], error: null };
    if (error) {
      if (error.hint === 'countersign_pending') throw await countersignPendingError(error, dict, locale);
      throw toActionError(error, dict);
    }
    const changed = data ?? [];
    const resolved = changed.filter((row) => row.status === 'RESOLVED').map((row) => row.id);
    // Four-eyes: CRITICAL alerts still detected became requests (still ACK) for a second directeur;
    // those already waiting for one are reported with them.
    const awaitingCountersign = [...changed.filter((row) => row.status !== 'RESOLVED').map((row) => row.id), ...waiting];
    const rest = ids.filter((id) => !resolved.includes(id) && !awaitingCountersign.includes(id));
    let stillDetected: string[] = [];
    if (rest.length > 0) {
      const {
        data: left,
        error: readError,
        status,
      } = await supabase.from('v_system_alerts').select('id, status, cleared_at, awaiting_countersign').in('id', rest);
      if (readError) throw new DatabaseError('bulk resolve re-read', readError, status);
      const active = (left ?? []).filter((row) => row.status === 'OPEN' || row.status === 'ACK');
      stillDetected = active.filter((row) => row.cleared_at === null && !input.confirmActive).map((row) => row.id!);
      // Still active, resolvable by the rules, and not resolved: the update policy refused (see explainNoChange).
      if (changed.length === 0 && active.some((row) => !stillDetected.includes(row.id!) && !row.awaiting_countersign)) {
        throw new ActionError('forbidden', dict.errors.forbidden, undefined, FILTERED_BY_UPDATE_POLICY);
      }
    }
    const skipped = rest.filter((id) => !stillDetected.includes(id));
    return { resolved, awaitingCountersign, stillDetected, skipped };
  },
});

export type SyncResult = z.output<typeof syncResultSchema>;

export const syncAlertsAction = defineAction({
  name: 'sync_alerts',
  schema: syncInput,
  permission: 'alerts:sync',
  handler: async ({ supabase, dict }) => {
    const { data, error } = await supabase.rpc('sync_system_alerts');
    if (error) throw toActionError(error, dict);
    // A failed run is answered, not raised (so that its record commits): the code only, the
    // database's message stays out of the toast (admins read it in the banner).
    const failure = syncFailureSchema.safeParse(data);
    if (failure.success) throw new ActionError('unexpected', interpolate(dict.actions.syncFailed, { code: failure.data.error_code }));
    // The function's JSON is untyped: checked, not cast.
    const result = syncResultSchema.safeParse(data);
    if (!result.success) throw new Error(`sync_system_alerts answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});

/** A refusal's DETAIL, which the database writes as JSON (who and when, for a conflict); {} otherwise. */
function detailOf(error: { details?: string | null }): unknown {
  try {
    return JSON.parse(error.details ?? '{}');
  } catch {
    return {};
  }
}

/** What add_alert_comment() and assign_alert() answer (jsonb): checked, not cast. */
const commentResult = z.object({ id: z.number().int(), occurred_at: z.string(), note: z.string() });
const assignResult = z.object({
  id: z.string(),
  assigned_to: z.string().nullable(),
  assigned_by: z.string().nullable(),
  assigned_at: z.string().nullable(),
});
/** The `detail` of an assignment_conflict refusal: who is assigned now, and who did it. */
const assignmentConflict = z.object({
  assigned_to_name: z.string().nullable().catch(null),
  assigned_by_name: z.string().nullable().catch(null),
  assigned_at: z.string().nullable().catch(null),
});

export const addCommentAction = defineAction({
  name: 'add_alert_comment',
  schema: commentInput,
  permission: 'alerts:comment',
  handler: async ({ input, supabase, dict }) => {
    // The database checks the role, the text (trimmed, 1 to 2000 characters) and the alert, and
    // writes the comment to the ledger; the per-user write limit applies to the request.
    const { data, error } = await supabase.rpc('add_alert_comment', { p_alert_id: input.id, p_body: input.body });
    if (error) {
      const hint = error.hint ?? '';
      if (hint === 'alert_not_found') throw new ActionError('not_found', dict.errors.notFound);
      if (hint === 'comment_required' || hint === 'comment_too_long') {
        // The console checked the text with the same rules first: a refusal means the two disagree.
        const message = hint === 'comment_required' ? dict.errors.commentRequired : dict.errors.commentTooLong;
        throw new ActionError('validation', message, { body: [message] }, { sqlstate: error.code || '23514', rule: hint });
      }
      if (hint === 'too_many_comments') throw new ActionError('validation', dict.errors.tooManyComments);
      throw toActionError(error, dict);
    }
    const result = commentResult.safeParse(data);
    if (!result.success) throw new Error(`add_alert_comment answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});

/**
 * Assign, reassign or unassign. Two people at once: the user's `expected` assignee (the one they
 * saw) is compared by the database under a row lock, so the second change is refused and the user
 * is told who was assigned first, and by whom — never a silent overwrite.
 */
export const assignAlertAction = defineAction({
  name: 'assign_alert',
  schema: assignInput,
  permission: 'alerts:assign',
  handler: async ({ input, supabase, dict, locale }) => {
    const { data, error } = await supabase.rpc('assign_alert', {
      p_alert_id: input.id,
      // Nullable arguments: the generated types say string; PostgREST passes JSON null as SQL null.
      p_assignee: input.assignee as string,
      p_expected_assignee: input.expected as string,
    });
    if (error) {
      const hint = error.hint ?? '';
      if (hint === 'alert_not_found') throw new ActionError('not_found', dict.errors.notFound);
      if (hint === 'assignee_not_allowed') {
        throw new ActionError('validation', dict.errors.assigneeNotAllowed, { assignee: [dict.errors.assigneeNotAllowed] });
      }
      if (hint === 'alert_resolved') throw new ActionError('conflict', dict.errors.assignResolved);
      if (hint === 'assignment_conflict') {
        const now = assignmentConflict.parse(detailOf(error));
        const timeZone = await getDepotTimeZone();
        const by = now.assigned_by_name ?? dict.errors.someone;
        const time = now.assigned_at ? formatTime(now.assigned_at, locale, timeZone) : '';
        throw new ActionError(
          'conflict',
          now.assigned_to_name
            ? interpolate(dict.errors.alreadyAssigned, { name: now.assigned_to_name, by, time })
            : interpolate(dict.errors.alreadyUnassigned, { by, time }),
        );
      }
      throw toActionError(error, dict);
    }
    const result = assignResult.safeParse(data);
    if (!result.success) throw new Error(`assign_alert answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});

/** What snooze_alert() answers (jsonb): checked, not cast. */
const snoozeResult = z.object({ id: z.string(), snoozed_until: z.string().nullable() });
/** The `detail` of a snooze_conflict refusal: the pause as it is now, and who set it. */
const snoozeConflict = z.object({
  snoozed_until: z.string().nullable().catch(null),
  snoozed_by_name: z.string().nullable().catch(null),
});

/**
 * Pause an active alert until a wall-clock time in the depot's time zone (read as the depot reads
 * it, turned into an instant here), with a reason. Two people at once: the pause end the user saw
 * (`expected`) is compared by the database under a row lock — the second is refused and told.
 */
export const snoozeAlertAction = defineAction({
  name: 'snooze_alert',
  schema: snoozeInput,
  permission: 'alerts:snooze',
  handler: async ({ input, supabase, dict, locale }) => {
    const timeZone = await getDepotTimeZone();
    const until = zonedToInstant(input.until, timeZone);
    if (Number.isNaN(until.getTime())) {
      throw new ActionError('validation', dict.errors.snoozeUntilInvalid, { until: [dict.errors.snoozeUntilInvalid] });
    }
    const { data, error } = await supabase.rpc('snooze_alert', {
      p_alert_id: input.id,
      p_until: until.toISOString(),
      p_reason: input.reason,
      // Nullable argument: the generated types say string; PostgREST passes JSON null as SQL null.
      p_expected_until: input.expected as string,
    });
    if (error) {
      const hint = error.hint ?? '';
      const field = (name: 'until' | 'reason', message: string) =>
        new ActionError('validation', message, { [name]: [message] }, { sqlstate: error.code || '22023', rule: hint });
      if (hint === 'alert_not_found') throw new ActionError('not_found', dict.errors.notFound);
      if (hint === 'alert_resolved') throw new ActionError('conflict', dict.errors.snoozeResolved);
      if (hint === 'snooze_until_past') throw field('until', dict.errors.snoozeUntilInvalid);
      if (hint === 'snooze_too_long') throw field('until', dict.errors.snoozeTooLong);
      if (hint === 'snooze_reason_required') throw field('reason', dict.errors.snoozeReasonRequired);
      if (hint === 'snooze_reason_too_long') throw field('reason', dict.errors.snoozeReasonTooLong);
      if (hint === 'too_many_snoozes') throw new ActionError('validation', dict.errors.tooManySnoozes);
      if (hint === 'snooze_conflict') {
        const now = snoozeConflict.parse(detailOf(error));
        throw new ActionError(
          'conflict',
          now.snoozed_until
            ? interpolate(dict.errors.snoozeConflict, {
                by: now.snoozed_by_name ?? dict.errors.someone,
                until: formatDateTime(now.snoozed_until, locale, timeZone),
              })
            : dict.errors.snoozeConflictEnded,
        );
      }
      throw toActionError(error, dict);
    }
    const result = snoozeResult.safeParse(data);
    if (!result.success) throw new Error(`snooze_alert answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});

/** End an alert's pause now (it comes back to the lists and escalates again). */
export const endSnoozeAction = defineAction({
  name: 'end_alert_snooze',
  schema: endSnoozeInput,
  permission: 'alerts:snooze',
  handler: async ({ input, supabase, dict }) => {
    const { data, error } = await supabase.rpc('end_alert_snooze', { p_alert_id: input.id });
    if (error) {
      const hint = error.hint ?? '';
      if (hint === 'alert_not_found') throw new ActionError('not_found', dict.errors.notFound);
      if (hint === 'not_snoozed') throw new ActionError('conflict', dict.errors.notSnoozed);
      throw toActionError(error, dict);
    }
    const result = snoozeResult.safeParse(data);
    if (!result.success) throw new Error(`end_alert_snooze answered an unexpected shape: ${result.error.message}`);
    return result.data;
  },
});
