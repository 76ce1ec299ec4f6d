import { expect, test } from '@playwright/test';
import { closeDb, query } from './support/db';
import { signIn } from './support/session';

test.afterAll(async () => {
  await closeDb();
});

test.describe('integrity overview', () => {
  test('pca reviews the headline counts, the check table, the trend and the current checks', async ({ page }) => {
    const [active] = await query<{ critical: number; warn: number; open: number }>(
      `select count(*) filter (where severity = 'CRITICAL' and status in ('OPEN', 'ACK'))::int as critical,
              count(*) filter (where severity = 'WARN' and status in ('OPEN', 'ACK'))::int as warn,
              count(*) filter (where status = 'OPEN')::int as open
       from public.system_alerts`,
    );
    await signIn(page.context(), 'pca');
    await page.goto('/governance/integrity');
    await expect(page).toHaveURL(/\/governance\/integrity$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Intégrité des données' })).toBeVisible();

    await expect(page.getByTestId('integrity-severity-CRITICAL')).toHaveText(String(active!.critical));
    await expect(page.getByTestId('integrity-severity-WARN')).toHaveText(String(active!.warn));
    await expect(page.getByTestId('integrity-status-OPEN')).toHaveText(String(active!.open));

    const table = page.getByTestId('integrity-checks-table');
    for (const label of ['Stock négatif', 'Stock au-delà de la capacité', 'Camion arrivé non déchargé', 'Écart de volume à 15 °C']) {
      await expect(table).toContainText(label);
    }
    await expect(page.getByTestId('integrity-trend')).toBeVisible();
    await expect(page.getByTestId('integrity-current-checks')).toContainText('Citerne T05');
    await page.screenshot({ path: 'test-results/screenshots/integrity.png', fullPage: true });
  });

  test('the overview breaks the period’s resolutions down by reason, as the database counts them', async ({ page }) => {
    await signIn(page.context(), 'pca');
    await page.goto('/governance/integrity');
    const card = page.getByTestId('integrity-reasons');
    await expect(card).toBeVisible();
    // Read after the page: the seed's history has both reasons; tests that resolve meanwhile add to them.
    const rows = await query<{ reason: string; resolved: string }>('select reason, resolved from public.alert_resolution_reasons(30)');
    const seen = new Map(rows.map((row) => [row.reason, Number(row.resolved)]));
    expect(seen.get('fixed_at_source')).toBeGreaterThan(0);
    expect(seen.get('expected_behaviour')).toBeGreaterThan(0);
    const labels: Record<string, string> = { fixed_at_source: 'Corrigé à la source', expected_behaviour: 'Comportement attendu' };
    for (const [reason, label] of Object.entries(labels)) {
      const row = card.locator(`tr[data-reason="${reason}"]`);
      await expect(row.locator('th')).toHaveText(label);
      expect(Number((await row.getByTestId('reason-resolved').innerText()).replace(/\s/g, ''))).toBeLessThanOrEqual(seen.get(reason)!);
      expect(Number((await row.getByTestId('reason-resolved').innerText()).replace(/\s/g, ''))).toBeGreaterThan(0);
    }
  });
});
