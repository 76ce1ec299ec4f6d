import { describe, expect, it } from 'vitest';
import { InvalidEnvError, parsePublicEnv } from './env';

const LOCAL_URL = 'http://127.0.0.1:54321';
const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

function parseError(source: Parameters<typeof parsePublicEnv>[0]): InvalidEnvError {
  try {
    parsePublicEnv(source);
  } catch (error) {
    if (error instanceof InvalidEnvError) return error;
    throw error;
  }
  throw new Error('expected parsePublicEnv to throw');
}

describe('parsePublicEnv', () => {
  it('accepts the local stack configuration', () => {
    expect(parsePublicEnv({ NEXT_PUBLIC_SUPABASE_URL: LOCAL_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY: LOCAL_ANON_KEY })).toEqual({
      NEXT_PUBLIC_SUPABASE_URL: LOCAL_URL,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: LOCAL_ANON_KEY,
    });
  });

  it('accepts a hosted project URL and drops a trailing slash', () => {
    const env = parsePublicEnv({
      NEXT_PUBLIC_SUPABASE_URL: ' https://abcdefghijklmnop.supabase.co/ ',
      NEXT_PUBLIC_SUPABASE_ANON_KEY: 'sb_publishable_abc123',
    });
    expect(env.NEXT_PUBLIC_SUPABASE_URL).toBe('https://abcdefghijklmnop.supabase.co');
  });

  it('names the URL variable when it is missing', () => {
    const error = parseError({ NEXT_PUBLIC_SUPABASE_ANON_KEY: LOCAL_ANON_KEY });
    expect(error.variables).toEqual(['NEXT_PUBLIC_SUPABASE_URL']);
    expect(error.message).toContain('NEXT_PUBLIC_SUPABASE_URL is not set');
  });

  it('names the URL variable when it is empty', () => {
    const error = parseError({ NEXT_PUBLIC_SUPABASE_URL: '  ', NEXT_PUBLIC_SUPABASE_ANON_KEY: LOCAL_ANON_KEY });
    expect(error.variables).toEqual(['NEXT_PUBLIC_SUPABASE_URL']);
    expect(error.message).toContain('NEXT_PUBLIC_SUPABASE_URL is not set');
  });

  it.each(['127.0.0.1:54321', 'not a url', 'ftp://127.0.0.1:54321', 'http://'])(
    'names the URL variable when it is malformed (%s)',
    (url) => {
      const error = parseError({ NEXT_PUBLIC_SUPABASE_URL: url, NEXT_PUBLIC_SUPABASE_ANON_KEY: LOCAL_ANON_KEY });
      expect(error.variables).toEqual(['NEXT_PUBLIC_SUPABASE_URL']);
      expect(error.message).toMatch(/NEXT_PUBLIC_SUPABASE_URL must be an http\(s\) URL/);
    },
  );

  it('names the anon key variable when it is missing', () => {
    const error = parseError({ NEXT_PUBLIC_SUPABASE_URL: LOCAL_URL });
    expect(error.variables).toEqual(['NEXT_PUBLIC_SUPABASE_ANON_KEY']);
    expect(error.message).toContain('NEXT_PUBLIC_SUPABASE_ANON_KEY is not set');
  });

  it('names every bad variable at once', () => {
    expect(parseError({}).variables).toEqual(['NEXT_PUBLIC_SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_ANON_KEY']);
  });
});
