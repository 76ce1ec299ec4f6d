import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.mjs';
import { claimsFromHookOutput, parsePgFunctionHook } from './hook.mjs';

const claims = {
  aud: 'authenticated',
  exp: 1_800_000_000,
  iat: 1_799_996_400,
  sub: '00000000-0000-4000-8000-000000000001',
  email: 'admin@depot.test',
  phone: '',
  role: 'authenticated',
  aal: 'aal1',
  amr: [{ method: 'password', timestamp: 1_799_996_400 }],
  session_id: '11111111-1111-4111-8111-111111111111',
  is_anonymous: false,
};

/** The AuthError `claimsFromHookOutput` throws for an output. */
function refusal(output: unknown): AuthError {
  try {
    claimsFromHookOutput(output === null ? null : typeof output === 'string' ? output : JSON.stringify(output));
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('custom access token hook output (GoTrue hookserrors + validateTokenClaims)', () => {
  it('signs the returned claims as they are, extra claims included', () => {
    const output = { user_id: claims.sub, claims: { ...claims, user_role: 'admin' }, authentication_method: 'password' };
    expect(claimsFromHookOutput(JSON.stringify(output))).toEqual({ ...claims, user_role: 'admin' });
  });

  it('turns {"error": {...}} into that error, 500 by default', () => {
    expect(refusal({ error: { http_code: 403, message: 'Not today' } })).toMatchObject({
      status: 403,
      errorCode: '',
      message: 'Not today',
    });
    expect(refusal({ error: { message: 'Broken' } })).toMatchObject({ status: 500, message: 'Broken' });
    // Without a message it is no error (GoTrue's rule): the claims decide.
    expect(claimsFromHookOutput(JSON.stringify({ error: { http_code: 400 }, claims }))).toEqual(claims);
  });

  it('refuses outputs without usable claims with GoTrue’s messages', () => {
    expect(refusal({ user_id: 'x' })).toMatchObject({ status: 500, message: 'output claims field is missing' });
    expect(refusal('[1]')).toMatchObject({ status: 500, errorCode: 'unexpected_failure', message: 'Error unmarshaling JSON output.' });
    expect(refusal({ claims: 'x' })).toMatchObject({ status: 500, message: 'Error unmarshaling JSON output.' });
    expect(refusal(null).message).toBe(
      'output claims do not conform to the expected schema: \n- (root): Invalid type. Expected: object, given: null\n',
    );
  });

  it('requires GoTrue’s minimum claims with their types', () => {
    const partial: Record<string, unknown> = { ...claims };
    delete partial.session_id;
    delete partial.is_anonymous;
    expect(refusal({ claims: { ...partial, exp: '1800000000', aud: 42, amr: ['password', 3] } }).message).toBe(
      'output claims do not conform to the expected schema: \n' +
        '- (root): session_id is required\n' +
        '- (root): is_anonymous is required\n' +
        '- aud: Invalid type. Expected: [string,array], given: integer\n' +
        '- exp: Invalid type. Expected: integer, given: string\n' +
        '- amr.1: Must validate at least one schema (anyOf)\n' +
        '- amr.1: Invalid type. Expected: string, given: integer\n',
    );
    expect(refusal({ claims: { ...claims, exp: 1.5 } }).message).toContain('- exp: Invalid type. Expected: integer, given: number\n');
  });
});

describe('hook URI', () => {
  it('names a quoted function from pg-functions://<db>/<schema>/<function>', () => {
    expect(parsePgFunctionHook('pg-functions://postgres/public/custom_access_token_hook')).toEqual({
      uri: 'pg-functions://postgres/public/custom_access_token_hook',
      functionName: '"public"."custom_access_token_hook"',
    });
  });

  it('refuses anything that could inject SQL or is not a Postgres function', () => {
    expect(() => parsePgFunctionHook('pg-functions://postgres/public/hook();drop table x')).toThrow(/invalid table name/);
    expect(() => parsePgFunctionHook('pg-functions://postgres/pub"lic/hook')).toThrow(/invalid schema name/);
    expect(() => parsePgFunctionHook('https://example.test/hook')).toThrow(/only pg-functions/);
  });
});
