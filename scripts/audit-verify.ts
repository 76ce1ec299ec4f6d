/**
 * `npm run audit:verify -- <export file>`: recomputes the alert ledger's hash chain from an export
 * alone (the JSON Lines or CSV file the audit page downloads), without the database. Exit code 0
 * when it holds, 1 when a row is altered or a link is broken (the first such row is named), 2 when
 * the file cannot be read.
 */
import { createReadStream } from 'node:fs';
import { parseExportStream } from '../lib/audit/export-format.ts';
import { createChainVerifier } from '../lib/audit/chain.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run audit:verify -- <export file (.jsonl or .csv)>');
  process.exit(2);
}

try {
  const verifier = createChainVerifier();
  for await (const event of parseExportStream(createReadStream(file), file.endsWith('.csv') ? 'csv' : 'jsonl')) {
    if (!verifier.add(event)) break;
  }
  const report = verifier.result();
  if (report.valid) {
    console.log(`OK: ${report.checked} events verified; the export hangs on the chain at prev_hash ${report.anchor ?? '—'}.`);
    process.exit(0);
  }
  console.log(`BROKEN at event ${report.firstBrokenId}: ${report.reason} (${report.checked} events read).`);
  process.exit(1);
} catch (error) {
  console.error(`cannot verify ${file}: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
