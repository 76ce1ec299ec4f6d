import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../audit/signing-key';
import { formatReportVerification, manifestPathFor, reportPathFor, signReportManifest, verifyReport } from './report-manifest';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, fingerprint: keyFingerprint(publicKey) };
}

const pdf = Buffer.from('%PDF-1.3\n% a board report\n%%EOF\n');
const fields = {
  month: '2026-11',
  since: '2026-10-31T23:00:00.000Z',
  until: '2026-11-30T23:00:00.000Z',
  time_zone: 'Africa/Kinshasa',
  depot: null,
  generated_at: '2026-12-03T10:00:00.000Z',
  head: { id: 42, hash: 'ab'.repeat(32) },
  ledger_valid: true,
};

describe('the board report manifest', () => {
  const key = keyPair();
  const signed = signReportManifest(pdf, fields, key);
  const text = JSON.stringify(signed);

  it('names the PDF’s hash and size, and verifies with the console’s key', () => {
    expect(signed.manifest).toMatchObject({
      format: 'governance-board-report',
      version: 1,
      byte_size: pdf.length,
      key_fingerprint: key.fingerprint,
    });
    const report = verifyReport(pdf, text, key.publicKey);
    expect(report).toMatchObject({ ok: true, signature: 'valid', problems: [] });
    expect(formatReportVerification(report, '')[0]).toMatch(/^OK: board report for 2026-11 \(every depot\)/);
  });

  it('refuses a PDF changed by one byte, an edited manifest, another key, and says when no key was given', () => {
    const changed = Buffer.from(pdf);
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 1;
    expect(verifyReport(changed, text, key.publicKey)).toMatchObject({ ok: false, signature: 'valid' });
    expect(verifyReport(changed, text, key.publicKey).problems[0]).toMatch(/not the report the console signed/);

    const edited = JSON.stringify({ ...signed, manifest: { ...signed.manifest, month: '2026-10' } });
    expect(verifyReport(pdf, edited, key.publicKey)).toMatchObject({ ok: false, signature: 'invalid' });

    const other = keyPair();
    const byOther = verifyReport(pdf, text, other.publicKey);
    expect(byOther).toMatchObject({ ok: false, signature: 'invalid' });
    expect(byOther.problems[0]).toMatch(/not the trusted key/);

    const unchecked = verifyReport(pdf, text, null);
    expect(unchecked).toMatchObject({ ok: false, signature: 'unchecked' });
    expect(formatReportVerification(unchecked, 'HELP')).toEqual([expect.stringMatching(/^UNVERIFIED: .* HELP$/)]);
  });

  it('refuses what is not a manifest', () => {
    expect(verifyReport(pdf, 'not json', key.publicKey)).toMatchObject({ ok: false, problems: ['the manifest is not JSON'] });
    expect(verifyReport(pdf, '{"manifest":{}}', key.publicKey)).toMatchObject({
      ok: false,
      problems: ['the manifest is not a board report manifest'],
    });
  });

  it('warns when the file is named for another month or scope', () => {
    expect(verifyReport(pdf, text, key.publicKey, 'rapport-conseil-2026-11-tous-depots.pdf').warnings).toEqual([]);
    const renamed = verifyReport(pdf, text, key.publicKey, 'rapport-conseil-2026-12-tous-depots.pdf');
    expect(renamed.ok).toBe(true);
    expect(renamed.warnings).toEqual([expect.stringMatching(/it is the report of 2026-11 for every depot/)]);
  });

  it('finds the manifest beside the PDF and the PDF beside the manifest', () => {
    expect(manifestPathFor('/tmp/rapport-conseil-2026-11-tous-depots.pdf')).toBe(
      '/tmp/rapport-conseil-2026-11-tous-depots.manifest.json',
    );
    expect(reportPathFor('/tmp/rapport-conseil-2026-11-tous-depots.manifest.json')).toBe('/tmp/rapport-conseil-2026-11-tous-depots.pdf');
  });
});
