/**
 * `npm run audit:verify -- <export file> [--public-key <PEM file | base64 SPKI>]`: verifies an audit
 * export (the JSON Lines or CSV file the audit page downloads) without the database — its manifest's
 * signature with the console's public key (or AUDIT_PUBLIC_KEY), the file's SHA-256, the event count
 * and ids, the hash chain, and for the whole ledger that no event is missing up to the head
 * (lib/audit/verify-export.ts). A monthly board report (a .pdf, or its .manifest.json) is verified
 * against the manifest beside it: the PDF's SHA-256 and size, and the signature
 * (lib/review/report-manifest.ts). Exit code 0 when everything holds, 1 when something is broken or
 * the signature could not be checked (each finding is named), 2 when a file or the key cannot be read.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatVerification, KEY_HELP, readTrustedPublicKey, verifyExportFile } from '../lib/audit/verify-export.ts';
import { formatReportVerification, manifestPathFor, reportPathFor, verifyReport } from '../lib/review/report-manifest.ts';

const USAGE =
  'usage: npm run audit:verify -- <export file (.jsonl or .csv) | board report (.pdf or .manifest.json)> [--public-key <PEM file | base64 SPKI>]';

let file: string | undefined;
let keyOption: string | undefined;
try {
  const { values, positionals } = parseArgs({ options: { 'public-key': { type: 'string' } }, allowPositionals: true });
  file = positionals.length === 1 ? positionals[0] : undefined;
  keyOption = values['public-key'] ?? (process.env.AUDIT_PUBLIC_KEY || undefined);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(2);
}
if (!file) {
  console.error(USAGE);
  process.exit(2);
}

let publicKey = null;
if (keyOption) {
  try {
    publicKey = readTrustedPublicKey(keyOption);
  } catch (error) {
    console.error(`cannot use the public key given: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
}

// A board report: the PDF and its manifest, side by side.
if (/\.pdf$|\.manifest\.json$/i.test(file)) {
  const pdfPath = /\.pdf$/i.test(file) ? file : reportPathFor(file);
  const manifestPath = /\.pdf$/i.test(file) ? manifestPathFor(file) : file;
  let pdf: Buffer;
  let manifestText: string;
  try {
    pdf = readFileSync(pdfPath);
    manifestText = readFileSync(manifestPath, 'utf8');
  } catch (error) {
    console.error(
      `cannot read the report and its manifest (${pdfPath}, ${manifestPath}): ${error instanceof Error ? error.message : error}`,
    );
    process.exit(2);
  }
  const report = verifyReport(pdf, manifestText, publicKey, path.basename(pdfPath));
  for (const line of formatReportVerification(report, KEY_HELP)) console.log(line);
  process.exit(report.ok ? 0 : 1);
}

try {
  const report = await verifyExportFile(file, publicKey);
  for (const line of formatVerification(report)) console.log(line);
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(`cannot verify ${file}: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
