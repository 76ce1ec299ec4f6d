/**
 * The PCA's attestation (issue 16): attest_review(month, depot, comment) — the PCA only, a month
 * that is over, once per month and scope, never changed or withdrawn (the superuser included); it
 * keeps the SHA-256 of the month's figures and the ledger's head, and writes a `review_attested`
 * ledger event in the scope's depot, and it carries the month's board report (kept first: without
 * one it is refused). Months nobody has used (from 2000) keep the tests apart from everything else;
 * every refusal re-reads the table and the ledger to show nothing changed.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedIn, signInAs } from './support/clients';
import { closeDb, inTransaction, query } from './support/db';
import { BOUAKE_DEPOT_ID } from './support/fixtures';
import { expectError } from './support/refusals';
import { freeMonths, keepReport, type KeptReport } from './support/reports';

let pca: SignedIn;
let admin: SignedIn;
let directeur: SignedIn;

/** Two months nobody has attested yet (from January 2000, the first a review covers): attestations are forever, so each run takes its own. */
let attested: string;
let untouched: string;
let bouakeReport: KeptReport;
let companyReport: KeptReport;

beforeAll(async () => {
  [pca, admin, directeur] = await Promise.all([signedIn('pca'), signedIn('admin'), signedIn('directeur')]);
  [attested, untouched] = (await freeMonths(2)) as [string, string];
  // The PCA attests the month's report: kept first, as the console does (store_board_report()).
  [bouakeReport, companyReport] = [
    await keepReport(pca.userId, attested, { id: BOUAKE_DEPOT_ID, code: 'BOUAKE' }),
    await keepReport(pca.userId, attested, null),
  ];
});
afterAll(closeDb);

const attestations = async () => Number((await query<{ n: string }>('select count(*) as n from public.review_attestations'))[0]!.n);
const attestedEvents = async () =>
  Number((await query<{ n: string }>(`select count(*) as n from public.system_alert_events where event_type = 'review_attested'`))[0]!.n);

describe('attest_review', () => {
  it('records the month, the scope, who, the figures’ hash and the ledger’s head, and a ledger event', async () => {
    const m = attested;
    const { data, error } = await pca.client.rpc('attest_review', { p_month: m, p_depot: 'BOUAKE', p_comment: '  Revu en conseil.  ' });
    expect(error).toBeNull();
    const saved = data as { id: string; summary_sha256: string; ledger_head_id: number; ledger_head_hash: string; comment: string };
    expect(saved).toMatchObject({ comment: 'Revu en conseil.' });
    const [row] = await query('select period_month::text, depot_id, attested_by from public.review_attestations where id = $1', [
      saved.id,
    ]);
    expect(row).toEqual({ period_month: m, depot_id: BOUAKE_DEPOT_ID, attested_by: pca.userId });

    // The hash is the month's figures as the review page reads them (UTC text of review_summary()).
    const [bounds] = await query<{ since: Date; until: Date }>(
      `select ($1::date::timestamp at time zone private.depot_time_zone()) as since,
              (($1::date + interval '1 month')::timestamp at time zone private.depot_time_zone()) as until`,
      [m],
    );
    const figures = await inTransaction(async (run) => {
      await run(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: pca.userId, role: 'authenticated' })]);
      await run(`set local timezone = 'UTC'`);
      return (
        await run<{ text: string }>('select public.review_summary($1, $2, $3)::text as text', [bounds!.since, bounds!.until, 'BOUAKE'])
      )[0];
    });
    expect(saved.summary_sha256).toBe(createHash('sha256').update(figures!.text, 'utf8').digest('hex'));
    // … and kept whole with it, so anyone can check the hash later.
    const [kept] = await query<{ text: string }>('select figures::text as text from public.review_attestations where id = $1', [
      saved.id,
    ]);
    expect(kept!.text).toBe(figures!.text);

    const [event] = await query<{ actor_id: string; note: string; depot_id: string; details: Record<string, unknown> }>(
      `select actor_id, note, depot_id, details from public.system_alert_events
       where event_type = 'review_attested' and details ->> 'attestation_id' = $1`,
      [saved.id],
    );
    expect(event).toMatchObject({ actor_id: pca.userId, note: 'Revu en conseil.', depot_id: BOUAKE_DEPOT_ID });
    // The head it names is the ledger's last event before its own.
    const [head] = await query<{ id: string; hash: string }>(
      `select e.id, e.hash from public.system_alert_events e
       where e.id < (select a.id from public.system_alert_events a where a.details ->> 'attestation_id' = $1)
       order by e.id desc limit 1`,
      [saved.id],
    );
    expect({ id: saved.ledger_head_id, hash: saved.ledger_head_hash }).toEqual({ id: Number(head!.id), hash: head!.hash });
    expect(event!.details).toMatchObject({
      month: m.slice(0, 7),
      depot_code: 'BOUAKE',
      summary_sha256: saved.summary_sha256,
      report_sha256: bouakeReport.pdf_sha256,
    });
    // It carries the report the board keeps for that month and scope.
    expect(await query('select report_id, report_sha256 from public.review_attestations where id = $1', [saved.id])).toEqual([
      { report_id: bouakeReport.id, report_sha256: bouakeReport.pdf_sha256 },
    ]);
    const { data: chain } = await admin.client.rpc('verify_alert_event_chain');
    expect((chain as { valid: boolean }[])[0]!.valid).toBe(true);
  });

  it('is given once per month and scope; the second is told who was first', async () => {
    const m = attested;
    const before = [await attestations(), await attestedEvents()];
    const answer = await pca.client.rpc('attest_review', { p_month: m, p_depot: 'BOUAKE', p_comment: null as unknown as string });
    expectError(answer, 'P0001', 'already_attested');
    expect(JSON.parse(answer.error!.details!)).toMatchObject({ attested_by_name: 'Marie-Claire Diallo' });
    expect([await attestations(), await attestedEvents()]).toEqual(before);
    // Another scope of the same month is another attestation, of its own report.
    const company = await pca.client.rpc('attest_review', {
      p_month: m,
      p_depot: null as unknown as string,
      p_comment: null as unknown as string,
    });
    expect(company.error).toBeNull();
    expect(company.data).toMatchObject({ depot_id: null, report_sha256: companyReport.pdf_sha256 });
  });

  it('refuses everyone but the PCA, a month not over, a day that is not a month, a long comment, another depot', async () => {
    const before = [await attestations(), await attestedEvents()];
    const m = untouched;
    for (const user of [admin, directeur]) {
      expectError(await user.client.rpc('attest_review', { p_month: m }), '42501', 'attestation_requires_pca');
    }
    expectError(await anonClient().rpc('attest_review', { p_month: m }), '42501');
    const nextMonth = new Date();
    nextMonth.setUTCDate(1);
    const thisMonth = nextMonth.toISOString().slice(0, 10);
    expectError(await pca.client.rpc('attest_review', { p_month: thisMonth }), '22023', 'attestation_month_not_over');
    expectError(await pca.client.rpc('attest_review', { p_month: `${untouched.slice(0, 8)}15` }), '22023', 'attestation_month_invalid');
    expectError(await pca.client.rpc('attest_review', { p_month: '1999-12-01' }), '22023', 'attestation_month_invalid');
    expectError(
      await pca.client.rpc('attest_review', { p_month: m, p_comment: 'x'.repeat(2001) }),
      '22001',
      'attestation_comment_too_long',
    );
    expectError(await pca.client.rpc('attest_review', { p_month: m, p_depot: 'NOWHERE' }), '22023', 'depot_not_found');
    // A month whose report the board does not keep yet: the console keeps it first.
    expectError(await pca.client.rpc('attest_review', { p_month: m }), '22023', 'attestation_report_missing');
    expect([await attestations(), await attestedEvents()]).toEqual(before);
  });

  it('is never changed or withdrawn, by the API or the superuser', async () => {
    const [one] = await query<{ id: string }>('select id from public.review_attestations order by attested_at desc limit 1');
    expectError(await pca.client.from('review_attestations').update({ comment: 'changé' }).eq('id', one!.id).select('id'), '42501');
    expectError(await pca.client.from('review_attestations').delete().eq('id', one!.id).select('id'), '42501');
    await expect(query('update public.review_attestations set comment = $2 where id = $1', [one!.id, 'changé'])).rejects.toMatchObject({
      hint: 'attestation_immutable',
    });
    await expect(query('delete from public.review_attestations where id = $1', [one!.id])).rejects.toMatchObject({
      hint: 'attestation_immutable',
    });
  });

  it("is read by who sees its scope: the company-wide one by head office only, a depot's by that depot", async () => {
    const { client: bouake } = await signInAs('directeur.bouake@depot.test');
    const { data } = await bouake.from('review_attestations').select('period_month, depot_id').eq('period_month', attested);
    expect(data).toEqual([{ period_month: attested, depot_id: BOUAKE_DEPOT_ID }]);
    const { data: all } = await directeur.client.from('review_attestations').select('depot_id').eq('period_month', attested);
    expect((all ?? []).map((row) => row.depot_id).sort()).toEqual([BOUAKE_DEPOT_ID, null].sort());
  });
});
