import { createHash, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { checkSignature, signatureSchema, signCanonical } from '../audit/manifest.ts';

/**
 * The signed manifest that comes with each monthly board report (the PDF), as a JSON file beside it
 * (`<name>.manifest.json`): what the report covers and which bytes the console handed out, so that a
 * board member holding the console's public key can tell, offline, that the PDF is the one the
 * console generated for that month and scope.
 *
 *   format, version   REPORT_FORMAT, REPORT_VERSION
 *   month             the month reported (`YYYY-MM`), in the depot's time zone
 *   since, until      its first instant and the next month's (ISO 8601, UTC); time_zone: the zone
 *   depot             the depot's code, or null for every depot
 *   generated_at      when the console rendered it (ISO 8601, UTC)
 *   head              the ledger's newest event ({id, hash}) when it was rendered, or null (empty)
 *   ledger_valid      whether the ledger's hash chain verified then
 *   file_sha256       hex SHA-256 of every byte of the PDF; byte_size: how many
 *   key_fingerprint   hex SHA-256 of the signing public key's SPKI DER
 *
 * Signed like the audit exports' manifests (manifest.ts): Ed25519 over the canonical JSON, hex.
 */
export const REPORT_FORMAT = 'governance-board-report';
export const REPORT_VERSION = 1;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const reportManifestSchema = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  since: z.string(),
  until: z.string(),
  time_zone: z.string(),
  depot: z.string().nullable(),
  generated_at: z.string(),
  head: z.strictObject({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), hash: sha256Hex }).nullable(),
  ledger_valid: z.boolean(),
  file_sha256: sha256Hex,
  byte_size: z.number().int().positive(),
  key_fingerprint: sha256Hex,
});
export type ReportManifest = z.infer<typeof reportManifestSchema>;

export const signedReportManifestSchema = z.strictObject({ manifest: reportManifestSchema, signature: signatureSchema });
export type SignedReportManifest = z.infer<typeof signedReportManifestSchema>;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest of a PDF just rendered, signed with the console's export key. */
export function signReportManifest(
  pdf: Uint8Array,
  fields: Omit<ReportManifest, 'format' | 'version' | 'file_sha256' | 'byte_size' | 'key_fingerprint'>,
  key: { privateKey: KeyObject; fingerprint: string },
): SignedReportManifest {
  const manifest: ReportManifest = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    ...fields,
    file_sha256: sha256Of(pdf),
    byte_size: pdf.byteLength,
    key_fingerprint: key.fingerprint,
  };
  return { manifest, signature: signCanonical(manifest, key.privateKey) };
}

export type ReportVerification = {
  ok: boolean;
  manifest: ReportManifest | null;
  signature: 'valid' | 'invalid' | 'unchecked';
  problems: string[];
  warnings: string[];
};

/**
 * Checks a report against its manifest file's text: the manifest's shape, the PDF's SHA-256 and size,
 * and — with a trusted public key — the signature. `ok` only when all hold and the signature is valid;
 * a file name that is not the one the console gives the month and scope is a warning.
 */
export function verifyReport(pdf: Uint8Array, manifestText: string, publicKey: KeyObject | null, fileName?: string): ReportVerification {
  let signed: SignedReportManifest;
  try {
    const parsed = signedReportManifestSchema.safeParse(JSON.parse(manifestText));
    if (!parsed.success) {
      return {
        ok: false,
        manifest: null,
        signature: 'unchecked',
        problems: ['the manifest is not a board report manifest'],
        warnings: [],
      };
    }
    signed = parsed.data;
  } catch {
    return { ok: false, manifest: null, signature: 'unchecked', problems: ['the manifest is not JSON'], warnings: [] };
  }
  const { manifest } = signed;
  const problems: string[] = [];
  const warnings: string[] = [];
  const digest = sha256Of(pdf);
  if (digest !== manifest.file_sha256) {
    problems.push(`the PDF's SHA-256 is ${digest}, not the manifest's ${manifest.file_sha256}: it is not the report the console signed`);
  }
  if (pdf.byteLength !== manifest.byte_size) {
    problems.push(`the PDF holds ${pdf.byteLength} bytes, not the manifest's ${manifest.byte_size}`);
  }
  if (!manifest.ledger_valid) warnings.push('the ledger did not verify when the report was generated (the report says so)');
  // A genuine pair renamed still verifies: say which month and scope it really is.
  const expected = `${reportFileBase(manifest.month, manifest.depot)}.pdf`;
  if (fileName !== undefined && fileName !== expected) {
    warnings.push(
      `the file is named ${fileName}, but it is the report of ${manifest.month} for ${manifest.depot ?? 'every depot'} (${expected})`,
    );
  }

  const signature = checkSignature(manifest.key_fingerprint, signed, publicKey, problems, warnings);
  return { ok: problems.length === 0 && signature === 'valid', manifest, signature, problems, warnings };
}

/** The verdict as the CLI prints it: one line per finding, `OK:` only when everything holds. */
export function formatReportVerification(report: ReportVerification, keyHelp: string): string[] {
  const lines: string[] = [];
  for (const problem of report.problems) lines.push(`BROKEN: ${problem}.`);
  if (report.signature === 'unchecked' && report.manifest) {
    lines.push(`UNVERIFIED: the manifest's signature could not be checked: no trusted public key was given. ${keyHelp}`);
  }
  for (const warning of report.warnings) lines.push(`WARNING: ${warning}.`);
  const manifest = report.manifest;
  if (report.ok && manifest) {
    const head = manifest.head ? `#${manifest.head.id} ${manifest.head.hash}` : 'none (empty ledger)';
    lines.unshift(
      `OK: board report for ${manifest.month} (${manifest.depot ?? 'every depot'}), ${manifest.byte_size} bytes, SHA-256 ${manifest.file_sha256}; ` +
        `manifest signed by key ${manifest.key_fingerprint}, generated ${manifest.generated_at}; ledger ${manifest.ledger_valid ? 'verified' : 'NOT verified'}, head ${head}.`,
    );
  }
  return lines;
}

/** `rapport-conseil-2026-11-tous-depots`: a report's file name without `.pdf` (its manifest's adds `.manifest.json`). */
export function reportFileBase(month: string, depot: string | null): string {
  return `rapport-conseil-${month}-${depot ? depot.toLowerCase() : 'tous-depots'}`;
}

/** Where a report's manifest lives beside it, and the report beside its manifest. */
export function manifestPathFor(pdfPath: string): string {
  return `${pdfPath.replace(/\.pdf$/i, '')}.manifest.json`;
}
export function reportPathFor(manifestPath: string): string {
  return `${manifestPath.replace(/\.manifest\.json$/i, '')}.pdf`;
}
