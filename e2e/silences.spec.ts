import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { AppShell } from './pages/app-shell';
import {
  activeAlertFor,
  closeDb,
  createNegativeStockTank,
  DEMO_USER_IDS,
  openAlert,
  query,
  removeFixtures,
  sync,
  tankCode,
} from './support/db';
import { signIn } from './support/session';

/**
 * Silences (issue 14) as their users meet them: a directeur starts one from an alert's page (the
 * check and the tank already chosen) and one from the silences page; an alert that opens during it
 * is kept apart (« En silence ») and counted apart on the overview; the PCA reads it all and can
 * change none of it; the directeur ends it early and the alert is announced.
 */
test.afterAll(async () => {
  // Nothing of this file keeps running.
  await query(`update public.alert_silences set ended_at = now(), ended_by = created_by where ended_at is null`);
  await removeFixtures();
  await closeDb();
});

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let openedBefore: { id: string; tankId: string };
let tank: { entityId: string; fingerprint: string; breakAgain(): Promise<void> };
// Of this run only: the reasons find the rows.
const firstReason = `Vidange de la citerne pour inspection ${randomUUID().slice(0, 8)}.`;
const secondReason = `Nettoyage programmé, jaugeage hors service ${randomUUID().slice(0, 8)}.`;

test.beforeAll(async () => {
  const opened = await openAlert();
  openedBefore = { id: opened.alert.id, tankId: opened.anomaly.entityId };
  // A tank whose stock is clean for now (a sync may run meanwhile: nothing opens); it turns negative
  // once the silence is in place, so its alert opens during it.
  const created = await createNegativeStockTank();
  await created.fix();
  tank = created;
});

test('a directeur starts a silence from an alert’s page: the check and the tank are chosen; a blank reason is refused first', async ({
  page,
}) => {
  await signIn(page.context(), 'directeur');
  await page.goto(`/governance/alerts/${openedBefore.id}`);
  await page.getByTestId('alert-silence-create').click();
  await expect(page).toHaveURL(/\/governance\/silences\?/);
  await expect(page.getByTestId('silence-check')).toHaveValue('STOCK_NEGATIF');
  await expect(page.getByTestId('silence-entity')).toHaveValue(`citerne:${openedBefore.tankId}`);

  const count = async () => (await query<{ n: number }>('select count(*)::int as n from public.alert_silences'))[0]!.n;
  const before = await count();
  await page.getByTestId('silence-submit').click();
  await expect(page.getByTestId('silence-reason-error')).toHaveText('Indiquez le motif du silence.');
  expect(await count()).toBe(before);

  await page.getByTestId('silence-reason').fill(firstReason);
  await page.getByTestId('silence-submit').click();
  await expect(page.getByText('Silence créé.')).toBeVisible();
  const row = page.getByTestId('silences-current').getByTestId('silence-row').filter({ hasText: firstReason });
  await expect(row.getByTestId('silence-state')).toHaveText('En cours');
  await expect(row).toContainText(tankCode(openedBefore.tankId));
  const [stored] = await query<{ created_by: string; check_code: string; entity_id: string }>(
    `select created_by, check_code, entity_id from public.alert_silences where reason = $1`,
    [firstReason],
  );
  expect(stored).toEqual({ created_by: DEMO_USER_IDS.directeur, check_code: 'STOCK_NEGATIF', entity_id: openedBefore.tankId });
});

test('a directeur silences another tank from the silences page; its alert opens silenced', async ({ page }) => {
  await signIn(page.context(), 'directeur');
  await page.goto('/governance/silences');
  await page.getByTestId('silence-check').selectOption('STOCK_NEGATIF');
  await page.getByTestId('silence-entity').selectOption(`citerne:${tank.entityId}`);
  // Tomorrow at 18:00, depot time.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Kinshasa' }).format(new Date(Date.now() + 24 * 3_600_000));
  await page.getByTestId('silence-endsAt').fill(`${day}T18:00`);
  await page.getByTestId('silence-reason').fill(secondReason);
  await page.getByTestId('silence-submit').click();
  await expect(page.getByText('Silence créé.')).toBeVisible();
  await expect(page.getByTestId('silences-current')).toContainText(secondReason);
  await page.screenshot({ path: 'test-results/screenshots/silences.png', fullPage: true });

  await tank.breakAgain();
  await sync();
  const alert = await activeAlertFor(tank.fingerprint);
  expect(alert?.silence_id).not.toBeNull();
  const [silence] = await query<{ ends_at: Date }>('select ends_at from public.alert_silences where id = $1', [alert!.silence_id]);
  expect(silence!.ends_at.toISOString()).toBe(`${day}T17:00:00.000Z`);
});

test('the admin finds it under « En silence » only, and the overview counts it apart', async ({ page }) => {
  const alert = (await activeAlertFor(tank.fingerprint))!;
  await signIn(page.context(), 'admin');
  const alerts = new AlertsPage(page);
  await alerts.search(tankCode(tank.entityId));
  await expect(alerts.row(alert.id)).toHaveCount(0);
  await page.goto(`/governance/alerts?silenced=1&q=${tankCode(tank.entityId)}`);
  await expect(page.getByTestId('alerts-silenced')).toBeChecked();
  await expect(alerts.row(alert.id).getByTestId('alert-silenced-marker')).toContainText('En silence jusqu’au');

  await page.goto(`/governance/alerts/${alert.id}`);
  await expect(page.getByTestId('alert-silenced-marker')).toBeVisible();
  await expect(page.getByTestId('alert-silence')).toContainText('Ouverte pendant un silence (personne n’a été notifié)');
  // Only a directeur starts a silence.
  await expect(page.getByTestId('alert-silence-create')).toHaveCount(0);

  await page.goto('/governance/integrity');
  await expect(page.getByTestId('integrity-silenced')).toContainText(/alertes? en silence, compté/);
  await expect(page.getByTestId('integrity-silenced')).toContainText(/silences? en cours/);
});

test('the PCA reads the silences and can change none of them', async ({ page }) => {
  await signIn(page.context(), 'pca');
  await page.goto('/governance/silences');
  await expect(page.getByTestId('silences-current').getByTestId('silence-row').first()).toBeVisible();
  await expect(page.getByTestId('alerts-read-only')).toHaveText('Seul un directeur peut créer ou lever un silence.');
  await expect(page.getByTestId('silence-form')).toHaveCount(0);
  await expect(page.getByTestId('silence-end')).toHaveCount(0);
});

test('the directeur ends it early: it moves to « Terminés » and the alert is announced', async ({ page }) => {
  const alert = (await activeAlertFor(tank.fingerprint))!;
  await signIn(page.context(), 'directeur');
  await page.goto('/governance/silences');
  const row = page.getByTestId('silences-current').getByTestId('silence-row').filter({ hasText: secondReason });
  await row.getByTestId('silence-end').click();
  await expect(page.getByText('Silence levé : les alertes encore actives sont annoncées.')).toBeVisible();
  const ended = page.getByTestId('silences-ended').getByTestId('silence-row').filter({ hasText: secondReason });
  await expect(ended.getByTestId('silence-state')).toHaveText('Terminé');
  await expect(ended).toContainText('levé par');

  await page.goto(`/governance/alerts/${alert.id}`);
  await expect(page.getByTestId('alert-silenced-marker')).toHaveCount(0);
  await expect(page.getByTestId('alert-timeline').locator('[data-event="unsilenced"]')).toContainText(
    'Silence levé à la main : l’alerte est annoncée',
  );
  const [notified] = await query<{ n: number }>(
    `select count(*)::int as n from public.system_alert_events where alert_id = $1 and event_type = 'notified' and details ->> 'cause' = 'unsilenced'`,
    [alert.id],
  );
  expect(notified!.n).toBe(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the silences page, with its form and both lists, fits 390 px without scrolling sideways', async ({ page }) => {
    await signIn(page.context(), 'directeur');
    await page.goto('/governance/silences');
    await expect(page.getByTestId('silence-form')).toBeVisible();
    await expect(page.getByTestId('silences-ended').getByTestId('silence-row').first()).toBeVisible();
    expect(await new AppShell(page).pageWidth()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/screenshots/mobile-silences.png', fullPage: true });
  });
});
