/**
 * Board reports for the tests: store_board_report() as the console's server calls it (service
 * role), with stand-in bytes and the smallest manifest the database checks (hash, size, month,
 * depot). Reports are kept forever, so each test takes months nobody has used.
 */
import { createHash } from 'node:crypto';
import { serviceClient } from './clients';
import { query } from './db';

export type KeptReport = { id: string; created: boolean; pdf_sha256: string };

/** The stand-in PDF of a month (its first day) and scope, and the manifest that describes it (its bounds in the depot's zone). */
export async function fakeReport(month: string, depotCode: string | null, salt = '') {
  const pdf = Buffer.from(`%PDF-1.7\n% board report ${month} ${depotCode ?? 'all'} ${salt}\n%%EOF\n`);
  const sha = createHash('sha256').update(pdf).digest('hex');
  const [bounds] = await query<{ since: string; until: string; zone: string }>(
    `select to_json($1::date::timestamp at time zone private.depot_time_zone()) #>> '{}' as since,
            to_json(($1::date + interval '1 month')::timestamp at time zone private.depot_time_zone()) #>> '{}' as until,
            private.depot_time_zone() as zone`,
    [month],
  );
  return {
    pdf,
    sha,
    hex: `\\x${pdf.toString('hex')}`,
    manifest: {
      file_sha256: sha,
      byte_size: pdf.length,
      month: month.slice(0, 7),
      since: bounds!.since,
      until: bounds!.until,
      time_zone: bounds!.zone,
      depot: depotCode,
    },
    signature: 'ab'.repeat(64),
  };
}

/** Keeps a stand-in report for `month` (its first day) and a depot (null: every depot), for `actor`. */
export async function keepReport(
  actor: string,
  month: string,
  depot: { id: string; code: string } | null,
  salt = '',
): Promise<KeptReport> {
  const report = await fakeReport(month, depot?.code ?? null, salt);
  const { data, error } = await serviceClient().rpc('store_board_report', {
    p_actor: actor,
    p_month: month,
    p_depot: depot?.id ?? null,
    p_pdf: report.hex,
    p_manifest: report.manifest,
    p_signature: report.signature,
  });
  if (error) throw new Error(`store_board_report: ${error.hint ?? error.code} ${error.message}`);
  return data as KeptReport;
}

/** `count` first days of months (from January 2000) with neither a report nor an attestation yet. */
export async function freeMonths(count: number): Promise<string[]> {
  const taken = new Set(
    (
      await query<{ m: string }>(
        'select period_month::text as m from public.review_attestations union select period_month::text from public.board_reports',
      )
    ).map((row) => row.m),
  );
  const free: string[] = [];
  for (let index = 0; free.length < count; index += 1) {
    const candidate = `${2000 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
    if (candidate >= '2020-01-01')
      throw new Error('no month of 2000–2019 is left unreported: reset the local database (npm run db:reset)');
    if (!taken.has(candidate)) free.push(candidate);
  }
  return free;
}
