import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { closeDb, DEMO_USER_IDS, mustReadAlert, openAlert, query, removeFixtures } from './support/db';
import { signIn } from './support/session';

/**
 * Snooze (issue 14) as its users meet it: an admin pauses an alert from its page with a reason; it
 * leaves the default list and shows under « En pause » with its end; the PCA sees the pause and no
 * control; a directeur resumes it, and it is back.
 */
test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

// One alert worked through in order: each test is one person's part.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

let alert: { id: string };

test.beforeAll(async () => {
  alert = (await openAlert()).alert;
});

test('an admin pauses the alert from its page, with a reason; a blank reason is refused first', async ({ page }) => {
  await signIn(page.context(), 'admin');
  await page.goto(`/governance/alerts/${alert.id}`);
  const form = page.getByTestId('alert-snooze');
  await expect(form).toHaveAttribute('data-interactive', 'true');
  await expect(form).toHaveAttribute('data-snoozed', 'false');
  await expect(page.getByTestId('alert-deadline')).toBeVisible();

  await page.getByTestId('alert-snooze-submit').click();
  await expect(page.getByTestId('alert-snooze-reason-error')).toHaveText('Indiquez le motif de la pause.');
  expect((await mustReadAlert(alert.id)).snoozed_until).toBeNull();

  // Tomorrow at 07:30, depot time (Africa/Kinshasa, UTC+1).
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Kinshasa' }).format(tomorrow);
  await page.getByTestId('alert-snooze-until-input').fill(`${day}T07:30`);
  await page.getByTestId('alert-snooze-reason-input').fill('Jaugeage manuel prévu demain matin.');
  await page.getByTestId('alert-snooze-submit').click();
  await expect(page.getByTestId('alert-snooze')).toHaveAttribute('data-snoozed', 'true');
  await expect(page.getByTestId('alert-snooze-until')).toContainText('En pause jusqu’au');
  await expect(page.getByTestId('alert-snooze-reason')).toHaveText('Jaugeage manuel prévu demain matin.');
  await expect(page.getByTestId('alert-snoozed-marker')).toBeVisible();
  // The deadline keeps running while paused (an overdue step escalates once the alert is back).
  await expect(page.getByTestId('alert-deadline')).toBeVisible();
  await expect(page.getByTestId('alert-timeline').locator('[data-event="snoozed"]').getByTestId('timeline-snooze')).toContainText(
    'En pause jusqu’au',
  );

  const stored = await mustReadAlert(alert.id);
  expect(stored.snoozed_by).toBe(DEMO_USER_IDS.admin);
  expect(stored.snoozed_until?.toISOString()).toBe(`${day}T06:30:00.000Z`);
  await page.screenshot({ path: 'test-results/screenshots/alert-snoozed.png', fullPage: true });
});

test('it leaves the default list and shows under « En pause », with its end', async ({ page }) => {
  await signIn(page.context(), 'admin');
  const alerts = new AlertsPage(page);
  await alerts.goto('?status=all');
  await expect(alerts.rows().first()).toBeVisible();
  await expect(alerts.row(alert.id)).toHaveCount(0);

  await alerts.goto('?snoozed=1');
  await expect(page.getByTestId('alerts-snoozed')).toBeChecked();
  const row = alerts.row(alert.id);
  await expect(row.getByTestId('alert-snoozed-marker').first()).toContainText('En pause jusqu’au');
  const flags = await query<{ snoozed: boolean }>(
    'select coalesce(snoozed_until > now(), false) as snoozed from public.system_alerts where id = any($1::uuid[])',
    [await alerts.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert-id')))],
  );
  expect(flags.every((flag) => flag.snoozed)).toBe(true);
});

test('the PCA sees the pause and no control to change it', async ({ page }) => {
  await signIn(page.context(), 'pca');
  await page.goto(`/governance/alerts/${alert.id}`);
  await expect(page.getByTestId('alert-snooze-until')).toContainText('En pause jusqu’au');
  await expect(page.getByTestId('alert-snooze-end')).toHaveCount(0);
  await expect(page.getByTestId('alert-snooze-submit')).toHaveCount(0);
});

test('a directeur resumes it: back in the list, and the history says who', async ({ page }) => {
  await signIn(page.context(), 'directeur');
  await page.goto(`/governance/alerts/${alert.id}`);
  await expect(page.getByTestId('alert-snooze')).toHaveAttribute('data-interactive', 'true');
  await page.getByTestId('alert-snooze-end').click();
  await expect(page.getByTestId('alert-snooze')).toHaveAttribute('data-snoozed', 'false');
  await expect(page.getByTestId('alert-timeline').locator('[data-event="unsnoozed"]').getByTestId('timeline-snooze')).toContainText(
    'Pause levée à la main',
  );
  expect((await mustReadAlert(alert.id)).snoozed_until).toBeNull();

  const alerts = new AlertsPage(page);
  await alerts.goto('?status=all');
  await expect(alerts.row(alert.id)).toBeVisible();
});
