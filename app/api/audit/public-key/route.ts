import { getPublicSigningKey } from '@/lib/audit/export-signing';

// Read at request time: the key comes from the server's environment, never from the build.
export const dynamic = 'force-dynamic';

/**
 * GET /api/audit/public-key — the public half of the key that signs audit exports, for a reviewer's
 * `npm run audit:verify -- <file> --public-key <PEM file>`. Public on purpose: nothing in it is
 * secret, and a reviewer may fetch it without an account. Cached for an hour: a rotated key shows
 * within the hour, and the verifier compares fingerprints whatever it is given.
 */
export function GET() {
  const key = getPublicSigningKey();
  if (!key) {
    return Response.json(
      { error: 'signing_key_missing', message: 'AUDIT_SIGNING_KEY is not configured on the server.' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json(
    { algorithm: 'Ed25519', public_key_pem: key.publicKeyPem, fingerprint_sha256: key.fingerprint },
    { headers: { 'Cache-Control': 'public, max-age=3600' } },
  );
}
