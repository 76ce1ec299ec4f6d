import { expect, test, type Locator, type Page } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { AppShell } from './pages/app-shell';
import { closeDb, createStaleTruck, DEMO_USER_IDS, mustReadAlert, openAlert, removeFixtures, tankCode, truckPlate } from './support/db';
import { signIn } from './support/session';

/** A phone held upright (an iPhone 12–15's CSS size), driven by touch. */
const PHONE = { width: 390, height: 844 };
/** The smallest tap target we accept (WCAG 2.5.5 asks 44 px; Material 48 dp; we settle for 40). */
const MIN_TARGET = 40;

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

async function expectTappable(target: Locator) {
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(MIN_TARGET);
  expect(box.width).toBeGreaterThanOrEqual(MIN_TARGET);
}

/** The element lies wholly on the screen (no part of it off to a side or below). */
async function expectOnScreen(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
  await expect(target).toBeInViewport({ ratio: 1 });
}

test.describe('on a phone (390 × 844, touch)', () => {
  // One test per page: each one short, well under the timeout.
  const PAGES: { name: string; path: () => Promise<string>; ready: (page: Page) => Locator }[] = [
    {
      name: 'the alert list',
      // At least one card, whatever other tests did to the seed's alerts.
      path: async () => (await openAlert(), '/governance/alerts'),
      ready: (page) => new AlertsPage(page).cards().first(),
    },
    {
      name: 'an alert’s page',
      path: async () => `/governance/alerts/${(await openAlert()).alert.id}`,
      ready: (page) => page.getByTestId('alert-detail'),
    },
    { name: 'the integrity overview', path: async () => '/governance/integrity', ready: (page) => page.getByTestId('integrity-trend') },
    { name: 'the check guides page', path: async () => '/governance/checks', ready: (page) => page.getByRole('heading', { level: 1 }) },
    {
      name: 'a check’s guide',
      path: async () => '/governance/checks/STOCK_NEGATIF',
      ready: (page) => page.getByRole('heading', { level: 1 }),
    },
    { name: 'the audit log', path: async () => '/governance/audit', ready: (page) => page.getByTestId('audit-row').first() },
    { name: 'the versions page', path: async () => '/governance/versions', ready: (page) => page.getByRole('heading', { level: 1 }) },
    { name: 'the security posture', path: async () => '/governance/security', ready: (page) => page.getByRole('heading', { level: 1 }) },
  ];
  for (const { name, path, ready } of PAGES) {
    test(`${name} does not scroll sideways`, async ({ page }) => {
      const url = await path();
      await signIn(page.context(), 'admin');
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(ready(page)).toBeVisible();
      // Late parts (the trend chart, the list's client render) are in by now.
      await page.waitForLoadState('networkidle');
      const shell = new AppShell(page);
      expect(await shell.pageWidth(), `${url} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
      await expect(shell.menuButton()).toBeVisible();
      if (name === 'the alert list') await page.screenshot({ path: 'test-results/screenshots/mobile-alerts.png', fullPage: true });
    });
  }

  test('the navigation sits behind a menu button, opens by tap, and closes on the page it leads to', async ({ page }) => {
    await signIn(page.context(), 'pca');
    await page.goto('/governance/integrity');
    const shell = new AppShell(page);
    await expect(shell.navLink('Audit')).toBeHidden();
    await expectTappable(shell.menuButton());
    await expect(shell.menuButton()).toHaveAttribute('aria-expanded', 'false');

    await shell.menuButton().tap();
    await expect(shell.menuButton()).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['Intégrité', 'Alertes', 'Audit', 'Versions', 'Sécurité']) await expectTappable(shell.navLink(name));
    // A column: the last one on screen means all are.
    await expectOnScreen(page, shell.navLink('Sécurité'));
    await expect(shell.navLink('Intégrité')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/mobile-menu.png' });

    // Escape closes it too (a keyboard on a tablet), focus back on the button.
    await page.keyboard.press('Escape');
    await expect(shell.menuButton()).toHaveAttribute('aria-expanded', 'false');
    await expect(shell.menuButton()).toBeFocused();
    await expect(shell.navLink('Audit')).toBeHidden();

    await shell.menuButton().tap();
    await shell.navLink('Audit').tap();
    await expect(page).toHaveURL(/\/governance\/audit$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Journal d’audit' })).toBeVisible();
    await expect(shell.menuButton()).toHaveAttribute('aria-expanded', 'false');
    await expect(shell.navLink('Audit')).toBeHidden();
  });

  test('the alert list shows cards with severity, check, message and status, and no table', async ({ page }) => {
    const { anomaly, alert } = await openAlert();
    await signIn(page.context(), 'pca');
    const alerts = new AlertsPage(page);
    await alerts.search(tankCode(anomaly.entityId));

    const card = alerts.card(alert.id);
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-status', 'OPEN');
    await expect(card.locator('[data-severity="CRITICAL"]')).toHaveText('Critique');
    await expect(card.getByTestId('alert-card-check')).toContainText('Stock négatif');
    await expect(card.locator('[data-status="OPEN"]')).toHaveText('Ouverte');
    const message = card.getByTestId('alert-card-link');
    await expect(message).toContainText(tankCode(anomaly.entityId));
    await expect(message).toHaveAttribute('href', `/governance/alerts/${alert.id}`);
    await expect(page.getByTestId('alerts-table')).toBeHidden();
    // Read-only: no buttons and no checkboxes on the card.
    await expect(card.getByRole('button')).toHaveCount(0);
    await expect(card.getByRole('checkbox')).toHaveCount(0);
    expect(await new AppShell(page).pageWidth()).toBeLessThanOrEqual(PHONE.width);
  });

  test('admin acknowledges an open alert by tap; the dialog fits the screen', async ({ page }) => {
    const { anomaly, alert } = await openAlert();
    await signIn(page.context(), 'admin');
    const alerts = new AlertsPage(page);
    await alerts.search(tankCode(anomaly.entityId));
    const card = alerts.card(alert.id);
    await expect(card).toHaveAttribute('data-status', 'OPEN');
    // An admin may acknowledge, not resolve.
    await expect(card.getByTestId('alert-resolve-button')).toHaveCount(0);
    // The checkbox is small; its label around it is the tap area, corner included.
    const select = card.getByTestId('alert-select');
    const selectArea = card.locator('label', { has: page.getByTestId('alert-select') });
    await expectTappable(selectArea);
    await selectArea.tap({ position: { x: 2, y: 2 } });
    await expect(select).toBeChecked();
    await expect(page.getByTestId('alerts-selection-bar')).toBeVisible();
    await selectArea.tap({ position: { x: 2, y: 2 } });
    await expect(select).not.toBeChecked();

    const acknowledge = card.getByTestId('alert-ack-button');
    await expectTappable(acknowledge);
    await acknowledge.tap();
    const dialog = alerts.dialog();
    await expect(dialog).toBeVisible();
    await expectOnScreen(page, dialog);
    await expect(dialog).toContainText(tankCode(anomaly.entityId));
    const submit = dialog.getByTestId('alert-dialog-submit');
    await expectTappable(submit);
    await expectTappable(dialog.getByRole('button', { name: 'Annuler' }));
    await page.screenshot({ path: 'test-results/screenshots/mobile-acknowledge-dialog.png' });

    await dialog.getByTestId('alert-note').fill('Vu sur le téléphone, jaugeage demandé.');
    await submit.tap();
    await expect(page.getByText('Alerte acquittée.')).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(card).toHaveAttribute('data-status', 'ACK');
    await expect(card.getByTestId('alert-acknowledged-by')).toHaveText('Awa Koné');
    await expect(card.getByTestId('alert-ack-button')).toHaveCount(0);

    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('ACK');
    expect(stored.acknowledged_by).toBe(DEMO_USER_IDS.admin);
    expect(stored.ack_note).toBe('Vu sur le téléphone, jaugeage demandé.');
  });

  test('directeur resolves an alert by tap, confirming it is still detected', async ({ page }) => {
    const { anomaly, alert } = await openAlert(createStaleTruck);
    await signIn(page.context(), 'directeur');
    const alerts = new AlertsPage(page);
    await alerts.search(truckPlate(anomaly.entityId));
    const card = alerts.card(alert.id);

    const resolve = card.getByTestId('alert-resolve-button');
    await expectTappable(resolve);
    await resolve.tap();
    const dialog = alerts.dialog();
    await expect(dialog).toContainText('La condition est toujours détectée');
    await expectOnScreen(page, dialog);
    const submit = dialog.getByTestId('alert-dialog-submit');
    await expect(submit).toHaveText('Résoudre quand même');
    await expectTappable(submit);

    // Without a note: refused by the dialog, nothing stored.
    await submit.tap();
    await expect(dialog).toContainText('Une note de résolution est obligatoire.');
    expect((await mustReadAlert(alert.id)).status).toBe('OPEN');

    // The reasons are one tap each: the whole label is the target, and fits the screen.
    const reason = dialog.locator('label').filter({ has: page.getByTestId('resolution-reason-fixed_at_source') });
    await expectTappable(reason);
    await expectOnScreen(page, reason);
    await reason.tap();
    await expect(dialog.getByTestId('resolution-reason-fixed_at_source')).toBeChecked();
    await dialog.getByTestId('alert-note').fill('Inventaire refait sur place, livre corrigé.');
    await submit.tap();
    await expect(page.getByText('Alerte résolue.')).toBeVisible();
    await expect(card).toHaveAttribute('data-status', 'RESOLVED');
    await expect(card.getByRole('button')).toHaveCount(0);

    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('RESOLVED');
    expect(stored.resolved_by).toBe(DEMO_USER_IDS.directeur);
    expect(stored.resolution_note).toBe('Inventaire refait sur place, livre corrigé.');
    expect(stored.resolution_reason).toBe('fixed_at_source');
    expect(stored.resolved_while_active).toBe(true);
  });
});
