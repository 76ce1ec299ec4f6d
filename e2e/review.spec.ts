import { expect, test } from '@playwright/test';
import { signIn } from './support/session';

/**
 * The board's review (issue 16) as the PCA uses it: the last month by default in the month field,
 * its figures, the URL that holds the selection; a period that names nothing says so; Bouaké's
 * directeur reviews Bouaké only.
 */
test.describe.configure({ timeout: 90_000 });

function lastMonth(): string {
  // The depot's zone (Africa/Kinshasa, UTC+1) and UTC agree on the month except for an hour a month.
  const now = new Date(Date.now() + 3_600_000);
  const month = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
  const year = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  return `${year}-${String(month).padStart(2, '0')}`;
}

test('the PCA reviews last month: figures, heat map, and a URL that holds the selection', async ({ page }) => {
  await signIn(page.context(), 'pca');
  await page.goto('/governance/review');
  await expect(page.getByRole('heading', { level: 1, name: 'Revue' })).toBeVisible();
  const filters = page.getByTestId('review-filters');
  await expect(filters.locator('#review-month')).toHaveValue(lastMonth());
  await filters.locator('#review-period').selectOption('month');
  await filters.getByTestId('review-apply').click();
  await expect(page).toHaveURL(new RegExp(`/governance/review\\?period=month&month=${lastMonth()}$`), { timeout: 30_000 });

  // The seed's history: last month's alerts, all resolved — Vridi's mostly.
  const counts = page.getByTestId('review-counts');
  const resolved = Number((await counts.locator('[data-figure="resolved"] dd').textContent())?.replace(/\s/g, ''));
  expect(resolved).toBeGreaterThan(0);
  await expect(page.getByTestId('review-showing')).toContainText('tous les dépôts visibles');
  await expect(page.getByTestId('review-heat-map').locator('td[data-depot="VRIDI"]').first()).toBeVisible();
  await expect(page.getByTestId('review-times').locator('tr[data-scope="all"]')).toBeVisible();
  await expect(page.getByTestId('review-reasons').locator('tr[data-reason]').first()).toBeVisible();

  // The same view from its URL alone.
  await page.goto(`/governance/review?period=month&month=${lastMonth()}`);
  await expect(counts.locator('[data-figure="resolved"] dd')).toHaveText(String(resolved));
});

test('a period that names nothing says so and shows nothing', async ({ page }) => {
  await signIn(page.context(), 'pca');
  await page.goto('/governance/review?period=custom&from=2026-11-15&to=2026-11-01');
  await expect(page.getByTestId('review-invalid')).toHaveText('Le dernier jour précède le premier. Rien n’est affiché.');
  await expect(page.getByTestId('review-counts')).toHaveCount(0);
  // Blank fields sent by the form land on the tidy URL.
  await page.goto('/governance/review?period=7d&month=&from=&to=&depot=');
  await expect(page).toHaveURL(/\/governance\/review\?period=7d$/);
});

test("Bouaké's directeur reviews Bouaké only", async ({ page }) => {
  await signIn(page.context(), 'directeur.bouake@depot.test');
  await page.goto('/governance/review?period=90d');
  await expect(page.getByTestId('review-filters').locator('#review-depot')).toHaveCount(0);
  await expect(page.getByTestId('review-showing')).toContainText('Dépôt de Bouaké');
  const depots = await page
    .getByTestId('review-heat-map')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-depot')));
  expect(depots).toEqual(['BOUAKE']);
  // Another depot's code names nothing they can see.
  await page.goto('/governance/review?period=90d&depot=VRIDI');
  await expect(page.getByTestId('review-invalid')).toContainText('VRIDI');
});
