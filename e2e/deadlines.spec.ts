import { expect, test } from '@playwright/test';
import { AuditPage } from './pages/audit-page';
import { closeDb, openAlert, query, removeFixtures, sync, tankCode } from './support/db';
import { signIn } from './support/session';

/**
 * Deadlines as the users see them (issue 15): the time left or overdue on the list and the detail,
 * the escalation and the notification in the alert's timeline and the audit log, and the share of
 * deadlines met on the overview. Overdue is made by moving the alert's first detection back, never
 * by waiting.
 */
test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test('an alert’s deadline shows on its page and the list; once passed, the sync escalates it and says who was told', async ({ page }) => {
  const { alert } = await openAlert();
  await signIn(page.context(), 'directeur');

  await page.goto(`/governance/alerts/${alert.id}`);
  const pill = page.getByTestId('alert-detail').getByTestId('alert-deadline');
  await expect(pill).toHaveAttribute('data-step', 'ack');
  await expect(pill).toHaveAttribute('data-overdue', 'false');
  await expect(pill).toContainText(/^Acquittement : reste 1\d minutes$/);

  // Twenty minutes old, never acknowledged: CRITICAL allows fifteen.
  await query(`update public.system_alerts set first_seen_at = now() - interval '20 minutes' where id = $1`, [alert.id]);
  await sync();
  await page.reload();
  await expect(pill).toHaveAttribute('data-overdue', 'true', { timeout: 15_000 });
  await expect(pill).toContainText(/^Acquittement en retard depuis [45] minutes$/);
  const timeline = page.getByTestId('alert-timeline');
  await expect(timeline.locator('[data-event="escalated"]').getByTestId('timeline-escalation')).toHaveText(
    'Non acquittée dans le délai de 15 minutes — prévenus : Directeur',
  );
  // Two notifications: the admins of the opening, the directeurs of the escalation; never an address.
  const notified = timeline.locator('[data-event="notified"]').getByTestId('timeline-notified');
  await expect(notified).toHaveCount(2);
  await expect(notified.first()).toContainText('(Administrateur) — e-mail');
  await expect(notified.last()).toContainText('(Directeur) — e-mail');
  expect(await timeline.textContent()).not.toContain('@depot.test');
  await page.screenshot({ path: 'test-results/screenshots/alert-deadline-overdue.png', fullPage: true });

  // Other specs' fixtures fill the first pages: the search narrows the list to this tank.
  await page.goto(`/governance/alerts?check=STOCK_NEGATIF&q=${tankCode(alert.entity_id)}`);
  const row = page.getByRole('row').filter({ has: page.locator(`[id="alert-${alert.id}-link"]`) });
  // The table shows the handling twice (a narrow screen's combined cell, a wide screen's column).
  const rowPill = row.getByTestId('alert-deadline').filter({ visible: true });
  await expect(rowPill).toHaveAttribute('data-overdue', 'true', { timeout: 15_000 });
  await expect(rowPill).toContainText('Acquittement en retard depuis');

  // Acknowledged: the next duty is the resolution, 24 h from the first detection.
  await query(
    `update public.system_alerts set status = 'ACK', acknowledged_at = now(), acknowledged_by = p.user_id
     from public.profils p where p.role = 'admin' and p.depot_id is null and system_alerts.id = $1`,
    [alert.id],
  );
  await page.goto(`/governance/alerts/${alert.id}`);
  await expect(pill).toHaveAttribute('data-step', 'resolve');
  await expect(pill).toHaveAttribute('data-overdue', 'false');
  await expect(pill).toContainText(/^Résolution : reste 23 heures/);

  const [escalated] = await query<{ id: string }>(
    `select id::text from public.system_alert_events where alert_id = $1 and event_type = 'escalated'`,
    [alert.id],
  );
  const audit = new AuditPage(page);
  await audit.goto('?type=escalated');
  await expect(audit.row(escalated!.id)).toContainText('Escaladée');
  await expect(audit.rows().filter({ hasNotText: 'Escaladée' })).toHaveCount(0);
});

test('the overview shows the share of deadlines met, as the database counts it', async ({ page }) => {
  const rows = await query<{ ack_due: string; ack_on_time: string; resolve_due: string; resolve_on_time: string }>(
    'select * from public.alert_deadline_compliance(30)',
  );
  const sum = (key: keyof (typeof rows)[number]) => rows.reduce((total, row) => total + Number(row[key]), 0);
  const share = (onTime: number, due: number) => (due === 0 ? '—' : `${Math.floor((onTime / due) * 100)} %`);
  const french = (value: number) => new Intl.NumberFormat('fr-FR').format(value);

  await signIn(page.context(), 'pca');
  await page.goto('/governance/integrity');
  await expect(page.getByTestId('integrity-ack-on-time')).toHaveText(share(sum('ack_on_time'), sum('ack_due')));
  await expect(page.getByTestId('integrity-resolve-on-time')).toHaveText(share(sum('resolve_on_time'), sum('resolve_due')));
  await expect(page.getByText(`${french(sum('ack_on_time'))} sur ${french(sum('ack_due'))} échéances passées`)).toBeVisible();
  // The seed's CRITICAL alerts are older than their 15 minutes: there is something to count.
  expect(sum('ack_due')).toBeGreaterThan(0);
});
