import { expect, test } from '@playwright/test';
import { closeDb, query } from './support/db';
import { signIn } from './support/session';

test.afterAll(async () => {
  await closeDb();
});

test.describe('security posture', () => {
  test('pca reviews the findings, the anon probe and the policy changes', async ({ page }) => {
    const [levels] = await query<{ error: number; warn: number; info: number }>(
      `select count(*) filter (where level = 'ERROR')::int as error, count(*) filter (where level = 'WARN')::int as warn,
              count(*) filter (where level = 'INFO')::int as info
       from public.security_posture_findings()`,
    );
    await signIn(page.context(), 'pca');
    await page.goto('/governance/security');
    await expect(page).toHaveURL(/\/governance\/security$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Posture de sécurité' })).toBeVisible();

    await expect(page.getByTestId('security-level-ERROR')).toHaveText(String(levels!.error));
    await expect(page.getByTestId('security-level-WARN')).toHaveText(String(levels!.warn));
    await expect(page.getByTestId('security-level-INFO')).toHaveText(String(levels!.info));
    await expect(page.getByTestId('security-findings')).toBeVisible();

    // The real schema: the anon key reads nothing anywhere.
    await expect(page.getByTestId('security-probe-clean')).toBeVisible();
    await expect(page.getByTestId('security-probe-leaks')).toHaveCount(0);
    await expect(page.getByTestId('security-policy-changes')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/security.png', fullPage: true });

    await page.getByTestId('security-probe-toggle').click();
    await expect(page.getByTestId('security-probe').locator('tr[data-relation="system_alerts"]')).toHaveAttribute(
      'data-outcome',
      /empty|refused/,
    );
    await page.setViewportSize({ width: 800, height: 900 });
    await page.screenshot({ path: 'test-results/screenshots/security-800.png', fullPage: true });
  });

  test('a table left open by a scratch migration shows as a critical finding and a leak', async ({ page }) => {
    const table = `posture_e2e_${Date.now()}`;
    await query(`create table public.${table} (id integer primary key, secret text)`);
    await query(`insert into public.${table} values (1, 'visible')`);
    try {
      await signIn(page.context(), 'admin');
      await page.goto('/governance/security');
      // PostgREST reloads its schema cache on DDL, asynchronously: reload until the probe sees it.
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId('security-probe-leaks')).toContainText(table, { timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
      await expect(
        page.getByTestId('security-findings').locator(`tr[data-check="RLS_DISABLED_IN_PUBLIC"][data-object="public.${table}"]`),
      ).toHaveAttribute('data-level', 'ERROR');
      await page.screenshot({ path: 'test-results/screenshots/security-findings.png', fullPage: true });
    } finally {
      await query(`drop table if exists public.${table}`);
      await query('select public.sync_system_alerts()');
    }
  });
});
