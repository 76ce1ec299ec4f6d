import { expect, test } from '@playwright/test';
import { closeDb, query } from './support/db';
import { signIn } from './support/session';

test.afterAll(async () => {
  await closeDb();
});

test.describe('versions', () => {
  test('pca reviews the console’s build, the components and the calculation stamps', async ({ page }) => {
    const [applied] = await query<{ version: string; name: string; count: number }>(
      `select version, name, (select count(*)::int from supabase_migrations.schema_migrations) as count
       from supabase_migrations.schema_migrations order by version desc limit 1`,
    );
    const [coverage] = await query<{ current_calc_version: string }>('select current_calc_version from public.governance_settings');

    await signIn(page.context(), 'pca');
    await page.goto('/governance/versions');
    await expect(page).toHaveURL(/\/governance\/versions$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Versions' })).toBeVisible();

    await expect(page.getByTestId('versions-applied-schema')).toHaveText(applied!.version);
    await expect(page.getByTestId('versions-alignment')).toHaveAttribute('data-alignment', 'OK');

    // The console reports its own version from its server when it starts: its row is current.
    const components = page.getByTestId('versions-components');
    await expect(components.locator('tr[data-component="console"]')).toHaveAttribute('data-status', 'OK');
    await expect(page.getByTestId('versions-running-console')).toHaveText(await page.getByTestId('versions-console-version').innerText());
    await expect(components.locator('tr[data-component="schema"]')).toHaveAttribute('data-status', 'OK');
    await expect(components.locator('tr[data-component="operations-app"]')).toBeVisible();

    await expect(page.getByTestId('versions-current-calc')).toHaveText(coverage!.current_calc_version);
    await expect(page.getByTestId('versions-coverage').locator('tr[data-kind="reception"]')).toBeVisible();
    await expect(page.getByTestId('versions-overrides')).toBeVisible();

    // The applied migration list: every migration the database records, newest first, with its date.
    await expect(page.getByRole('heading', { level: 2, name: 'Migrations appliquées' })).toBeVisible();
    const migrations = page.getByTestId('versions-migrations').locator('tbody tr');
    await expect(migrations).toHaveCount(applied!.count);
    await expect(migrations.first()).toHaveAttribute('data-version', applied!.version);
    await expect(migrations.first()).toContainText(applied!.name);
    await expect(page.getByTestId(`versions-migration-applied-${applied!.version}`).locator('time')).toHaveAttribute(
      'datetime',
      /^\d{4}-\d{2}-\d{2}T/,
    );
    await page.screenshot({ path: 'test-results/screenshots/versions.png', fullPage: true });

    await page.setViewportSize({ width: 800, height: 900 });
    await page.screenshot({ path: 'test-results/screenshots/versions-800.png', fullPage: true });
  });

  test('operateur gets the 403 page', async ({ page }) => {
    await signIn(page.context(), 'operateur');
    await page.goto('/governance/integrity');
    const response = await page.goto('/governance/versions');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
  });
});
