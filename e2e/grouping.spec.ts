import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { AppShell } from './pages/app-shell';
import { closeDb, openAlert, query, removeFixtures, tankCode } from './support/db';
import { signIn } from './support/session';

/**
 * Grouping (issue 14): the list grouped by check code and by object, each group with its counts,
 * opened in place to show its alerts, and leading to the flat list of the group.
 */
test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test('the PCA groups the active alerts by check: counts as the database holds them, a group opens to its alerts and leads to its list', async ({
  page,
}) => {
  await openAlert();
  await signIn(page.context(), 'pca');
  const alerts = new AlertsPage(page);
  await alerts.goto();
  await page.getByLabel('Regrouper').selectOption('check');
  await page.getByTestId('alerts-apply').click();
  // Hydrated, the list navigates in a transition: the URL changes once the grouped page has rendered.
  await expect(page).toHaveURL(/[?&]group=check/, { timeout: 30_000 });
  const group = page.locator('[data-testid="alert-group"][data-key="STOCK_NEGATIF"]');
  const [expected] = await query<{ n: number }>(
    `select count(*)::int as n from public.v_system_alerts
     where check_code = 'STOCK_NEGATIF' and status in ('OPEN', 'ACK') and not snoozed and not silenced`,
  );
  await expect(group.getByTestId('alert-group-count')).toHaveText(`${expected!.n} alertes`);
  await expect(page.getByTestId('alert-row')).toHaveCount(0);

  await group.locator('summary').click();
  await expect(group.getByTestId('alert-group-alert').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/alerts-grouped.png', fullPage: true });
  await group.getByTestId('alert-group-list-link').click();
  await expect(page).toHaveURL(/check=STOCK_NEGATIF/);
  await expect(page).not.toHaveURL(/group=/);
  await expect(alerts.rows().first()).toBeVisible();
});

test('grouped by object, a tank is named by its code; its list keeps the object as a filter until removed', async ({ page }) => {
  const { anomaly, alert } = await openAlert();
  await signIn(page.context(), 'admin');
  const alerts = new AlertsPage(page);
  await alerts.goto(`?group=entity&q=${tankCode(anomaly.entityId)}`);
  const group = page.getByTestId('alert-group');
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId('alert-group-title')).toHaveText('Citerne');
  await expect(group).toContainText(tankCode(anomaly.entityId));
  await group.locator('summary').click();
  await expect(group.locator(`[data-testid="alert-group-alert"][data-id="${alert.id}"]`)).toBeVisible();
  await group.getByTestId('alert-group-list-link').click();
  await expect(page.getByTestId('alerts-entity-filter')).toContainText('Objet : Citerne');
  await expect(alerts.row(alert.id)).toBeVisible();
  await expect(alerts.rows()).toHaveCount(1);
  await page.getByTestId('alerts-entity-filter').getByRole('link').click();
  await expect(page).not.toHaveURL(/entity=/);
  await expect(page.getByTestId('alerts-entity-filter')).toHaveCount(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the grouped list fits 390 px without scrolling sideways', async ({ page }) => {
    await signIn(page.context(), 'directeur');
    await new AlertsPage(page).goto('?group=entity&status=all');
    await page.getByTestId('alert-group').first().locator('summary').click();
    await expect(page.getByTestId('alert-group-alert').first()).toBeVisible();
    expect(await new AppShell(page).pageWidth()).toBeLessThanOrEqual(390);
  });
});
