import { expect, test } from '@playwright/test';
import { catcherUrl, consoleUrl, messagesOf, waitForStatus } from '../supabase/tests/support/delivery';
import { SignInPage } from './pages/sign-in-page';
import { closeDb, createNegativeStockTank, openAlert, query, removeFixtures } from './support/db';

/**
 * What an admin woken at night goes through (issue 15): the sync detects a CRITICAL anomaly, the
 * worker `npm test` runs beside the console e-mails it, the message is in the local catcher's web
 * inbox in French, and its link — opened signed out, as from a phone's mail app — leads through
 * sign-in to the alert itself.
 */
test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test('a CRITICAL alert’s e-mail is in the local inbox, in French, and its link leads to the alert after sign-in', async ({ page }) => {
  test.setTimeout(90_000);
  const { alert } = await openAlert(createNegativeStockTank);
  const [delivery] = await query<{ id: string }>(
    `select d.id from public.notification_deliveries d join public.profils p on p.user_id = d.recipient_id
      where d.alert_id = $1 and d.channel = 'email' and p.role = 'admin'`,
    [alert.id],
  );
  expect(delivery, 'an opened CRITICAL alert e-mails the admin (the role’s default)').toBeDefined();
  await waitForStatus([delivery!.id], ['sent'], 60_000);
  const [message] = await messagesOf(delivery!.id);
  expect(message!.to).toContain('admin@depot.test');

  await page.goto(catcherUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception locale' })).toBeVisible();
  await page.getByRole('link', { name: message!.subject }).click();
  await expect(page.getByRole('heading', { level: 1, name: message!.subject })).toBeVisible();
  expect(message!.subject).toMatch(/^\[CRITIQUE\] .*STOCK_NEGATIF/);
  const text = page.locator('pre');
  const link = `${consoleUrl}/governance/alerts/${alert.id}`;
  await expect(text).toContainText(link);
  await expect(text).toContainText(alert.message);
  // The HTML part is shown too, sandboxed, with the same link.
  const html = page.frameLocator('iframe[title="HTML du message"]');
  await expect(html.locator(`a[href="${link}"]`).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/inbox-alert-email.png', fullPage: true });

  // Signed out, the link asks for sign-in first, then lands on the alert.
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await new SignInPage(page).signIn('admin@depot.test');
  await expect(page).toHaveURL(new RegExp(`/governance/alerts/${alert.id}$`), { timeout: 15_000 });
  await expect(page.getByTestId('alert-message')).toHaveText(alert.message);
});
