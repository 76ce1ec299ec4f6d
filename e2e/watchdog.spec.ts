import { expect, test, type APIRequestContext } from '@playwright/test';
import { resolveAsDirecteurs } from '../supabase/tests/support/resolve';
import { activeAlertFor, closeDb, query, sync } from './support/db';
import { signIn } from './support/session';

/**
 * The watchdog seen from the console: when the checks stop (the recorded runs moved back past three
 * intervals, as if the timer had stopped that long), every governance page shows the red banner and
 * /api/ready answers 503 naming the reason and nothing else; put back, both recover. A failed last
 * run shows the amber banner — the database's message for admins only.
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

test.afterAll(async () => {
  await closeDb();
});

/** Moves every recorded run `seconds` back (negative: forward again). */
async function shiftRuns(seconds: number): Promise<void> {
  await query(
    `update public.alert_sync_runs
     set started_at = started_at - make_interval(secs => $1), finished_at = finished_at - make_interval(secs => $1)`,
    [seconds],
  );
}

async function staleShift(): Promise<number> {
  const [row] = await query<{ seconds: number }>('select sync_interval_seconds as seconds from public.governance_settings where id');
  return 3 * row!.seconds + 600;
}

const STALE_FINGERPRINT = 'SYNC_STALE:component:alert_sync';

/** Alerts are never deleted: the test's SYNC_STALE is resolved, through the API, as the directeurs would. */
async function resolveAsDirecteur(id: string): Promise<void> {
  await resolveAsDirecteurs(id, 'Test de bout en bout : minuterie relancée');
}

async function ready(request: APIRequestContext): Promise<{ status: number; body: string }> {
  const response = await request.get('/api/ready');
  return { status: response.status(), body: await response.text() };
}

test.describe('the checks stopped', () => {
  test('every governance page shows the red banner and /api/ready answers 503; the next run opens SYNC_STALE and both recover', async ({
    page,
    request,
  }) => {
    await sync();
    const shift = await staleShift();
    await shiftRuns(shift);
    let resumed = false;
    try {
      await signIn(page.context(), 'pca');
      await page.goto('/governance/integrity');
      const banner = page.getByTestId('sync-health-banner');
      await expect(banner).toHaveAttribute('data-kind', 'stale');
      await expect(banner).toHaveAttribute('role', 'alert');
      await expect(banner).toContainText(/Les contrôles ne tournent plus depuis le .+ \(il y a .+\)\./);
      await page.screenshot({ path: 'test-results/screenshots/watchdog-stale.png', fullPage: true });
      // The layout renders it: the other pages' server HTML has it too (read without a browser, faster).
      for (const pathname of ['/governance/alerts', '/governance/audit', '/governance/versions', '/governance/security']) {
        const response = await page.request.get(pathname);
        expect(response.status(), pathname).toBe(200);
        expect(await response.text(), pathname).toMatch(/data-testid="sync-health-banner" data-kind="stale"/);
      }

      await page.context().addCookies([{ name: 'locale', value: 'en', url: baseURL }]);
      await page.reload();
      await expect(banner).toContainText(/The checks have not run since .+ \(.+ ago\)\./);
      await page.context().addCookies([{ name: 'locale', value: 'fr', url: baseURL }]);

      const answer = await ready(request);
      expect(answer.status, answer.body).toBe(503);
      expect(JSON.parse(answer.body)).toEqual({
        status: 'not_ready',
        checks: { postgrest: 'ok', schema: 'ok', sync: 'stale' },
        reasons: ['sync_stale'],
      });
      // Anyone may ask: no time, no interval, nothing from the database's own words.
      expect(answer.body).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}:\d{2}|seconds|error/i);

      // The timer is back: its run opens the alert covering the gap, and the page recovers.
      await sync();
      resumed = true;
    } finally {
      if (!resumed) await shiftRuns(-shift);
    }
    const stale = await activeAlertFor(STALE_FINGERPRINT);
    expect(stale?.status).toBe('OPEN');
    try {
      await page.goto(`/governance/alerts/${stale!.id}`);
      await expect(page.getByTestId('sync-health-banner')).toHaveCount(0);
      await expect(page.getByTestId('alert-detail')).toContainText(/Les contrôles n'ont pas tourné du .+ au .+ \(heure du dépôt\)/);
      await expect(page.getByTestId('alert-details')).toContainText('Dernier contrôle réussi');
      const after = await ready(request);
      expect(after.status, after.body).toBe(200);
    } finally {
      await resolveAsDirecteur(stale!.id);
    }
  });
});

test.describe('the last run failed', () => {
  test('the amber banner says so with the code; only the admin reads the database’s message', async ({ browser }) => {
    await sync();
    // A check outside the guarded families (a family that raises is only a CHECK_FAILED finding).
    const [saved] = await query<{ definition: string }>(
      `select pg_get_functiondef('private.security_findings()'::regprocedure) as definition`,
    );
    await query(`
      create or replace function private.security_findings()
      returns table (lint text, check_code text, level text, object_type text, object_name text, detail text, remediation text, metadata jsonb)
      language plpgsql stable set search_path = ''
      as $$ begin raise exception 'watchdog broken by the browser test' using errcode = 'P0042'; end $$`);
    try {
      const [failed] = await query<{ result: { ok: boolean } }>('select public.sync_system_alerts() as result');
      expect(failed!.result.ok).toBe(false);
    } finally {
      await query(saved!.definition);
    }

    try {
      for (const role of ['pca', 'admin'] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await signIn(context, role);
        await page.goto('/governance/alerts');
        const banner = page.getByTestId('sync-health-banner');
        await expect(banner).toHaveAttribute('data-kind', 'failed');
        await expect(banner).toContainText('Le dernier contrôle a échoué.');
        await expect(banner).toContainText(/Le dernier contrôle a échoué le .+ \(code P0042\)\./);
        if (role === 'admin') await expect(banner).toContainText('watchdog broken by the browser test');
        else await expect(banner).not.toContainText('watchdog broken');
        await context.close();
      }
    } finally {
      await sync();
    }
  });
});
