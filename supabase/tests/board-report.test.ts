/**
 * The monthly board report (issue 16, item 3), the database's part: board_report_details() lists
 * what the report shows besides the figures, read as the caller (RLS); store_board_report() — the
 * console's server only — keeps one report per month and scope, checks its manifest against its
 * bytes, writes a `report_generated` ledger event, and never lets it change; the bytes are not
 * readable through the API (the console hands them out and logs it). Every refusal re-reads the
 * table and the ledger to show nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, secondDirecteur, serviceClient, type SignedIn, signedIn, signInAs } from './support/clients';
import { closeDb, dbNow, inTransaction, mustReadAlert, query, withoutTriggers } from './support/db';
import { BOUAKE_DEPOT_ID, createNegativeStockTank, openAlert, removeFixtures, SEED_DEPOT_ID } from './support/fixtures';
import { expectError } from './support/refusals';
import { fakeReport, freeMonths, keepReport } from './support/reports';

let directeur: SignedIn;
let pca: SignedIn;
let bouakeAdmin: Omit<SignedIn, 'role'>;

beforeAll(async () => {
  [directeur, pca, bouakeAdmin] = await Promise.all([signedIn('directeur'), signedIn('pca'), signInAs('admin.bouake@depot.test')]);
});
afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

const reports = async () => Number((await query<{ n: string }>('select count(*) as n from public.board_reports'))[0]!.n);
const reportEvents = async () =>
  Number(
    (await query<{ n: string }>(`select count(*) as n from public.system_alert_events where event_type = 'report_generated'`))[0]!.n,
  );

type Details = {
  open_critical: { total: number; items: { id: string; acknowledged: boolean; age_seconds: number; depot_code: string | null }[] };
  resolved_anyway: { total: number; items: { id: string; resolved_by_name: string | null; countersigned_by_name: string | null }[] };
  four_eyes: {
    total: number;
    items: {
      id: string;
      requested_by_name: string | null;
      outcome: string | null;
      decided_at: string | null;
      decided_by_name: string | null;
    }[];
  };
  findings: { total: number; items: { id: string }[] };
};

async function details(who: { client: SignedIn['client'] }, depot: string | null = null, since?: Date): Promise<Details> {
  const [window] = await query<{ since: string; until: string }>(
    `select coalesce($1::timestamptz, now() - interval '1 hour')::text as since, (now() + interval '1 hour')::text as until`,
    [since ?? null],
  );
  const { data, error } = await who.client.rpc('board_report_details', {
    p_since: window!.since,
    p_until: window!.until,
    p_depot: depot,
  });
  if (error) throw new Error(`board_report_details: ${error.message}`);
  return data as Details;
}

/**
 * board_report_details() as `userId` reads it and the same rows read directly by the superuser, in
 * one snapshot (repeatable read): other test files open and resolve alerts meanwhile.
 */
async function detailsBesideTruth(userId: string, depot: string | null, truthDepot = depot) {
  return inTransaction(async (run) => {
    await run('set transaction isolation level repeatable read');
    await run(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId, role: 'authenticated' })]);
    await run('set local role authenticated');
    const [answer] = await run<{ d: Details }>(
      `select public.board_report_details(now() - interval '1 hour', now() + interval '1 hour', $1) as d`,
      [depot],
    );
    await run('reset role');
    const open = await run<{ id: string; acknowledged: boolean; total: string }>(
      `select a.id, a.acknowledged_at is not null and a.acknowledged_at < now() as acknowledged, count(*) over () as total
       from public.system_alerts a
       where a.severity = 'CRITICAL' and a.first_seen_at < now() and (a.resolved_at is null or a.resolved_at >= now())
         and ($1::text is null or a.depot_id = (select d.id from public.depots d where d.code = $1))
       order by a.first_seen_at, a.id`,
      [truthDepot],
    );
    return { answer: answer!.d, open };
  });
}

describe('board_report_details', () => {
  it('lists the CRITICAL alerts open at the end — the oldest 25 and their total — as the database holds them, per depot', async () => {
    await openAlert(() => createNegativeStockTank(SEED_DEPOT_ID));
    await openAlert(() => createNegativeStockTank(BOUAKE_DEPOT_ID));
    for (const [who, depot, truthDepot] of [
      [directeur.userId, null, null],
      [directeur.userId, 'BOUAKE', 'BOUAKE'],
      // Bouaké's admin, every depot they see: Bouaké's.
      [bouakeAdmin.userId, null, 'BOUAKE'],
    ] as const) {
      const { answer, open } = await detailsBesideTruth(who, depot, truthDepot);
      expect(answer.open_critical.total).toBe(Number(open[0]?.total ?? 0));
      expect(answer.open_critical.total).toBeGreaterThan(0);
      expect(answer.open_critical.items.map((item) => item.id)).toEqual(open.slice(0, 25).map((row) => row.id));
      expect(answer.open_critical.items.map((item) => item.acknowledged)).toEqual(open.slice(0, 25).map((row) => row.acknowledged));
      if (truthDepot) expect(answer.open_critical.items.every((item) => item.depot_code === truthDepot)).toBe(true);
      // The platform's findings are head office's, and the company's report's only.
      if (truthDepot) expect(answer.findings).toEqual({ total: 0, items: [] });
    }
    expectError(
      await bouakeAdmin.client.rpc('board_report_details', { p_since: '2026-01-01', p_until: '2026-02-01', p_depot: 'VRIDI' }),
      '22023',
      'depot_not_found',
    );
  });

  it('follows a resolution anyway: a four-eyes request pending, then countersigned and listed as resolved anyway', async () => {
    const { alert } = await openAlert(() => createNegativeStockTank(SEED_DEPOT_ID));
    const since = new Date(alert.first_seen_at.getTime() - 1000);
    const requested = await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'accepted_risk', resolution_note: 'Risque accepté pour le rapport.' })
      .eq('id', alert.id)
      .select('status');
    expect(requested.data).toEqual([{ status: 'ACK' }]);
    const pending = await details(directeur, 'VRIDI', since);
    expect(pending.four_eyes.items.find((item) => item.id === alert.id)).toMatchObject({
      outcome: null,
      decided_at: null,
      requested_by_name: expect.any(String),
    });
    expect(pending.resolved_anyway.items.map((item) => item.id)).not.toContain(alert.id);

    // Rejected afterwards: a period that ended before the rejection still shows the request waiting
    // (read from the ledger, not from the alert as it is now); a later end shows the rejection.
    const periodEnd = await dbNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await secondDirecteur();
    const rejected = await second.client.rpc('countersign_resolution', {
      p_alert_id: alert.id,
      p_approve: false,
      p_note: 'Pas encore : vérifier la jauge.',
      p_expected_requested_at: (await mustReadAlert(alert.id)).resolution_requested_at!.toISOString(),
    });
    expect(rejected.error).toBeNull();
    const { data: before, error } = await directeur.client.rpc('board_report_details', {
      p_since: since.toISOString(),
      p_until: periodEnd.toISOString(),
      p_depot: 'VRIDI',
    });
    expect(error).toBeNull();
    expect((before as Details).four_eyes.items.find((item) => item.id === alert.id)).toMatchObject({ outcome: null, decided_at: null });
    expect((await details(directeur, 'VRIDI', since)).four_eyes.items.find((item) => item.id === alert.id)).toMatchObject({
      outcome: 'resolution_rejected',
      decided_by_name: expect.any(String),
    });
    // Asked again.
    const again = await directeur.client
      .from('system_alerts')
      .update({ status: 'RESOLVED', resolution_reason: 'accepted_risk', resolution_note: 'Jauge vérifiée : risque accepté.' })
      .eq('id', alert.id)
      .select('status');
    expect(again.data).toEqual([{ status: 'ACK' }]);
    // Bouaké's admin does not see Vridi's case.
    expect((await details(bouakeAdmin, null, since)).four_eyes.items.map((item) => item.id)).not.toContain(alert.id);

    const countersigned = await second.client.rpc('countersign_resolution', {
      p_alert_id: alert.id,
      p_approve: true,
      p_note: null,
      p_expected_requested_at: (await mustReadAlert(alert.id)).resolution_requested_at!.toISOString(),
    });
    expect(countersigned.error).toBeNull();
    const done = await details(directeur, 'VRIDI', since);
    expect(done.resolved_anyway.items.find((item) => item.id === alert.id)).toMatchObject({
      resolved_by_name: expect.any(String),
      countersigned_by_name: expect.any(String),
    });
    // Both requests: the one rejected, the one countersigned.
    expect(
      done.four_eyes.items
        .filter((item) => item.id === alert.id)
        .map((item) => item.outcome)
        .sort(),
    ).toEqual(['countersigned', 'resolution_rejected']);
    expect(done.open_critical.items.map((item) => item.id)).not.toContain(alert.id);
  });

  it('is for governance roles only', async () => {
    expectError(
      await (await signedIn('operateur')).client.rpc('board_report_details', { p_since: '2026-01-01', p_until: '2026-02-01' }),
      '42501',
      'governance_only',
    );
    expectError(await anonClient().rpc('board_report_details', { p_since: '2026-01-01', p_until: '2026-02-01' }), '42501');
  });
});

describe('store_board_report', () => {
  let months: string[];
  beforeAll(async () => {
    months = await freeMonths(4);
  });

  it('keeps the first report of a month and scope, with a ledger event in its depot; a second answers the first', async () => {
    const m = months[0]!;
    const first = await keepReport(directeur.userId, m, { id: BOUAKE_DEPOT_ID, code: 'BOUAKE' }, 'first');
    expect(first.created).toBe(true);
    expect(first.pdf_sha256).toBe((await fakeReport(m, 'BOUAKE', 'first')).sha);
    const [event] = await query<{ actor_id: string; actor_role: string; depot_id: string; details: Record<string, unknown> }>(
      `select actor_id, actor_role, depot_id, details from public.system_alert_events
       where event_type = 'report_generated' and details ->> 'report_id' = $1`,
      [first.id],
    );
    expect(event).toMatchObject({
      actor_id: directeur.userId,
      actor_role: 'directeur',
      depot_id: BOUAKE_DEPOT_ID,
      details: { month: m.slice(0, 7), depot_code: 'BOUAKE', pdf_sha256: first.pdf_sha256 },
    });

    const before = [await reports(), await reportEvents()];
    const second = await keepReport(pca.userId, m, { id: BOUAKE_DEPOT_ID, code: 'BOUAKE' }, 'second');
    expect(second).toEqual({ id: first.id, created: false, pdf_sha256: first.pdf_sha256 });
    expect([await reports(), await reportEvents()]).toEqual(before);
    // The company-wide report of the same month is another one.
    expect((await keepReport(pca.userId, m, null)).created).toBe(true);
  });

  it('refuses API roles, a manifest that does not describe the bytes, a month not over, another depot’s user', async () => {
    const m = months[1]!;
    const report = await fakeReport(m, null);
    const args = {
      p_actor: pca.userId,
      p_month: m,
      p_depot: null,
      p_pdf: report.hex,
      p_manifest: report.manifest,
      p_signature: report.signature,
    };
    const before = [await reports(), await reportEvents()];
    for (const client of [pca.client, directeur.client, anonClient()]) {
      expectError(await client.rpc('store_board_report', args), '42501');
    }
    const service = serviceClient();
    const refusals: [Record<string, unknown>, string][] = [
      [{ p_manifest: { ...report.manifest, file_sha256: 'f'.repeat(64) } }, 'report_manifest_invalid'],
      [{ p_manifest: { ...report.manifest, byte_size: 1 } }, 'report_manifest_invalid'],
      [{ p_manifest: { ...report.manifest, month: '1999-01' } }, 'report_manifest_invalid'],
      [{ p_manifest: { ...report.manifest, depot: 'BOUAKE' } }, 'report_manifest_invalid'],
      // The month's bounds and zone as the database reads them (attest_review()'s), not another's.
      [{ p_manifest: { ...report.manifest, since: '2000-01-01T00:00:00Z' } }, 'report_manifest_invalid'],
      [{ p_manifest: { ...report.manifest, until: 'not a time' } }, 'report_manifest_invalid'],
      [{ p_manifest: { ...report.manifest, time_zone: 'UTC' } }, 'report_manifest_invalid'],
      [{ p_month: `${m.slice(0, 8)}15` }, 'report_month_invalid'],
      [{ p_month: new Date().toISOString().slice(0, 8) + '01' }, 'report_month_not_over'],
      [{ p_pdf: '\\x' }, 'report_pdf_invalid'],
      [{ p_actor: (await signedIn('operateur')).userId }, 'report_actor_invalid'],
      // Bouaké's admin: the company's report is head office's.
      [{ p_actor: bouakeAdmin.userId }, 'depot_not_found'],
      [{ p_actor: bouakeAdmin.userId, p_depot: SEED_DEPOT_ID }, 'depot_not_found'],
    ];
    for (const [change, hint] of refusals) {
      expectError(await service.rpc('store_board_report', { ...args, ...change }), '22023', hint);
    }
    expect([await reports(), await reportEvents()]).toEqual(before);
  });

  it('is never changed or removed, and its bytes are not readable through the API', async () => {
    const m = months[2]!;
    const kept = await keepReport(pca.userId, m, null);
    await expect(query('update public.board_reports set signature = $2 where id = $1', [kept.id, 'cd'.repeat(64)])).rejects.toMatchObject(
      {
        hint: 'report_immutable',
      },
    );
    await expect(query('delete from public.board_reports where id = $1', [kept.id])).rejects.toMatchObject({ hint: 'report_immutable' });
    expectError(
      await pca.client
        .from('board_reports')
        .update({ signature: 'cd'.repeat(64) })
        .eq('id', kept.id)
        .select('id'),
      '42501',
    );
    expectError(await pca.client.from('board_reports').delete().eq('id', kept.id).select('id'), '42501');
    // The row, not the bytes: the console hands the PDF out (and logs it).
    expectError(await pca.client.from('board_reports').select('pdf').eq('id', kept.id), '42501');
    const { data } = await pca.client.from('board_reports').select('id, pdf_sha256, byte_size').eq('id', kept.id);
    expect(data).toEqual([{ id: kept.id, pdf_sha256: kept.pdf_sha256, byte_size: (await fakeReport(m, null)).pdf.length }]);
    // Truncated with the attestations that reference it (their own guard set aside, rolled back).
    await expect(
      inTransaction(async (run) => {
        await run('alter table public.review_attestations disable trigger review_attestations_refuse_truncate');
        await run('truncate public.board_reports, public.review_attestations');
      }),
    ).rejects.toMatchObject({ hint: 'report_immutable' });
    // Nor written around store_board_report(): the service role reads the table, nothing more.
    const bypass = await serviceClient()
      .from('board_reports')
      .insert({
        period_month: months[3],
        generated_by: pca.userId,
        pdf: '\\x25',
        pdf_sha256: 'a'.repeat(64),
        byte_size: 1,
        manifest: {},
        signature: 'ab'.repeat(64),
      })
      .select('id');
    expectError(bypass, '42501');
    // The company's report is head office's: Bouaké's admin does not see it.
    expect((await bouakeAdmin.client.from('board_reports').select('id').eq('id', kept.id)).data).toEqual([]);
    expect((await anonClient().from('board_reports').select('id').eq('id', kept.id)).error?.code).toBe('42501');
  });

  it('keeps one report when two arrive at once', async () => {
    const m = months[3]!;
    const answers = await Promise.all([keepReport(pca.userId, m, null, 'one'), keepReport(directeur.userId, m, null, 'two')]);
    expect(answers.map((answer) => answer.created).sort()).toEqual([false, true]);
    expect(answers[0]!.id).toBe(answers[1]!.id);
    expect(await query('select count(*)::int as n from public.board_reports where period_month = $1 and depot_id is null', [m])).toEqual([
      { n: 1 },
    ]);
  });

  it('refuses a 31st report from one user within the hour, keeping nothing', async () => {
    // Thirty reports of Bouaké's admin this hour, written as the past would have left them (months
    // to come, which no one can report), removed afterwards.
    await withoutTriggers((run) =>
      run(
        `insert into public.board_reports (period_month, depot_id, generated_by, pdf, pdf_sha256, byte_size, manifest, signature)
         select make_date(2090 + n / 12, 1 + n % 12, 1), $2, $1, '\\x25', repeat('a', 64), 1, '{}', repeat('ab', 64)
         from generate_series(0, 29) n`,
        [bouakeAdmin.userId, BOUAKE_DEPOT_ID],
      ),
    );
    try {
      const before = [await reports(), await reportEvents()];
      const report = await fakeReport(months[2]!, 'BOUAKE');
      expectError(
        await serviceClient().rpc('store_board_report', {
          p_actor: bouakeAdmin.userId,
          p_month: months[2],
          p_depot: BOUAKE_DEPOT_ID,
          p_pdf: report.hex,
          p_manifest: report.manifest,
          p_signature: report.signature,
        }),
        '22023',
        'report_rate_limited',
      );
      expect([await reports(), await reportEvents()]).toEqual(before);
    } finally {
      await withoutTriggers((run) =>
        run(`delete from public.board_reports where period_month >= '2090-01-01' and generated_by = $1`, [bouakeAdmin.userId]),
      );
    }
  });
});
