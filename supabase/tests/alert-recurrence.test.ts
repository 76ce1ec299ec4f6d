/**
 * Recurrence (issue 14): when a fingerprint that was resolved comes back, the new alert is linked to
 * the one before it and counts its occurrence; the `opened` event says so; nobody can rewrite the
 * link; the alert page lists the earlier occurrences (read as the console reads them, as the PCA).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fetchEarlierOccurrences } from '@/lib/alerts/queries';
import type { Database } from '@/lib/supabase/database.types';
import { type SignedIn, signedIn } from './support/clients';
import { closeDb, mustReadAlert, query, sync } from './support/db';
import { activeAlertFor, createStaleTruck, removeFixtures } from './support/fixtures';

let directeur: SignedIn;
let pca: SignedIn;

beforeAll(async () => {
  [directeur, pca] = await Promise.all([signedIn('directeur'), signedIn('pca')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

/** Clears the condition, resolves the alert, then brings the condition back: returns the new alert. */
async function recur(anomaly: Awaited<ReturnType<typeof createStaleTruck>>, alertId: string) {
  await anomaly.fix();
  await sync();
  const { error } = await directeur.client
    .from('system_alerts')
    .update({ status: 'RESOLVED', resolution_reason: 'fixed_at_source', resolution_note: 'Camion déchargé' })
    .eq('id', alertId);
  expect(error).toBeNull();
  await anomaly.breakAgain();
  await sync();
  const next = await activeAlertFor(anomaly.fingerprint);
  expect(next?.id).toBeDefined();
  expect(next!.id).not.toBe(alertId);
  return mustReadAlert(next!.id);
}

describe('recurrence', () => {
  it('counts the occurrences of a fingerprint and links each to the one before; the opened event says so', async () => {
    const anomaly = await createStaleTruck();
    await sync();
    const first = await mustReadAlert((await activeAlertFor(anomaly.fingerprint))!.id);
    expect([first.occurrence, first.previous_alert_id]).toEqual([1, null]);

    const second = await recur(anomaly, first.id);
    expect([second.occurrence, second.previous_alert_id]).toEqual([2, first.id]);
    const third = await recur(anomaly, second.id);
    expect([third.occurrence, third.previous_alert_id]).toEqual([3, second.id]);

    const opened = await query<{ alert_id: string; details: Record<string, unknown> }>(
      `select alert_id::text, details from public.system_alert_events where event_type = 'opened' and alert_id = any($1::uuid[]) order by id`,
      [[first.id, second.id, third.id]],
    );
    expect(opened.map((e) => [e.details.occurrence ?? null, e.details.previous_alert_id ?? null])).toEqual([
      [null, null],
      [2, first.id],
      [3, second.id],
    ]);

    // The alert page's list of earlier occurrences, as the PCA reads it: newest first.
    const earlier = await fetchEarlierOccurrences(pca.client as SupabaseClient<Database>, {
      id: third.id,
      fingerprint: third.fingerprint,
      occurrence: third.occurrence,
    });
    expect(earlier.map((row) => [row.id, row.status, row.resolution_reason, row.occurrence])).toEqual([
      [second.id, 'RESOLVED', 'fixed_at_source', 2],
      [first.id, 'RESOLVED', 'fixed_at_source', 1],
    ]);
    const { data } = await pca.client.from('v_system_alerts').select('occurrence, previous_alert_id').eq('id', third.id).single();
    expect(data).toEqual({ occurrence: 3, previous_alert_id: second.id });
  });

  it('nobody rewrites the link: no role may write the occurrence or the previous alert — nothing changed', async () => {
    const anomaly = await createStaleTruck();
    await sync();
    const alert = await mustReadAlert((await activeAlertFor(anomaly.fingerprint))!.id);
    for (const fields of [{ occurrence: 9 }, { previous_alert_id: alert.id }]) {
      const answer = await directeur.client.from('system_alerts').update(fields).eq('id', alert.id).select();
      expect(answer.error?.code, JSON.stringify(fields)).toBe('42501');
    }
    expect(await mustReadAlert(alert.id)).toEqual(alert);
  });

  it('the demo data shows one: tank T05 was negative before, and today’s alert on it is « récidive n° 1 »', async () => {
    const [row] = await query<{ occurrence: number; previous_status: string }>(
      `select a.occurrence, p.status as previous_status
       from public.system_alerts a
       join public.citernes c on c.id::text = a.entity_id and c.code = 'T05'
       join public.system_alerts p on p.id = a.previous_alert_id
       where a.check_code = 'STOCK_NEGATIF' and a.occurrence = 2`,
    );
    expect(row).toEqual({ occurrence: 2, previous_status: 'RESOLVED' });
  });
});
