import { describe, expect, it, vi } from 'vitest';
import { checkSupabaseApi } from './supabase-api';

const env = { NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321', NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key' };

describe('checkSupabaseApi', () => {
  it('calls the auth health endpoint with the anon key and reports a 200 as reachable', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => new Response('{}', { status: 200 }));

    await expect(checkSupabaseApi({ env, fetchImpl })).resolves.toBe('reachable');

    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:54321/auth/v1/health');
    expect(new Headers(init?.headers).get('apikey')).toBe('anon-key');
  });

  it('reports an error status as unreachable', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => new Response('bad gateway', { status: 502 }));
    await expect(checkSupabaseApi({ env, fetchImpl })).resolves.toBe('unreachable');
  });

  it('reports a network failure as unreachable', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(checkSupabaseApi({ env, fetchImpl })).resolves.toBe('unreachable');
  });

  it('gives up after the timeout', async () => {
    const fetchImpl = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    await expect(checkSupabaseApi({ env, fetchImpl, timeoutMs: 20 })).resolves.toBe('unreachable');
  });
});
