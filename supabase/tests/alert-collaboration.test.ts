/**
 * Working an alert together (issue 14, first two capabilities), as the database enforces it:
 *   - comments: add_alert_comment() for admin and directeur at any status, a `commented` ledger
 *     event (append-only like the whole ledger), trimmed text of 1 to 2000 characters, at most 500
 *     per alert; refused to pca, operateur, gerant, lecture and anon;
 *   - assignment: assign_alert() to an admin or a directeur, reassigned, unassigned, each change an
 *     `assigned` ledger event (from → to); refused to the other roles, for other assignees and for
 *     a resolved alert; two people at once: the second is refused and told who was first.
 * Every refusal is followed by a re-read proving nothing changed; the chain still verifies.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES } from '@/lib/audit/filters';
import { fetchAlertPage } from '@/lib/alerts/queries';
import { parseAlertFilters } from '@/lib/alerts/schemas';
import type { Database } from '@/lib/supabase/database.types';
import { anonClient, type SignedIn, signedIn, signInFresh } from './support/clients';
import { anonKey, serviceRoleKey, supabaseUrl } from './support/env';
import { closeDb, mustReadAlert, query } from './support/db';
import { openAlert, removeFixtures, createStaleTruck } from './support/fixtures';
import { expectError } from './support/refusals';
import { withSetting } from './support/settings';

type LedgerEvent = {
  id: string;
  event_type: string;
  actor_id: string | null;
  actor_role: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  details: Record<string, unknown> | null;
};

let admin: SignedIn;
let directeur: SignedIn;
let pca: SignedIn;
let operateur: SignedIn;
let restore: (() => Promise<void>) | null = null;

beforeAll(async () => {
  [admin, directeur, pca, operateur] = await Promise.all([
    signedIn('admin'),
    signedIn('directeur'),
    signedIn('pca'),
    signedIn('operateur'),
  ]);
});
beforeEach(async () => {
  // The per-minute write budget is per user and this file writes a lot as two users.
  await query('delete from private.api_write_budget');
});
afterEach(async () => {
  await restore?.();
  restore = null;
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

async function eventsOf(alertId: string, type?: string): Promise<LedgerEvent[]> {
  return query<LedgerEvent>(
    `select id::text, event_type, actor_id, actor_role, from_status, to_status, note, details
     from public.system_alert_events e where alert_id = $1 and ($2::text is null or event_type = $2) order by e.id`,
    [alertId, type ?? null],
  );
}

/** Everything a refused call could have touched: the alert row, the ledger's head and size. */
async function snapshot(alertId: string) {
  const [ledger] = await query<{ n: number; head: string | null }>(
    'select count(*)::int as n, (select hash from public.system_alert_events order by id desc limit 1) as head from public.system_alert_events',
  );
  return { alert: await mustReadAlert(alertId), ledger };
}

async function chainVerifies(): Promise<void> {
  const { data, error } = await pca.client.rpc('verify_alert_event_chain');
  expect(error).toBeNull();
  expect((data as { valid: boolean; first_broken_id: number | null }[])[0]).toMatchObject({ valid: true, first_broken_id: null });
}

async function accessToken(user: SignedIn): Promise<string> {
  const { data } = await user.client.auth.getSession();
  if (!data.session) throw new Error('no session');
  return data.session.access_token;
}

/** A PostgREST request by hand, with the anon key and a token (a user's, or the anon key itself). */
function rest(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${supabaseUrl}/rest/v1${path}`, {
    ...init,
    headers: { apikey: anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
}

const comment = (who: SignedIn, alertId: string, body: unknown) =>
  who.client.rpc('add_alert_comment', { p_alert_id: alertId, p_body: body as string });
const assign = (who: SignedIn, alertId: string, assignee: string | null, expected: string | null) =>
  who.client.rpc('assign_alert', { p_alert_id: alertId, p_assignee: assignee, p_expected_assignee: expected });

describe('the ledger vocabulary', () => {
  it('the console knows every event type the ledger allows, commented and assigned included', async () => {
    const [row] = await query<{ definition: string }>(
      `select pg_get_constraintdef(oid) as definition from pg_constraint
       where conrelid = 'public.system_alert_events'::regclass and conname = 'system_alert_events_event_type_check'`,
    );
    const allowed = [...row!.definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1]!);
    expect(allowed).toEqual([...AUDIT_EVENT_TYPES]);
    expect(allowed).toEqual(expect.arrayContaining(['commented', 'assigned']));
  });
});

describe('comments', () => {
  it('admin and directeur comment at every status; each comment is a `commented` event and the chain verifies', async () => {
    const { alert } = await openAlert(createStaleTruck);
    expect((await comment(admin, alert.id, '  Vu sur place, jauge à vérifier.\u200b ')).error).toBeNull();
    expect((await directeur.client.from('system_alerts').update({ status: 'ACK' }).eq('id', alert.id)).error).toBeNull();
    const second = await comment(directeur, alert.id, 'Technicien prévenu\nretour demain');
    expect(second.error).toBeNull();
    expect(second.data).toMatchObject({ id: expect.any(Number), note: 'Technicien prévenu\nretour demain' });
    const resolved = await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Corrigé' })
      .eq('id', alert.id)
      .select('status');
    expect(resolved.data).toEqual([{ status: 'RESOLVED' }]);
    expect((await comment(admin, alert.id, 'Contrôlé après coup : RAS.')).error).toBeNull();

    const events = await eventsOf(alert.id, 'commented');
    expect(events.map((e) => [e.actor_id, e.actor_role, e.from_status, e.to_status, e.note, e.details])).toEqual([
      [admin.userId, 'admin', 'OPEN', 'OPEN', 'Vu sur place, jauge à vérifier.', null],
      [directeur.userId, 'directeur', 'ACK', 'ACK', 'Technicien prévenu\nretour demain', null],
      [admin.userId, 'admin', 'RESOLVED', 'RESOLVED', 'Contrôlé après coup : RAS.', null],
    ]);
    await chainVerifies();
  });

  it('the PCA reads comments in the ledger and the export view', async () => {
    const { alert } = await openAlert();
    await comment(admin, alert.id, '<img src=x onerror=alert(1)> reste du texte');
    const { data, error } = await pca.client
      .from('v_alert_event_export')
      .select('event_type, note, actor_name')
      .eq('alert_id', alert.id)
      .eq('event_type', 'commented');
    expect(error).toBeNull();
    expect(data).toEqual([
      { event_type: 'commented', note: '<img src=x onerror=alert(1)> reste du texte', actor_name: expect.any(String) },
    ]);
  });

  it('refuses pca, operateur, gerant and lecture (42501), and anon through raw PostgREST; nothing is written', async () => {
    const { alert } = await openAlert();
    const before = await snapshot(alert.id);
    expectError(await comment(pca, alert.id, 'PCA ne commente pas'), '42501', 'comment_requires_actor');
    expectError(await comment(operateur, alert.id, 'opérateur'), '42501', 'comment_requires_actor');
    for (const role of ['gerant', 'lecture'] as const) {
      expectError(await comment(await signedIn(role), alert.id, role), '42501', 'comment_requires_actor');
    }
    // The PCA by hand, with their own token.
    const byHand = await rest('/rpc/add_alert_comment', await accessToken(pca), {
      method: 'POST',
      body: JSON.stringify({ p_alert_id: alert.id, p_body: 'à la main' }),
    });
    expect(byHand.status).toBe(403);
    expect(await byHand.json()).toMatchObject({ code: '42501', hint: 'comment_requires_actor' });
    // Anon holds no execute grant.
    const anon = await rest('/rpc/add_alert_comment', anonKey, {
      method: 'POST',
      body: JSON.stringify({ p_alert_id: alert.id, p_body: 'anonyme' }),
    });
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ code: '42501' });
    expectError(await anonClient().rpc('add_alert_comment', { p_alert_id: alert.id, p_body: 'anonyme' }), '42501');
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const { alert } = await openAlert();
    const before = await snapshot(alert.id);
    expectError(await comment(admin, alert.id, ''), '23514', 'comment_required');
    expectError(await comment(admin, alert.id, ' \u200b\u00ad\ufeff\u2800 \n\t'), '23514', 'comment_required');
    expectError(await comment(admin, alert.id, null), '23514', 'comment_required');
    expectError(await comment(admin, alert.id, 'x'.repeat(2001)), '22001', 'comment_too_long');
    expectError(await comment(admin, randomUUID(), 'alerte inconnue'), 'P0002', 'alert_not_found');
    expectError(await admin.client.rpc('add_alert_comment', { p_alert_id: 'pas-un-uuid', p_body: 'x' }), '22P02');
    // A forged actor or time is not an argument at all.
    const forged = await rest('/rpc/add_alert_comment', await accessToken(admin), {
      method: 'POST',
      body: JSON.stringify({ p_alert_id: alert.id, p_body: 'x', actor_id: pca.userId }),
    });
    expect(forged.status).toBe(404);
    expect(await snapshot(alert.id)).toEqual(before);
    // 2000 characters (code points, not bytes) is the limit, not past it.
    expect((await comment(admin, alert.id, '€'.repeat(2000))).error).toBeNull();
    expect((await eventsOf(alert.id, 'commented')).map((e) => e.note!.length)).toEqual([2000]);
  });

  it('is append-only: no role edits or deletes a comment, not even the service role', async () => {
    const { alert } = await openAlert();
    await comment(admin, alert.id, 'Texte d’origine');
    const [event] = await eventsOf(alert.id, 'commented');
    const update = await admin.client.from('system_alert_events').update({ note: 'réécrit' }).eq('id', event!.id).select();
    expectError(update, '42501');
    const remove = await directeur.client.from('system_alert_events').delete().eq('id', event!.id).select();
    expectError(remove, '42501');
    const rawPatch = await rest(`/system_alert_events?id=eq.${event!.id}`, await accessToken(admin), {
      method: 'PATCH',
      body: JSON.stringify({ note: 'réécrit' }),
    });
    expect(rawPatch.status).toBe(403);
    const service = await fetch(`${supabaseUrl}/rest/v1/system_alert_events?id=eq.${event!.id}`, {
      method: 'PATCH',
      headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'réécrit' }),
    });
    expect(service.ok).toBe(false);
    await expect(query('update public.system_alert_events set note = $2 where id = $1', [event!.id, 'réécrit'])).rejects.toThrow();
    await expect(query('delete from public.system_alert_events where id = $1', [event!.id])).rejects.toThrow();
    expect((await eventsOf(alert.id, 'commented')).map((e) => e.note)).toEqual(['Texte d’origine']);
    await chainVerifies();
  });

  it('takes at most 500 comments per alert', async () => {
    const { alert } = await openAlert();
    await query(
      `select private.record_alert_event($1, $2, 'commented', $3, 'OPEN', 'OPEN', 'rempli ' || i, null, now(), null)
       from generate_series(1, 499) as i`,
      [alert.id, alert.check_code, admin.userId],
    );
    expect((await comment(directeur, alert.id, 'le 500e')).error).toBeNull();
    const before = await snapshot(alert.id);
    expectError(await comment(directeur, alert.id, 'le 501e'), '54000', 'too_many_comments');
    expect(await snapshot(alert.id)).toEqual(before);
    await chainVerifies();
  });

  it('counts against the per-user write limit like every other write', async () => {
    const { alert } = await openAlert();
    restore = await withSetting('api_writes_per_minute', 2);
    await query('delete from private.api_write_budget');
    const [row] = await query<{ seconds: number }>('select extract(second from now())::float8 as seconds');
    if (row!.seconds >= 55) await new Promise((resolve) => setTimeout(resolve, (60 - row!.seconds + 0.2) * 1000));
    expect((await comment(admin, alert.id, 'un')).error).toBeNull();
    expect((await comment(admin, alert.id, 'deux')).error).toBeNull();
    const refused = await comment(admin, alert.id, 'trois');
    expect(refused.status).toBe(429);
    expect(refused.error?.code).toBe('rate_limited');
    expect((await eventsOf(alert.id, 'commented')).map((e) => e.note)).toEqual(['un', 'deux']);
    // Assignment too.
    const assignRefused = await assign(admin, alert.id, admin.userId, null);
    expect(assignRefused.error?.code).toBe('rate_limited');
    expect((await mustReadAlert(alert.id)).assigned_to).toBeNull();
  });
});

describe('assignment', () => {
  it('assign, reassign, unassign: each change is an `assigned` event (from → to) and the view names who', async () => {
    const { alert } = await openAlert();
    const first = await assign(directeur, alert.id, admin.userId, null);
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ id: alert.id, assigned_to: admin.userId, assigned_by: directeur.userId });

    const { data: row } = await pca.client
      .from('v_system_alerts')
      .select('assigned_to, assigned_to_name, assigned_by, assigned_by_name, assigned_at')
      .eq('id', alert.id)
      .single();
    expect(row).toMatchObject({ assigned_to: admin.userId, assigned_by: directeur.userId, assigned_at: expect.any(String) });
    expect(row!.assigned_to_name).toEqual(expect.any(String));
    expect(row!.assigned_by_name).toEqual(expect.any(String));

    expect((await assign(admin, alert.id, directeur.userId, admin.userId)).error).toBeNull();
    expect((await assign(directeur, alert.id, null, directeur.userId)).error).toBeNull();
    // The same assignee again changes nothing and records nothing.
    expect((await assign(directeur, alert.id, null, null)).error).toBeNull();

    const events = await eventsOf(alert.id, 'assigned');
    expect(events.map((e) => [e.actor_id, e.actor_role, e.from_status, e.to_status, e.details?.from, e.details?.to])).toEqual([
      [directeur.userId, 'directeur', 'OPEN', 'OPEN', null, admin.userId],
      [admin.userId, 'admin', 'OPEN', 'OPEN', admin.userId, directeur.userId],
      [directeur.userId, 'directeur', 'OPEN', 'OPEN', directeur.userId, null],
    ]);
    expect(events[0]!.details).toMatchObject({ from_name: null, to_name: row!.assigned_to_name });
    const stored = await mustReadAlert(alert.id);
    expect(stored).toMatchObject({ assigned_to: null, assigned_by: directeur.userId });
    await chainVerifies();
  });

  it('refuses pca, operateur, gerant, lecture and anon; nothing changes', async () => {
    const { alert } = await openAlert();
    const before = await snapshot(alert.id);
    for (const who of [pca, operateur, await signedIn('gerant'), await signedIn('lecture')]) {
      expectError(await assign(who, alert.id, admin.userId, null), '42501', 'assign_requires_actor');
    }
    const byHand = await rest('/rpc/assign_alert', await accessToken(pca), {
      method: 'POST',
      body: JSON.stringify({ p_alert_id: alert.id, p_assignee: pca.userId, p_expected_assignee: null }),
    });
    expect(byHand.status).toBe(403);
    const anon = await rest('/rpc/assign_alert', anonKey, {
      method: 'POST',
      body: JSON.stringify({ p_alert_id: alert.id, p_assignee: admin.userId, p_expected_assignee: null }),
    });
    expect(anon.status).toBe(401);
    // No column grant: a direct PATCH of the assignment is refused, even by an admin.
    expectError(await admin.client.from('system_alerts').update({ assigned_to: admin.userId }).eq('id', alert.id).select(), '42501');
    expectError(await admin.client.from('system_alerts').update({ assigned_by: admin.userId }).eq('id', alert.id).select(), '42501');
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('never assigns to a pca, an operateur or a user who does not exist; nothing changes', async () => {
    const { alert } = await openAlert();
    const before = await snapshot(alert.id);
    expectError(await assign(admin, alert.id, pca.userId, null), '22023', 'assignee_not_allowed');
    expectError(await assign(admin, alert.id, operateur.userId, null), '22023', 'assignee_not_allowed');
    expectError(await assign(admin, alert.id, randomUUID(), null), '22023', 'assignee_not_allowed');
    expectError(await assign(admin, randomUUID(), admin.userId, null), 'P0002', 'alert_not_found');
    expectError(await admin.client.rpc('assign_alert', { p_alert_id: alert.id, p_assignee: 'moi', p_expected_assignee: null }), '22P02');
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('a resolved alert keeps its assignment', async () => {
    const { alert } = await openAlert(createStaleTruck);
    await assign(admin, alert.id, admin.userId, null);
    await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Corrigé' })
      .eq('id', alert.id);
    const before = await snapshot(alert.id);
    expect(before.alert.status).toBe('RESOLVED');
    expectError(await assign(directeur, alert.id, directeur.userId, admin.userId), 'P0001', 'alert_resolved');
    expectError(await assign(directeur, alert.id, null, admin.userId), 'P0001', 'alert_resolved');
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('a change based on a stale assignee is refused and names who is assigned now, and by whom', async () => {
    const { alert } = await openAlert();
    await assign(directeur, alert.id, directeur.userId, null);
    const before = await snapshot(alert.id);
    const stale = await assign(admin, alert.id, admin.userId, null);
    expectError(stale, 'P0001', 'assignment_conflict');
    expect(JSON.parse(stale.error!.details!)).toMatchObject({
      assigned_to: directeur.userId,
      assigned_to_name: expect.any(String),
      assigned_by: directeur.userId,
      assigned_by_name: expect.any(String),
    });
    expect(await snapshot(alert.id)).toEqual(before);
  });

  it('twenty people assigning at once: exactly one wins, one event, the others are told who was first', async () => {
    const sessions = await Promise.all(Array.from({ length: 20 }, (_, i) => signInFresh(i % 2 === 0 ? 'admin' : 'directeur')));
    await query('delete from private.api_write_budget');
    const { alert } = await openAlert();
    const answers = await Promise.all(sessions.map((s) => assign(s, alert.id, s.userId, null)));
    const winners = answers.flatMap((answer, i) => (answer.error ? [] : [sessions[i]!]));
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    for (const answer of answers) {
      if (!answer.error) continue;
      expect(answer.error.code).toBe('P0001');
      expect(answer.error.hint).toBe('assignment_conflict');
      expect(JSON.parse(answer.error.details!)).toMatchObject({ assigned_to: winner.userId, assigned_by: winner.userId });
    }
    expect((await mustReadAlert(alert.id)).assigned_to).toBe(winner.userId);
    expect(await eventsOf(alert.id, 'assigned')).toHaveLength(1);
    await chainVerifies();
  });

  it('notifications name the assignee: the worker’s claim carries assigned_to_name', async () => {
    const { alert } = await openAlert();
    await assign(admin, alert.id, directeur.userId, null);
    // A CRITICAL opening notifies the admins: that delivery, claimed as the worker claims it.
    const [delivery] = await query<{ id: string; status: string; attempts: number }>(
      'select id, status, attempts from public.notification_deliveries where alert_id = $1 order by created_at limit 1',
      [alert.id],
    );
    expect(delivery).toBeDefined();
    const [row] = await query<{ claim: { alert: { assigned_to_name: string | null } } }>('select private.claim_delivery($1) as claim', [
      delivery!.id,
    ]);
    const [name] = await query<{ name: string }>('select nom_complet as name from public.profils where user_id = $1', [directeur.userId]);
    expect(row!.claim.alert.assigned_to_name).toBe(name!.name);
    // Left as it was, for the worker.
    await query('update public.notification_deliveries set status = $2, attempts = $3 where id = $1', [
      delivery!.id,
      delivery!.status,
      delivery!.attempts,
    ]);
  });

  it('« Mes alertes »: the list query returns only the viewer’s alerts, each named', async () => {
    const { alert: mine } = await openAlert();
    const { alert: theirs } = await openAlert();
    await assign(directeur, mine.id, admin.userId, null);
    await assign(directeur, theirs.id, directeur.userId, null);
    const client = admin.client as SupabaseClient<Database>;
    const page = await fetchAlertPage(client, parseAlertFilters({ mine: '1', status: 'all' }), 200, admin.userId);
    const ids = page.rows.map((row) => row.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(page.rows.every((row) => row.assigned_to === admin.userId && row.assigned_to_name)).toBe(true);
    // Without a viewer, « mine » finds nothing rather than everything.
    expect((await fetchAlertPage(client, parseAlertFilters({ mine: '1' }), 50)).rows).toEqual([]);
    // The PCA sees the assignee in the list too.
    const pcaPage = await fetchAlertPage(pca.client as SupabaseClient<Database>, parseAlertFilters({ status: 'all' }), 200);
    expect(pcaPage.rows.find((row) => row.id === mine.id)).toMatchObject({ assigned_to: admin.userId });
  });
});
