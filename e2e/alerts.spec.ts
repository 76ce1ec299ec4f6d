import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { actionIds, postAction } from './support/actions';
import {
  activeAlertFor,
  closeDb,
  createNegativeStockTank,
  createStaleTruck,
  DEMO_USER_IDS,
  mustReadAlert,
  openAlert,
  query,
  removeFixtures,
  sync,
  tankCode,
  truckPlate,
} from './support/db';
import { signIn } from './support/session';

test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test.describe('alert workflow in the browser', () => {
  test('admin acknowledges an alert with a note; the database records the admin and the time', async ({ page }) => {
    const { anomaly, alert } = await openAlert();
    await signIn(page.context(), 'admin');
    const alerts = new AlertsPage(page);
    await alerts.search(tankCode(anomaly.entityId));
    const row = alerts.row(alert.id);
    await expect(row).toHaveAttribute('data-status', 'OPEN');

    await row.getByTestId('alert-ack-button').click();
    await alerts.submitDialog('Jaugeage demandé à l’équipe de quai.');
    // The row turns ACK at once (optimistic); the toast says the server agreed.
    await expect(row).toHaveAttribute('data-status', 'ACK');
    await expect(page.getByText('Alerte acquittée.')).toBeVisible();
    await expect(row).toContainText('Awa Koné');

    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('ACK');
    expect(stored.acknowledged_by).toBe(DEMO_USER_IDS.admin);
    expect(stored.ack_note).toBe('Jaugeage demandé à l’équipe de quai.');
    expect(Date.now() - stored.acknowledged_at!.getTime()).toBeLessThan(60_000);
  });

  test('directeur is stopped without a reason and a note, then resolves anyway with both; list, detail and history show the reason', async ({
    page,
  }) => {
    // A WARN alert (a truck left unloaded): a CRITICAL one still detected needs a second directeur (four-eyes.spec.ts).
    const { anomaly, alert } = await openAlert(createStaleTruck);
    await signIn(page.context(), 'directeur');
    const alerts = new AlertsPage(page);
    await alerts.search(truckPlate(anomaly.entityId));
    const row = alerts.row(alert.id);

    await row.getByTestId('alert-resolve-button').click();
    const dialog = alerts.dialog();
    await expect(dialog).toContainText('La condition est toujours détectée');
    await dialog.getByTestId('alert-dialog-submit').click();
    await expect(dialog.getByTestId('alert-note-error')).toHaveText('Une note de résolution est obligatoire.');
    await expect(dialog.getByTestId('alert-reason-error')).toHaveText('Choisissez le motif de la résolution.');
    expect((await mustReadAlert(alert.id)).status).toBe('OPEN');

    await alerts.submitDialog('Livre de stock corrigé après inventaire.', 'accepted_risk');
    await expect(page.getByText('Alerte résolue.')).toBeVisible();
    await expect(row).toHaveAttribute('data-status', 'RESOLVED');
    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('RESOLVED');
    expect(stored.resolved_by).toBe(DEMO_USER_IDS.directeur);
    expect(stored.resolution_note).toBe('Livre de stock corrigé après inventaire.');
    expect(stored.resolution_reason).toBe('accepted_risk');
    expect(stored.resolved_while_active).toBe(true);
    await expect(row.getByTestId('alert-resolution-reason').first()).toHaveText('Risque accepté');

    await page.goto(`/governance/alerts/${alert.id}`);
    await expect(page.getByTestId('alert-resolution-reason')).toHaveText('Risque accepté');
    await expect(page.getByTestId('alert-timeline').locator('[data-event="resolved"]').getByTestId('timeline-reason')).toHaveText(
      'Motif : Risque accepté',
    );
  });

  test('admin acknowledges two selected alerts at once with one note', async ({ page }) => {
    const first = await openAlert();
    const second = await openAlert();
    await signIn(page.context(), 'admin');
    const alerts = new AlertsPage(page);
    await alerts.search('ZT-');
    for (const { alert } of [first, second]) {
      await alerts.row(alert.id).getByTestId('alert-select').check();
    }
    await page.getByTestId('bulk-ack-button').click();
    await alerts.submitDialog('Lot vérifié.');
    await expect(page.getByText('2 alertes acquittées.')).toBeVisible();
    for (const { alert } of [first, second]) {
      await expect(alerts.row(alert.id)).toHaveAttribute('data-status', 'ACK');
      const stored = await mustReadAlert(alert.id);
      expect(stored.acknowledged_by).toBe(DEMO_USER_IDS.admin);
      expect(stored.ack_note).toBe('Lot vérifié.');
    }
  });

  test('directeur resolves a selection with one reason: the alert still detected stays open unless confirmed', async ({ page }) => {
    // WARN alerts (trucks): a CRITICAL one still detected needs a second directeur (four-eyes.spec.ts).
    const fixed = await openAlert(createStaleTruck);
    const detected = await openAlert(createStaleTruck);
    await fixed.anomaly.fix();
    await sync();
    await signIn(page.context(), 'directeur');
    const alerts = new AlertsPage(page);
    await alerts.search('TEST-');
    for (const { alert } of [fixed, detected]) await alerts.row(alert.id).getByTestId('alert-select').check();
    await page.getByTestId('bulk-resolve-button').click();
    const dialog = alerts.dialog();
    await expect(dialog).toContainText('Résoudre 2 alertes');
    await expect(dialog.getByTestId('bulk-resolve-anyway')).not.toBeChecked();

    // Without a reason and a note: refused by the dialog, nothing stored.
    await dialog.getByTestId('alert-dialog-submit').click();
    await expect(dialog.getByTestId('alert-reason-error')).toHaveText('Choisissez le motif de la résolution.');
    expect((await mustReadAlert(fixed.alert.id)).status).toBe('OPEN');

    // Not confirmed: the cleared one is resolved, the detected one left open — each said.
    await alerts.submitDialog('Doublon du contrôle de la veille.', 'duplicate');
    await expect(page.getByText('1 résolue ; 1 toujours détectée, laissée ouverte.')).toBeVisible();
    await expect(alerts.row(fixed.alert.id)).toHaveAttribute('data-status', 'RESOLVED');
    expect(await mustReadAlert(fixed.alert.id)).toMatchObject({
      status: 'RESOLVED',
      resolution_reason: 'duplicate',
      resolution_note: 'Doublon du contrôle de la veille.',
      resolved_by: DEMO_USER_IDS.directeur,
      resolved_while_active: false,
    });
    expect((await mustReadAlert(detected.alert.id)).status).toBe('OPEN');

    // Confirmed: resolved anyway, and recorded as such.
    await alerts.row(detected.alert.id).getByTestId('alert-select').check();
    await page.getByTestId('bulk-resolve-button').click();
    await dialog.getByTestId('bulk-resolve-anyway').check();
    await alerts.submitDialog('Risque accepté par la direction.', 'accepted_risk');
    await expect(page.getByText('1 alerte résolue.')).toBeVisible();
    expect(await mustReadAlert(detected.alert.id)).toMatchObject({
      status: 'RESOLVED',
      resolution_reason: 'accepted_risk',
      resolved_while_active: true,
    });
  });

  test('admin runs a sync and sees what it opened', async ({ page }) => {
    const anomaly = await createNegativeStockTank();
    expect(await activeAlertFor(anomaly.fingerprint)).toBeUndefined();
    await signIn(page.context(), 'admin');
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await page.getByTestId('sync-button').click();
    await expect(page.getByText(/Synchronisation : 1 ouverte,/)).toBeVisible();
    const opened = await activeAlertFor(anomaly.fingerprint);
    expect(opened?.status).toBe('OPEN');
    await alerts.search(tankCode(anomaly.entityId));
    await expect(alerts.row(opened!.id)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/alerts.png', fullPage: true });
  });

  test('pca sees no controls, and a hand-made action request is refused with nothing changed', async ({ page }) => {
    const target = await openAlert();
    const actionId = actionIds().acknowledge;

    await signIn(page.context(), 'pca');
    const alerts = new AlertsPage(page);
    await alerts.search(tankCode(target.anomaly.entityId));
    const row = alerts.row(target.alert.id);
    await expect(row).toBeVisible();
    await expect(page.getByTestId('alerts-read-only')).toBeVisible();
    await expect(page.getByTestId('alert-ack-button')).toHaveCount(0);
    await expect(page.getByTestId('alert-resolve-button')).toHaveCount(0);
    await expect(page.getByTestId('alert-select')).toHaveCount(0);
    await expect(page.getByTestId('sync-button')).toHaveCount(0);

    const before = await mustReadAlert(target.alert.id);
    const [{ now: replayedAt }] = (await query<{ now: Date }>('select now()')) as [{ now: Date }];
    expect(await postAction(page.request, actionId, [{ id: target.alert.id, note: 'forcé' }])).toContain('"code":"forbidden"');
    expect(await mustReadAlert(target.alert.id)).toEqual(before);
    // …and the refusal is on record for reviewers (written just after the response).
    await expect
      .poll(async () =>
        query(
          `select kind, severity, actor_role, reason from public.security_audit_logs
           where actor_id = $1 and last_occurred_at >= $2`,
          [DEMO_USER_IDS.pca, replayedAt],
        ),
      )
      .toContainEqual({ kind: 'action_refused', severity: 'WARN', actor_role: 'pca', reason: 'role pca lacks alerts:acknowledge' });
  });

  test('the open list re-reads itself through the console every 30 s, only while the tab is visible', async ({ page }) => {
    const target = await openAlert();
    const supabaseUrl = process.env.SUPABASE_URL ?? 'http://127.0.0.1:54321';
    const toSupabase: string[] = [];
    const reads: number[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(supabaseUrl)) toSupabase.push(request.url());
    });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/alerts') reads.push(response.status());
    });
    await page.clock.install();
    await signIn(page.context(), 'pca');
    const alerts = new AlertsPage(page);
    await alerts.search(tankCode(target.anomaly.entityId));
    await expect(alerts.row(target.alert.id)).toBeVisible();
    expect(reads).toEqual([]);

    const read = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/alerts');
    await page.clock.fastForward('00:31');
    const answer = await read;
    expect(answer.status()).toBe(200);
    expect(JSON.stringify(await answer.json())).toContain(target.alert.id);
    await expect(alerts.row(target.alert.id)).toBeVisible();

    // Hidden: no re-read, however long; visible again (and stale): one at once.
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        // As browsers fire it: at the document, bubbling (TanStack Query listens on the window).
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      }, state);
    await setVisibility('hidden');
    const before = reads.length;
    await page.clock.fastForward('01:05');
    await page.waitForTimeout(500); // a read, had one started, would have answered by now
    expect(reads.length).toBe(before);
    const back = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/alerts');
    await setVisibility('visible');
    expect((await back).status()).toBe(200);
    // The browser never talks to Supabase itself: the console's server reads under the user's session.
    expect(toSupabase).toEqual([]);
  });

  test('the alert detail shows every field and the history', async ({ page }) => {
    const { anomaly, alert } = await openAlert();
    await query(
      `update public.system_alerts set status = 'ACK', acknowledged_at = now(), acknowledged_by = $2, ack_note = 'Vu'
       where id = $1`,
      [alert.id, DEMO_USER_IDS.admin],
    );
    await signIn(page.context(), 'pca');
    await page.goto(`/governance/alerts/${alert.id}`);
    const detail = page.getByTestId('alert-detail');
    await expect(detail).toContainText(tankCode(anomaly.entityId));
    await expect(detail).toContainText('Stock négatif');
    await expect(page.getByTestId('alert-timeline')).toContainText('Awa Koné');
    await expect(page.getByTestId('alert-ack-button')).toHaveCount(0);
    // The numbers behind the check, as the integrity page shows them (one formatter for both).
    const numbers = page.getByTestId('alert-details');
    await expect(numbers.locator('dd[data-key="stock_ambiant"]')).toHaveText(/^-500\s?L$/);
    await expect(numbers.locator('dd[data-key="date_jour"] time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
    await expect(numbers).toContainText('Jour du stock');
    await page.screenshot({ path: 'test-results/screenshots/alert-detail.png', fullPage: true });

    const missing = await page.goto('/governance/alerts/00000000-0000-4000-8000-00000000dead');
    expect(missing?.status()).toBe(404);
    await expect(page.getByText('Alerte introuvable')).toBeVisible();
  });
});
