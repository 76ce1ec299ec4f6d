import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { closeDb, query } from './support/db';

test.afterAll(async () => {
  await closeDb();
});

/** Denied attempts recorded since `since` for a kind (written just after each response). */
function deniedSince(kind: string, since: Date) {
  return query<{ actor_email: string | null; actor_role: string | null; request_path: string | null }>(
    `select actor_email, actor_role, request_path from public.security_audit_logs
     where kind = $1 and occurred_at >= $2 order by id`,
    [kind, since],
  );
}

async function databaseNow(): Promise<Date> {
  const [row] = await query<{ now: Date }>('select now()');
  return row!.now;
}

test.describe('session', () => {
  test('an unauthenticated deep link goes to sign-in, then back to the page asked for', async ({ page }) => {
    await page.goto('/governance/alerts?status=all&sort=oldest');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fgovernance%2Falerts%3Fstatus%3Dall%26sort%3Doldest$/);
    await page.screenshot({ path: 'test-results/screenshots/sign-in.png', fullPage: true });

    await new SignInPage(page).signIn('admin@depot.test');
    await expect(page).toHaveURL(/\/governance\/alerts\?status=all&sort=oldest$/);
    await expect(page.getByTestId('current-user')).toContainText('Awa Koné');
  });

  test('a wrong password is refused with a clear message and no session, and is on record', async ({ page }) => {
    const since = await databaseNow();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn('admin@depot.test', 'not-the-password');
    await expect(signIn.error()).toHaveText('Adresse e-mail ou mot de passe incorrect.');
    await expect(signIn.email()).toHaveValue('admin@depot.test');
    await page.goto('/governance/integrity');
    await expect(page).toHaveURL(/\/sign-in/);
    await expect
      .poll(() => deniedSince('sign_in_failed', since))
      .toContainEqual({ actor_email: 'admin@depot.test', actor_role: null, request_path: '/sign-in' });
  });

  test('sign-out ends the session: governance pages send back to sign-in', async ({ page }) => {
    await new SignInPage(page).signInAs('directeur');
    await expect(page).toHaveURL(/\/governance\/integrity$/);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/governance/alerts');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  for (const role of ['operateur', 'gerant', 'lecture'] as const) {
    test(`${role} gets a 403 page and no governance navigation, and the hit is on record`, async ({ page }) => {
      const since = await databaseNow();
      await new SignInPage(page).signInAs(role, '/governance/alerts');
      const response = await page.goto('/governance/alerts');
      expect(response?.status()).toBe(403);
      await expect(page.getByTestId('forbidden')).toContainText('Accès refusé');
      await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toHaveCount(0);
      if (role === 'operateur') await page.screenshot({ path: 'test-results/screenshots/forbidden.png', fullPage: true });
      await expect
        .poll(() => deniedSince('forbidden_page', since))
        .toContainEqual({ actor_email: `${role}@depot.test`, actor_role: role, request_path: '/governance/alerts' });
    });
  }

  test('the language switch turns the console to English and is remembered', async ({ page }) => {
    await new SignInPage(page).signInAs('pca');
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Alertes', exact: true })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('en');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Alerts', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('fr');
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  });
});
