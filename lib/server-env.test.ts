import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './server-env';

describe('server configuration', () => {
  it('defaults the rate limit to 60 per minute and accepts no service key', () => {
    expect(parseServerEnv({})).toEqual({ RATE_LIMIT_PER_MINUTE: 60 });
  });

  it('reads a valid configuration', () => {
    expect(parseServerEnv({ RATE_LIMIT_PER_MINUTE: '120', SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc' })).toEqual({
      RATE_LIMIT_PER_MINUTE: 120,
      SUPABASE_SERVICE_ROLE_KEY: 'aaa.bbb.ccc',
    });
  });

  it.each([
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE must be a whole number'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE must be at least 1'],
    [{ SUPABASE_SERVICE_ROLE_KEY: 'not a key' }, 'SUPABASE_SERVICE_ROLE_KEY must be a service-role JWT'],
  ])('names the variable that is wrong (%o)', (source, message) => {
    expect(() => parseServerEnv(source)).toThrow(message);
  });
});
