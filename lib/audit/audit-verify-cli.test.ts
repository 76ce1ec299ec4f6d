import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFile, ledgerRows, newSigningKey } from './test-ledger';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** `node scripts/audit-verify.ts …` as a reviewer runs it (npm run audit:verify): exit code and output. */
async function verifyCli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/audit-verify.ts', ...args], {
      cwd: root,
      env: { ...process.env, AUDIT_PUBLIC_KEY: '', ...env },
      timeout: 30_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('npm run audit:verify', () => {
  const key = newSigningKey();
  const rows = ledgerRows(12);
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'audit-verify-'));
    await writeFile(file('key.pem'), key.publicKeyPem);
    await writeFile(
      file('public-key.json'),
      JSON.stringify({ algorithm: 'Ed25519', public_key_pem: key.publicKeyPem, fingerprint_sha256: key.fingerprint }),
    );
    await writeFile(file('good.jsonl'), await exportFile({ format: 'jsonl', rows, signingKey: key }));
    await writeFile(file('good.csv'), await exportFile({ format: 'csv', rows, signingKey: key }));
    const lines = (await exportFile({ format: 'jsonl', rows, signingKey: key })).toString('utf8').split('\n');
    await writeFile(file('tampered.jsonl'), lines.filter((_, index) => index !== 5).join('\n'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts an untouched export with the console’s key, from a PEM file, base64 SPKI or AUDIT_PUBLIC_KEY', async () => {
    const jsonl = await verifyCli([file('good.jsonl'), '--public-key', file('key.pem')]);
    expect(jsonl.output).toMatch(/^OK: 12 events verified; manifest signed by key [0-9a-f]{64}/);
    expect(jsonl.code).toBe(0);
    const spki = key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(await verifyCli([file('good.csv'), '--public-key', spki])).toMatchObject({ code: 0 });
    expect(await verifyCli([file('good.csv')], { AUDIT_PUBLIC_KEY: file('public-key.json') })).toMatchObject({ code: 0 });
  });

  it('refuses an export with a row removed, naming what is wrong', async () => {
    const result = await verifyCli([file('tampered.jsonl'), '--public-key', file('key.pem')]);
    expect(result.code).toBe(1);
    expect(result.output).toContain("BROKEN: the file's SHA-256");
    expect(result.output).toContain('BROKEN: the manifest counts 12 events, the file holds 11.');
    expect(result.output).not.toMatch(/^OK/m);
  });

  it('never says OK without a trusted key, and says where to get it', async () => {
    const result = await verifyCli([file('good.jsonl')]);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^UNVERIFIED: the manifest's signature could not be checked/m);
    expect(result.output).toContain('/api/audit/public-key');
    expect(result.output).not.toMatch(/^OK/m);
  });

  it('exits 2 when the file or the key cannot be read', async () => {
    expect(await verifyCli([file('missing.jsonl'), '--public-key', file('key.pem')])).toMatchObject({ code: 2 });
    const badKey = await verifyCli([file('good.jsonl'), '--public-key', 'not-a-key']);
    expect(badKey.code).toBe(2);
    expect(badKey.output).toContain('cannot use the public key given');
    expect(await verifyCli([])).toMatchObject({ code: 2 });
  });
});
