import { describe, expect, it } from 'vitest';
import { canonicalJson, signManifest, verifyManifestSignature, type ExportManifest } from './manifest';
import { newSigningKey } from './test-ledger';

const manifest: ExportManifest = {
  format: 'governance-alert-ledger',
  version: 2,
  exported_at: '2026-11-25T17:00:00.000Z',
  filters: { to: '2026-11-25', from: '2026-11-01' },
  head: { id: 12, hash: 'a'.repeat(64) },
  first_id: 3,
  last_id: 12,
  row_count: 10,
  file_sha256: 'b'.repeat(64),
  key_fingerprint: 'c'.repeat(64),
};

describe('manifest', () => {
  it('is signed over its canonical JSON: keys sorted at every level, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: null, c: 'é "q"' }, e: undefined, f: [2, { h: 1, g: 0 }] })).toBe(
      '{"a":{"c":"é \\"q\\"","d":null},"b":1,"f":[2,{"g":0,"h":1}]}',
    );
    expect(canonicalJson(manifest)).toBe(
      `{"exported_at":"2026-11-25T17:00:00.000Z","file_sha256":"${'b'.repeat(64)}","filters":{"from":"2026-11-01","to":"2026-11-25"},` +
        `"first_id":3,"format":"governance-alert-ledger","head":{"hash":"${'a'.repeat(64)}","id":12},"key_fingerprint":"${'c'.repeat(64)}",` +
        `"last_id":12,"row_count":10,"version":2}`,
    );
  });

  it('verifies with the signer’s public key only, and not once a field changes', () => {
    const key = newSigningKey();
    const signed = signManifest(manifest, key.privateKey);
    expect(signed.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyManifestSignature(signed, key.publicKey)).toBe(true);
    // Key order in the object does not matter: the bytes signed are canonical.
    expect(
      verifyManifestSignature(
        { ...signed, manifest: JSON.parse(JSON.stringify({ ...manifest, filters: { from: '2026-11-01', to: '2026-11-25' } })) },
        key.publicKey,
      ),
    ).toBe(true);
    expect(verifyManifestSignature(signed, newSigningKey().publicKey)).toBe(false);
    for (const edited of [{ row_count: 9 }, { head: { id: 13, hash: 'a'.repeat(64) } }, { filters: {} }, { last_id: 11 }]) {
      expect(verifyManifestSignature({ ...signed, manifest: { ...manifest, ...edited } }, key.publicKey)).toBe(false);
    }
  });
});
