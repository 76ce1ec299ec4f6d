import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home-page';

test('home page shows the product name and the API status', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();

  await expect(page).toHaveTitle('Console de gouvernance');
  await expect(home.heading).toHaveText('Console de gouvernance');
  await expect(home.apiStatus).toBeVisible();
  // Captured before the status assertion so the artifact exists even when the API is down.
  await page.screenshot({ path: 'test-results/screenshots/home.png', fullPage: true });

  await expect(home.apiStatus).toHaveText('API joignable');
});
