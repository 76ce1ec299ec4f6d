import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNING_KEY_FILE, loadOrCreateSigningKey, postgrestJwks, publicJwks } from './keys.mjs';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function dataDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'auth-keys-'));
  dirs.push(dir);
  return dir;
}

describe('the signing key of a data folder', () => {
  it('is generated once, kept readable by its owner only, and the same on every later start', async () => {
    const dir = await dataDir();
    const first = await loadOrCreateSigningKey(dir);
    const file = path.join(dir, SIGNING_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const [stored] = JSON.parse(await readFile(file, 'utf8')) as [Record<string, unknown>];
    expect(stored).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: first.kid, key_ops: ['sign', 'verify'] });
    const again = await loadOrCreateSigningKey(dir);
    expect(again.kid).toBe(first.kid);
    expect(again.publicJwk).toEqual(first.publicJwk);
    // Another folder, another key.
    expect((await loadOrCreateSigningKey(await dataDir())).kid).not.toBe(first.kid);
  });

  it('publishes only the public key; PostgREST also gets the legacy secret as an oct key', async () => {
    const key = await loadOrCreateSigningKey(await dataDir());
    expect(publicJwks(key)).toEqual({ keys: [key.publicJwk] });
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(JSON.parse(postgrestJwks(key, 'a-secret-of-at-least-32-characters!!'))).toEqual({
      keys: [key.publicJwk, { kty: 'oct', k: Buffer.from('a-secret-of-at-least-32-characters!!').toString('base64url'), alg: 'HS256' }],
    });
  });

  it('stops with the file named when the kept key is unusable', async () => {
    const dir = await dataDir();
    await writeFile(path.join(dir, SIGNING_KEY_FILE), '[{"kty":"oct","k":"abc"}]');
    await expect(loadOrCreateSigningKey(dir)).rejects.toThrow(
      /auth-signing-key\.json does not hold a usable ES256 signing key .*delete it/,
    );
  });
});
