import { describe, expect, it } from 'vitest';
import { classifyAnswer, contentRangeTotal, leaks, probeAnon } from './anon-probe';

describe('anon probe', () => {
  it('classifies PostgREST answers', () => {
    expect(classifyAnswer(200, [])).toEqual({ outcome: 'empty', rowCount: 0, code: null });
    expect(classifyAnswer(200, [{ id: 1 }, { id: 2 }])).toEqual({ outcome: 'rows', rowCount: 2, code: null });
    expect(classifyAnswer(401, { code: '42501', message: 'permission denied for table x' })).toMatchObject({
      outcome: 'refused',
      code: '42501',
    });
    expect(classifyAnswer(404, { code: '42P01' })).toMatchObject({ outcome: 'error', code: '42P01' });
    expect(classifyAnswer(200, { unexpected: true })).toMatchObject({ outcome: 'error' });
  });

  it('sends the anon key, never a session, and reports leaks in order', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: init.headers as Record<string, string> });
      const body = url.includes('/open?') ? [{ id: 1 }] : url.includes('/closed?') ? { code: '42501' } : [];
      return new Response(JSON.stringify(body), { status: url.includes('/closed?') ? 401 : 200 });
    }) as unknown as typeof fetch;
    const results = await probeAnon({
      url: 'http://api.test/',
      anonKey: 'anon-key',
      fetchImpl,
      relations: ['open', 'closed', 'empty'].map((name) => ({ schemaName: 'public', name, kind: 'table' })),
    });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['open', 'rows'],
      ['closed', 'refused'],
      ['empty', 'empty'],
    ]);
    expect(leaks(results).map((r) => r.name)).toEqual(['open']);
    expect(seen[0]?.url).toBe('http://api.test/rest/v1/open?select=*&limit=3');
    for (const request of seen) expect(request.headers).toMatchObject({ apikey: 'anon-key', Authorization: 'Bearer anon-key' });
  });

  it('counts a failed request as an error, not as a pass', async () => {
    const fetchImpl = (async () => {
      throw new Error('connection refused');
    }) as unknown as typeof fetch;
    const [result] = await probeAnon({
      url: 'http://api.test',
      anonKey: 'k',
      fetchImpl,
      relations: [{ schemaName: 'public', name: 't', kind: 'table' }],
    });
    expect(result).toMatchObject({ outcome: 'error', status: 0 });
  });

  it('asks for an exact count when told, and reports the total rows readable', async () => {
    expect(contentRangeTotal('0-2/57')).toBe(57);
    expect(contentRangeTotal('*/0')).toBe(0);
    expect(contentRangeTotal(null)).toBeNull();
    expect(classifyAnswer(206, [{ id: 1 }], 57)).toEqual({ outcome: 'rows', rowCount: 57, code: null });
    const prefer: (string | undefined)[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      prefer.push((init.headers as Record<string, string>).Prefer);
      return new Response(JSON.stringify([{ id: 1 }, { id: 2 }, { id: 3 }]), { status: 206, headers: { 'content-range': '0-2/1200' } });
    }) as unknown as typeof fetch;
    const relations = [{ schemaName: 'public', name: 'open', kind: 'table' }];
    const [counted] = await probeAnon({ url: 'http://api.test', anonKey: 'k', fetchImpl, relations, countRows: true });
    expect(counted).toMatchObject({ outcome: 'rows', rowCount: 1200 });
    const [uncounted] = await probeAnon({ url: 'http://api.test', anonKey: 'k', fetchImpl, relations });
    expect(uncounted).toMatchObject({ outcome: 'rows', rowCount: 3 });
    expect(prefer).toEqual(['count=exact', undefined]);
  });
});
