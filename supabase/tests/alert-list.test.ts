/**
 * The alert list's query as the console runs it (`fetchAlertPage`, through supabase-js signed in as
 * the PCA, so PostgREST and RLS apply): every order pages through every alert exactly once, newest
 * or most severe first; the search reads the message, the entity id and the check code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fetchAlertPage } from '@/lib/alerts/queries';
import { SORTS } from '@/lib/alerts/rules';
import { parseAlertFilters } from '@/lib/alerts/schemas';
import type { Database } from '@/lib/supabase/database.types';
import { signedIn } from './support/clients';
import { expectError } from './support/refusals';
import { closeDb, query, sync } from './support/db';
import { createNegativeStockTank, createStaleTruck, openAlert, removeFixtures } from './support/fixtures';

let pca: SupabaseClient<Database>;
let admin: SupabaseClient<Database>;
let tankId: string;

beforeAll(async () => {
  pca = (await signedIn('pca')).client as SupabaseClient<Database>;
  admin = (await signedIn('admin')).client as SupabaseClient<Database>;
  tankId = (await createNegativeStockTank()).entityId;
  await createStaleTruck();
  await sync();
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

/** Every page of a filter, following the cursors, with a small page size. */
async function allPages(params: Record<string, string>, pageSize = 4): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 200; page++) {
    const filters = parseAlertFilters({ ...params, ...(cursor ? { cursor } : {}) });
    const result = await fetchAlertPage(pca, filters, pageSize);
    ids.push(...result.rows.map((row) => row.id ?? ''));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('more than 200 pages');
}

/** Every list but « En pause » leaves the snoozed alerts out (on the database's clock). */
const NOT_SNOOZED = 'not coalesce(snoozed_until > now(), false)';

const ORDER_BY: Record<(typeof SORTS)[number], string> = {
  recent: 'first_seen_at desc, id desc',
  oldest: 'first_seen_at asc, id asc',
  severity: 'severity_rank desc, first_seen_at desc, id desc',
};

describe('the alert list', () => {
  it.each(SORTS)('pages through every alert once, in the %s order', async (sort) => {
    const expected = await query<{ id: string }>(`select id from public.system_alerts where ${NOT_SNOOZED} order by ${ORDER_BY[sort]}`);
    expect(expected.length).toBeGreaterThan(8);
    expect(await allPages({ status: 'all', sort })).toEqual(expected.map((row) => row.id));
  });

  it('« En pause » pages through exactly the snoozed alerts, which every other view leaves out', async () => {
    const { alert } = await openAlert();
    const { error } = await admin.rpc('snooze_alert', {
      p_alert_id: alert.id,
      p_until: new Date(Date.now() + 3_600_000).toISOString(),
      p_reason: 'Liste',
      p_expected_until: null as unknown as string,
    });
    expect(error).toBeNull();
    const snoozed = await query<{ id: string }>(
      `select id from public.system_alerts where not (${NOT_SNOOZED}) order by first_seen_at desc, id desc`,
    );
    expect(snoozed.map((row) => row.id)).toContain(alert.id);
    expect(await allPages({ status: 'all', snoozed: '1' })).toEqual(snoozed.map((row) => row.id));
    expect(await allPages({ snoozed: '1' })).toContain(alert.id);
    for (const params of <Record<string, string>[]>[
      {},
      { status: 'all' },
      { status: 'OPEN' },
      { status: 'all', q: alert.entity_id.slice(0, 8) },
    ]) {
      expect(await allPages(params), JSON.stringify(params)).not.toContain(alert.id);
    }
  });

  it('finds alerts by a word of the message, the start of an entity id, or the check code', async () => {
    const tankCode = `ZT-${tankId.slice(0, 8)}`;
    const byMessage = await allPages({ status: 'all', q: tankCode });
    const byEntity = await allPages({ status: 'all', q: tankId.slice(0, 8) });
    const tankAlerts = await query<{ id: string }>(
      `select id from public.system_alerts where entity_id = $1 and ${NOT_SNOOZED} order by first_seen_at desc, id desc`,
      [tankId],
    );
    expect(tankAlerts.length).toBeGreaterThan(0);
    expect(byMessage).toEqual(tankAlerts.map((row) => row.id));
    expect(byEntity).toEqual(tankAlerts.map((row) => row.id));

    const byCode = await allPages({ status: 'all', q: 'cdr_arrive' });
    const staleAlerts = await query<{ id: string }>(
      `select id from public.system_alerts where check_code = 'CDR_ARRIVE_STALE' and ${NOT_SNOOZED} order by first_seen_at desc, id desc`,
    );
    expect(byCode).toEqual(staleAlerts.map((row) => row.id));
  });

  it('finds nothing for a term that matches no alert, nor one spanning the message and the entity id', async () => {
    expect(await allPages({ status: 'all', q: 'aucune-alerte-ne-contient-ceci' })).toEqual([]);
    // PostgREST syntax in a search is just text (and `_` / `%` are not wildcards).
    expect(await allPages({ status: 'all', q: 'ZT),id.neq.(x' })).toEqual([]);
    expect(await allPages({ status: 'all', q: 'CDR%STALE' })).toEqual([]);
    const [alert] = await query<{ message: string; entity_id: string }>(
      'select message, entity_id from public.system_alerts where entity_id = $1 limit 1',
      [tankId],
    );
    const spanning = `${alert?.message.slice(-3)} ${alert?.entity_id.slice(0, 3)}`;
    expect(await allPages({ status: 'all', q: spanning })).toEqual([]);
  });

  it('a term too short for the trigram index, or matching many alerts, is searched along the list order', async () => {
    const short = await allPages({ status: 'all', q: 'ZT' });
    const expected = await query<{ id: string }>(
      `select id from public.system_alerts where search_text ilike '%ZT%' and ${NOT_SNOOZED} order by first_seen_at desc, id desc`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(short).toEqual(expected.map((row) => row.id));

    const few = await pca.rpc('alert_search_ids', { term: 'CDR_ARRIVE' });
    expect(few.error).toBeNull();
    expect(few.data?.length).toBeGreaterThan(1);
    expect((await pca.rpc('alert_search_ids', { term: 'ZT' })).data).toBeNull();
  });
});

describe('alert_search_ids refuses', () => {
  it('people outside governance, and malformed arguments', async () => {
    const operateur = await signedIn('operateur');
    expectError(await operateur.client.rpc('alert_search_ids', { term: 'CDR' }), '42501');
    expectError(await pca.rpc('alert_search_ids', { term: '' }), '22023');
    expectError(await pca.rpc('alert_search_ids', { term: 'x'.repeat(201) }), '22023');
    // No caller chooses how many ids: the function takes no limit.
    const limited = await pca.rpc('alert_search_ids', { term: 'CDR', max_ids: 500 } as { term: string });
    expect(limited.error?.code).toBe('PGRST202');
  });
});
