/**
 * `npm run audit:verify -- <export file> [--public-key <PEM file | base64 SPKI>]`: verifies an audit
 * export (the JSON Lines or CSV file the audit page downloads) without the database — its manifest's
 * signature with the console's public key (or AUDIT_PUBLIC_KEY), the file's SHA-256, the event count
 * and ids, the hash chain, and for the whole ledger that no event is missing up to the head
 * (lib/audit/verify-export.ts). Exit code 0 when everything holds, 1 when something is broken or the
 * signature could not be checked (each finding is named), 2 when the file or the key cannot be read.
 */
import { parseArgs } from 'node:util';
import { formatVerification, readTrustedPublicKey, verifyExportFile } from '../lib/audit/verify-export.ts';

const USAGE = 'usage: npm run audit:verify -- <export file (.jsonl or .csv)> [--public-key <PEM file | base64 SPKI>]';

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

try {
  const report = await verifyExportFile(file, publicKey);
  for (const line of formatVerification(report)) console.log(line);
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(`cannot verify ${file}: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
