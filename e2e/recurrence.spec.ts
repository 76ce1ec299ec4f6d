import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { closeDb, query } from './support/db';
import { signIn } from './support/session';

/**
 * Recurrence (issue 14), on the demo data: tank T05 was negative a few weeks ago (resolved), and
 * today's alert on it says « Récidive n° 1 » in the list and on its page, which lists the earlier one.
 */
test.afterAll(async () => {
  await closeDb();
});

test('the PCA sees « Récidive n° 1 » on T05’s alert, and the earlier occurrence with how it was resolved', async ({ page }) => {
  const [alert] = await query<{ id: string; previous_alert_id: string }>(
    `select a.id::text, a.previous_alert_id::text
     from public.system_alerts a join public.citernes c on c.id::text = a.entity_id and c.code = 'T05'
     where a.check_code = 'STOCK_NEGATIF' and a.occurrence = 2`,
  );
  expect(alert).toBeDefined();

  await signIn(page.context(), 'pca');
  const alerts = new AlertsPage(page);
  await alerts.goto('?status=all&q=T05');
  await expect(alerts.row(alert!.id).getByTestId('alert-recurrence').first()).toHaveText('Récidive n° 1');

  await page.goto(`/governance/alerts/${alert!.id}`);
  await expect(page.getByTestId('alert-recurrence')).toHaveText('Récidive n° 1');
  const earlier = page.getByTestId('alert-earlier-occurrences').locator('li');
  await expect(earlier).toHaveCount(1);
  await expect(earlier.first()).toHaveAttribute('data-alert-id', alert!.previous_alert_id);
  await expect(earlier.first()).toContainText('Résolue');
  await expect(earlier.first()).toContainText('Corrigé à la source');

  // The earlier one opens, and is the first of its fingerprint: no recurrence, nothing earlier.
  await earlier.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/governance/alerts/${alert!.previous_alert_id}$`));
  await expect(page.getByTestId('alert-recurrence')).toHaveCount(0);
  await expect(page.getByTestId('alert-earlier-occurrences')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/alert-earlier-occurrence.png', fullPage: true });
});
