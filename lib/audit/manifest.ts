import { sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { keyFingerprint, LOCAL_SIGNING_KEY_FINGERPRINT } from './signing-key.ts';

/**
 * The manifest every audit export ends with, signed by the console (DESIGN §2.4): what the export
 * covers, so that a reviewer holding the console's public key can tell, offline, that no row was
 * removed, added, edited or re-chained after the console wrote the file.
 *
 *   format, version   the export format (export-format.ts)
 *   exported_at       when the console wrote it (ISO 8601, UTC)
 *   filters           the filters applied, as the JSON Lines header records them; {} for the whole ledger
 *   head              the chain's newest event ({id, hash}) when the export started, or null for an
 *                     empty ledger: the export holds no event after it
 *   first_id, last_id the first and last event ids in the file (null when it holds none)
 *   row_count         how many events the file holds
 *   file_sha256       hex SHA-256 of every byte of the file before the manifest's own line
 *   key_fingerprint   hex SHA-256 of the signing public key's SPKI DER (signing-key.ts)
 *
 * The bytes signed (Ed25519, node:crypto) are the UTF-8 of the manifest's canonical JSON: object
 * keys sorted (by UTF-16 code unit), no whitespace, strings and integers as JSON.stringify writes
 * them — which for these values is RFC 8785's JSON Canonicalization Scheme. The signature is
 * written as lower-case hex (128 characters): safe in a spreadsheet cell, unlike base64's + and =.
 */
export type ChainHead = { id: number; hash: string };

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const eventId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const manifestSchema = z.strictObject({
  format: z.string(),
  version: z.number().int(),
  exported_at: z.string(),
  filters: z.record(z.string(), z.string()),
  head: z.strictObject({ id: eventId, hash: sha256Hex }).nullable(),
  first_id: eventId.nullable(),
  last_id: eventId.nullable(),
  row_count: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  file_sha256: sha256Hex,
  key_fingerprint: sha256Hex,
});

export type ExportManifest = z.infer<typeof manifestSchema>;

export const signatureSchema = z.string().regex(/^[0-9a-f]{128}$/);

export type SignedManifest = { manifest: ExportManifest; signature: string };

/** JSON with every object's keys sorted and no whitespace; undefined properties are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** The Ed25519 signature (lower-case hex) of a document's canonical JSON: every manifest the console signs. */
export function signCanonical(document: object, privateKey: KeyObject): string {
  return sign(null, Buffer.from(canonicalJson(document), 'utf8'), privateKey).toString('hex');
}

export function verifyCanonical(document: object, signature: string, publicKey: KeyObject): boolean {
  return verify(null, Buffer.from(canonicalJson(document), 'utf8'), publicKey, Buffer.from(signature, 'hex'));
}

export function signManifest(manifest: ExportManifest, privateKey: KeyObject): SignedManifest {
  return { manifest, signature: signCanonical(manifest, privateKey) };
}

export function verifyManifestSignature({ manifest, signature }: SignedManifest, publicKey: KeyObject): boolean {
  return verifyCanonical(manifest, signature, publicKey);
}

export type SignatureStatus = 'valid' | 'invalid' | 'unchecked' | 'absent';

/**
 * A signed manifest (`{manifest, signature}`) checked against the key the reviewer trusts: valid only
 * when it names that key and its signature holds; without a key, unchecked. What is wrong goes to
 * `problems`; signing with the local stack's well-known key, to `warnings`.
 */
export function checkSignature(
  namedKey: string,
  signed: { manifest: object; signature: string },
  publicKey: KeyObject | null,
  problems: string[],
  warnings: string[],
): Exclude<SignatureStatus, 'absent'> {
  if (!publicKey) return 'unchecked';
  const trusted = keyFingerprint(publicKey);
  const status = namedKey === trusted && verifyCanonical(signed.manifest, signed.signature, publicKey) ? 'valid' : 'invalid';
  if (status === 'invalid') {
    problems.push(
      namedKey === trusted
        ? "the manifest's signature does not match it: the manifest was edited after signing"
        : `the manifest names the signing key ${namedKey}, not the trusted key ${trusted}: it was signed by someone else`,
    );
  }
  if (trusted === LOCAL_SIGNING_KEY_FINGERPRINT) {
    warnings.push(
      "the trusted key is the local stack's well-known key: anyone can sign with it, so the signature proves nothing outside development",
    );
  }
  return status;
}
