import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { closeDb, DEMO_USER_IDS, mustReadAlert, openAlert, query, removeFixtures } from './support/db';
import { signIn } from './support/session';

/**
 * Working an alert together (issue 14): an admin comments (the text shows in the history as
 * text, markup included), a directeur assigns the alert to the admin, the admin finds it under
 * « Mes alertes », and the PCA sees the comment and the assignee with no control to change them.
 */
test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

// A comment that would run script and show bold text if it were ever rendered as HTML.
const HTML_COMMENT = 'Jauge relevée <b>à la main</b> <img src=x onerror="window.__pwned=1"> : écart confirmé.';

test('comment, assign, « Mes alertes », and the PCA reads it all without controls', async ({ browser }) => {
  const { alert } = await openAlert();
  const [{ name: adminName }] = (await query<{ name: string }>('select nom_complet as name from public.profils where user_id = $1', [
    DEMO_USER_IDS.admin,
  ])) as [{ name: string }];

  await test.step('the admin comments; the history shows the text, not markup', async () => {
    const context = await browser.newContext();
    await signIn(context, 'admin');
    const page = await context.newPage();
    await page.goto(`/governance/alerts/${alert.id}`);
    const form = page.getByTestId('alert-comment-form');
    await expect(form).toHaveAttribute('data-interactive', 'true');

    // Blank (invisible characters only) is refused before anything is sent.
    await page.getByTestId('alert-comment-input').fill(' \u200b ');
    await page.getByTestId('alert-comment-submit').click();
    await expect(page.getByTestId('alert-comment-error')).toHaveText('Le commentaire est vide.');

    await page.getByTestId('alert-comment-input').fill(HTML_COMMENT);
    await page.getByTestId('alert-comment-submit').click();
    const comment = page.getByTestId('alert-timeline').locator('[data-event="commented"]');
    await expect(comment.getByTestId('timeline-comment')).toHaveText(HTML_COMMENT);
    await expect(comment).toContainText('Commentaire');
    await expect(comment).toContainText(`par ${adminName}`);
    await expect(comment.locator('b, img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.getByTestId('alert-comment-input')).toHaveValue('');
    await context.close();
  });

  await test.step('a directeur assigns the alert to the admin', async () => {
    const context = await browser.newContext();
    await signIn(context, 'directeur');
    const page = await context.newPage();
    await page.goto(`/governance/alerts/${alert.id}`);
    await expect(page.getByTestId('alert-assignee')).toHaveText('Personne');
    await expect(page.getByTestId('alert-assign-form')).toHaveAttribute('data-interactive', 'true');
    await page.getByLabel('Assigner à').selectOption(DEMO_USER_IDS.admin);
    await page.getByTestId('alert-assign-submit').click();
    await expect(page.getByTestId('alert-assignee')).toHaveText(adminName);
    await expect(page.getByTestId('alert-timeline').locator('[data-event="assigned"]').getByTestId('timeline-assignment')).toHaveText(
      `Assignée à ${adminName}`,
    );
    expect((await mustReadAlert(alert.id)).assigned_to).toBe(DEMO_USER_IDS.admin);
    await page.screenshot({ path: 'test-results/screenshots/alert-collaboration.png', fullPage: true });
    await context.close();
  });

  await test.step('the admin finds it under « Mes alertes », with the assignee column', async () => {
    const context = await browser.newContext();
    await signIn(context, 'admin');
    const page = await context.newPage();
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await page.getByTestId('alerts-mine').check();
    await page.getByTestId('alerts-apply').click();
    await expect(page).toHaveURL(/[?&]mine=1/);
    const row = alerts.row(alert.id);
    await expect(row).toBeVisible();
    await expect(row.getByTestId('alert-assignee').first()).toHaveText(adminName);
    // Every row of « Mes alertes » is the admin's.
    const assignees = await alerts
      .rows()
      .evaluateAll((rows) => rows.map((r) => r.querySelector('td [data-testid="alert-assignee"]')?.textContent ?? ''));
    expect(new Set(assignees)).toEqual(new Set([adminName]));
    await context.close();
  });

  await test.step('the PCA sees the comment and the assignee, and no control', async () => {
    const context = await browser.newContext();
    await signIn(context, 'pca');
    const page = await context.newPage();
    await page.goto(`/governance/alerts/${alert.id}`);
    await expect(page.getByTestId('alert-assignee')).toHaveText(adminName);
    await expect(page.getByTestId('timeline-comment')).toHaveText(HTML_COMMENT);
    await expect(page.getByTestId('alert-comment-form')).toHaveCount(0);
    await expect(page.getByTestId('alert-assign-form')).toHaveCount(0);
    await expect(page.getByTestId('alert-assign-select')).toHaveCount(0);

    await page.goto('/governance/alerts?status=all');
    await expect(new AlertsPage(page).row(alert.id).getByTestId('alert-assignee').first()).toHaveText(adminName);
    await context.close();
  });
});
