import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { closeDb, createStaleTruck, DEMO_USER_IDS, mustReadAlert, openAlert, query, removeFixtures, sync, tankCode } from './support/db';
import { signIn } from './support/session';

/**
 * Four-eyes on risky closures (issue 14) as the directeurs meet them: one resolves a CRITICAL alert
 * still detected and is told it waits for a countersignature; the alert stays open and says so; the
 * PCA sees the request and can do nothing with it; the second directeur refuses it with a note (a
 * refusal without one changes nothing), the first asks again from the list, and the second
 * countersigns — the alert is resolved under the first's name, countersigned by the second.
 */
test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let alertId: string;
let code: string;

test.beforeAll(async () => {
  const opened = await openAlert();
  alertId = opened.alert.id;
  code = tankCode(opened.anomaly.entityId);
});

const decisions = async () =>
  (
    await query<{ n: number }>(
      `select count(*)::int as n from public.system_alert_events
       where alert_id = $1 and event_type in ('countersigned', 'resolution_rejected')`,
      [alertId],
    )
  )[0]!.n;

test('a directeur resolving a critical alert still detected is told a second directeur must countersign; it stays open', async ({
  page,
}) => {
  await signIn(page.context(), 'directeur');
  await page.goto(`/governance/alerts/${alertId}`);
  await page.getByTestId('alert-resolve-button').click();
  const dialog = new AlertsPage(page).dialog();
  await expect(dialog.getByTestId('resolve-anyway-warning')).toContainText('devra être contre-signée par un autre directeur');
  await new AlertsPage(page).submitDialog('Sonde de niveau en panne, stock relevé à la main.', 'false_positive');
  await expect(page.getByText('Résolution demandée : un autre directeur doit la contre-signer.')).toBeVisible();

  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-status', 'ACK');
  await expect(page.getByTestId('alert-countersign-marker')).toHaveText('En attente de contre-signature');
  const section = page.getByTestId('alert-countersign');
  await expect(section).toContainText('Jean-Baptiste Mensah demande la résolution');
  await expect(section.getByTestId('alert-countersign-reason')).toHaveText('Faux positif');
  await expect(section.getByTestId('alert-countersign-waiting')).toHaveText(
    'Vous avez demandé cette résolution : un autre directeur doit la contre-signer ou la refuser.',
  );
  // The requester cannot decide, and cannot resolve it again meanwhile.
  await expect(page.getByTestId('alert-countersign-control')).toHaveCount(0);
  await expect(page.getByTestId('alert-resolve-button')).toHaveCount(0);
  await expect(page.getByTestId('alert-timeline').locator('[data-event="resolutionRequested"]')).toContainText(
    'Sonde de niveau en panne, stock relevé à la main.',
  );
  expect(await mustReadAlert(alertId)).toMatchObject({
    status: 'ACK',
    resolution_requested_by: DEMO_USER_IDS.directeur,
    requested_resolution_reason: 'false_positive',
    resolved_at: null,
  });
});

test('the PCA finds the request under « À contre-signer », sees it and has no control over it', async ({ page }) => {
  await signIn(page.context(), 'pca');
  // The overview says some wait, and leads to them.
  await page.goto('/governance/integrity');
  await expect(page.getByTestId('integrity-countersign')).toContainText(/attend(ent)? la contre-signature d’un second directeur/);
  await expect(page.getByTestId('integrity-countersign').getByRole('link')).toHaveAttribute('href', '/governance/alerts?countersign=1');
  const alerts = new AlertsPage(page);
  await alerts.goto();
  await page.getByTestId('alerts-countersign').check();
  await page.getByTestId('alerts-apply').click();
  // Hydrated, the list navigates in a transition: the URL changes once the filtered page has rendered.
  await expect(page).toHaveURL(/[?&]countersign=1/, { timeout: 30_000 });
  await expect(alerts.row(alertId).getByTestId('alert-countersign-marker')).toBeVisible();
  await expect(alerts.rows().filter({ hasNot: page.getByTestId('alert-countersign-marker') })).toHaveCount(0);
  await page.goto(`/governance/alerts/${alertId}`);
  await expect(page.getByTestId('alert-countersign-marker')).toBeVisible();
  await expect(page.getByTestId('alert-countersign-waiting')).toHaveText(
    'Un second directeur doit contre-signer cette résolution ; jusque-là l’alerte reste ouverte.',
  );
  await expect(page.getByTestId('alert-countersign-control')).toHaveCount(0);
  await expect(page.getByTestId('alert-resolve-button')).toHaveCount(0);
});

test('the second directeur refuses with a note (not without one); the first asks again from the list; the second countersigns', async ({
  page,
  browser,
}) => {
  await signIn(page.context(), 'directeur2@depot.test');
  await page.goto(`/governance/alerts/${alertId}`);
  const control = page.getByTestId('alert-countersign-control');
  await expect(control).toHaveAttribute('data-interactive', 'true');
  await page.screenshot({ path: 'test-results/screenshots/four-eyes-pending.png', fullPage: true });

  await control.getByTestId('alert-countersign-reject').click();
  await expect(control.getByTestId('alert-countersign-note-error')).toHaveText('Indiquez pourquoi vous refusez la résolution.');
  expect(await decisions()).toBe(0);

  await control.getByTestId('alert-countersign-note').fill('Le relevé manuel date d’avant-hier : refaire le jaugeage.');
  await control.getByTestId('alert-countersign-reject').click();
  await expect(page.getByText('Résolution refusée : l’alerte reste acquittée.')).toBeVisible();
  await expect(page.getByTestId('alert-countersign')).toHaveCount(0);
  await expect(page.getByTestId('alert-timeline').locator('[data-event="resolutionRejected"]')).toContainText(
    'Le relevé manuel date d’avant-hier : refaire le jaugeage.',
  );
  expect(await mustReadAlert(alertId)).toMatchObject({ status: 'ACK', resolution_requested_by: null });

  // The first directeur asks again, from the list: the row says it waits.
  const first = await browser.newPage();
  await signIn(first.context(), 'directeur');
  const alerts = new AlertsPage(first);
  await alerts.search(code);
  const row = alerts.row(alertId);
  await row.getByTestId('alert-resolve-button').click();
  await alerts.submitDialog('Jaugeage refait ce matin : la sonde est bien en panne.', 'false_positive');
  await expect(first.getByText('Résolution demandée : un autre directeur doit la contre-signer.')).toBeVisible();
  await expect(row.getByTestId('alert-countersign-marker')).toBeVisible();
  await expect(row.getByTestId('alert-resolve-button')).toHaveCount(0);
  await first.context().close();

  await page.reload();
  await control.getByTestId('alert-countersign-note').fill('Vu le jaugeage de ce matin.');
  await control.getByTestId('alert-countersign-approve').click();
  await expect(page.getByText('Résolution contre-signée : l’alerte est résolue.')).toBeVisible();
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-status', 'RESOLVED');
  await expect(page.getByTestId('alert-countersigned-by')).toHaveText('Aminata Ouattara');
  await expect(page.getByTestId('alert-timeline').locator('[data-event="countersigned"]')).toContainText('Aminata Ouattara');
  await page.screenshot({ path: 'test-results/screenshots/four-eyes.png', fullPage: true });
  expect(await mustReadAlert(alertId)).toMatchObject({
    status: 'RESOLVED',
    resolved_by: DEMO_USER_IDS.directeur,
    countersigned_by: DEMO_USER_IDS.directeur2,
    resolution_reason: 'false_positive',
    resolution_note: 'Jaugeage refait ce matin : la sonde est bien en panne.',
    resolved_while_active: true,
  });
  expect(await decisions()).toBe(2);
});

test('resolving a selection says which alerts now wait for a countersignature', async ({ page }) => {
  const critical = await openAlert();
  const warn = await openAlert(createStaleTruck);
  await warn.anomaly.fix();
  await sync();
  await signIn(page.context(), 'directeur');
  const alerts = new AlertsPage(page);
  // The newest active alerts come first: both on the first page.
  await alerts.goto();
  for (const id of [critical.alert.id, warn.alert.id]) await alerts.row(id).getByTestId('alert-select').check();
  await page.getByTestId('bulk-resolve-button').click();
  await expect(alerts.dialog().getByTestId('bulk-four-eyes-warning')).toContainText(
    '1 est critique et toujours détectée : si vous la résolvez quand même, un autre directeur devra contre-signer.',
  );
  await alerts.dialog().getByTestId('bulk-resolve-anyway').check();
  await alerts.submitDialog('Traitées ensemble après la tournée.', 'accepted_risk');
  await expect(page.getByText('1 résolue ; 1 en attente de contre-signature.')).toBeVisible({ timeout: 15_000 });
  expect(await mustReadAlert(warn.alert.id)).toMatchObject({ status: 'RESOLVED' });
  expect(await mustReadAlert(critical.alert.id)).toMatchObject({
    status: 'ACK',
    resolution_requested_by: DEMO_USER_IDS.directeur,
    requested_resolution_reason: 'accepted_risk',
  });
});
