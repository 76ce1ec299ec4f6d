/**
 * The audit export as a reviewer checks it: the console's public key fetched without a session, and
 * the verifier run on a downloaded file (`npm run audit:verify`'s script).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, type APIRequestContext, type TestInfo } from '@playwright/test';

const run = promisify(execFile);

/** `node scripts/audit-verify.ts <file> [--public-key <PEM file>]`, as a reviewer runs it: exit code and output. */
export async function verifyExport(file: string, publicKeyFile?: string): Promise<{ code: number; stdout: string }> {
  const args = ['scripts/audit-verify.ts', file, ...(publicKeyFile ? ['--public-key', publicKeyFile] : [])];
  try {
    const { stdout } = await run(process.execPath, args, { timeout: 60_000, env: { ...process.env, AUDIT_PUBLIC_KEY: '' } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The console's public key as a reviewer fetches it (no session: it is public), saved as a PEM file. */
export async function consolePublicKey(request: APIRequestContext, testInfo: TestInfo) {
  const response = await request.get('/api/audit/public-key');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toContain('public');
  const key = (await response.json()) as { algorithm: string; public_key_pem: string; fingerprint_sha256: string };
  expect(key.algorithm).toBe('Ed25519');
  const file = testInfo.outputPath('console-public-key.pem');
  await writeFile(file, key.public_key_pem);
  return { ...key, file };
}
