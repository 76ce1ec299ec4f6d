import { describe, expect, it } from 'vitest';
import { syncHealthSchema, syncNotice } from './schemas';

type Run = { started_at: string; finished_at: string; ok: boolean; error_code: string | null; error_message: string | null };
type Answer = {
  checked_at: string;
  interval_seconds: number;
  stale_after_seconds: number;
  last_success_at: string | null;
  stale: boolean;
  last_run: Run | null;
};

const base: Answer = {
  checked_at: '2026-12-02T13:05:00.5+00:00',
  interval_seconds: 60,
  stale_after_seconds: 180,
  last_success_at: '2026-12-02T13:04:30.123456+00:00',
  stale: false,
  last_run: {
    started_at: '2026-12-02T13:04:30.123456+00:00',
    finished_at: '2026-12-02T13:04:30.2+00:00',
    ok: true,
    error_code: null,
    error_message: null,
  },
};

const health = (patch: Partial<Answer> = {}) => syncHealthSchema.parse({ ...base, ...patch });
const failedRun: Run = {
  ...base.last_run!,
  started_at: '2026-12-02T13:04:55+00:00',
  ok: false,
  error_code: 'P0001',
  error_message: null,
};

describe('syncNotice', () => {
  it('says nothing while the checks run and the last run succeeded', () => {
    expect(syncNotice(health())).toBeNull();
  });

  it('stale: since the last successful run, with the last failure when there is one', () => {
    expect(syncNotice(health({ stale: true }))).toMatchObject({ kind: 'stale', lastSuccessAt: base.last_success_at, failure: null });
    expect(syncNotice(health({ stale: true, last_run: failedRun }))).toMatchObject({
      kind: 'stale',
      failure: { at: failedRun.started_at, code: 'P0001', message: null },
    });
  });

  it('failed but not stale yet: says the last run failed; the message only when the database gave it (admins)', () => {
    expect(syncNotice(health({ last_run: failedRun }))).toMatchObject({ kind: 'failed', failure: { code: 'P0001', message: null } });
    expect(syncNotice(health({ last_run: { ...failedRun, error_message: 'division by zero' } }))?.failure?.message).toBe(
      'division by zero',
    );
  });

  it('never: no successful run at all, with or without a failed one', () => {
    expect(syncNotice(health({ last_success_at: null, stale: true, last_run: null }))).toMatchObject({ kind: 'never', failure: null });
    expect(syncNotice(health({ last_success_at: null, stale: true, last_run: failedRun }))).toMatchObject({
      kind: 'never',
      failure: { code: 'P0001' },
    });
  });

  it('refuses an answer of another shape', () => {
    expect(syncHealthSchema.safeParse({ ...base, stale: 'yes' }).success).toBe(false);
    expect(syncHealthSchema.safeParse({ ...base, interval_seconds: 0 }).success).toBe(false);
  });
});
