import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './server-env';

describe('server configuration', () => {
  it('outside production, needs nothing: one proxy hop, no service key', () => {
    expect(parseServerEnv({})).toEqual({ TRUSTED_PROXY_HOPS: 1 });
  });

  it('reads a valid configuration', () => {
    expect(parseServerEnv({ TRUSTED_PROXY_HOPS: '2', SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc', NODE_ENV: 'production' })).toEqual({
      TRUSTED_PROXY_HOPS: 2,
      SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc',
    });
  });

  it.each([
    [{ TRUSTED_PROXY_HOPS: 'lots' }, 'TRUSTED_PROXY_HOPS must be a whole number'],
    [{ TRUSTED_PROXY_HOPS: '0' }, 'TRUSTED_PROXY_HOPS must be at least 1'],
    [{ SUPABASE_SERVICE_ROLE_KEY: 'not a key' }, 'SUPABASE_SERVICE_ROLE_KEY must be a service-role JWT'],
    [{ NODE_ENV: 'production' }, 'SUPABASE_SERVICE_ROLE_KEY is not set (required in production'],
  ])('names the variable that is wrong (%o)', (source, message) => {
    expect(() => parseServerEnv(source)).toThrow(message);
  });
});
