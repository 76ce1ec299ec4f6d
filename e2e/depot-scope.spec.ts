import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { AuditPage } from './pages/audit-page';
import { consolePublicKey, verifyExport } from './support/audit';
import { BOUAKE_DEPOT_ID, closeDb, createNegativeStockTank, openAlert, query, removeFixtures, sync, tankCode } from './support/db';
import { signIn } from './support/session';

/**
 * Depot scope (issue 16) as people meet it: Bouaké's admin signs in and finds Bouaké everywhere —
 * its name in the header, only Bouaké's alerts (a Vridi alert's page is « introuvable »), no depot
 * choice, no platform pages; head office picks a depot in the list's filters and sees each alert's
 * depot.
 */
test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let vridiAlertId: string;
let bouakeTank: string;

test.beforeAll(async () => {
  const bouake = await createNegativeStockTank(BOUAKE_DEPOT_ID);
  bouakeTank = tankCode(bouake.entityId);
  await sync();
  vridiAlertId = (await openAlert()).alert.id;
});

test("Bouaké's admin sees Bouaké only, everywhere", async ({ page }) => {
  await signIn(page.context(), 'admin.bouake@depot.test');
  await page.goto('/governance/alerts?status=all');
  await expect(page.getByTestId('current-scope')).toHaveText('Dépôt de Bouaké');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link', { name: 'Alertes' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sécurité' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Versions' })).toHaveCount(0);

  // Only Bouaké's alerts, each tagged BOUAKE; no depot to choose from.
  await expect(page.getByTestId('alerts-filters').locator('#alerts-depot')).toHaveCount(0);
  const table = page.getByTestId('alerts-table');
  await expect(table.getByText(bouakeTank).first()).toBeVisible();
  const tags = await table.getByTestId('alert-depot').allTextContents();
  expect(tags.length).toBeGreaterThan(0);
  expect(new Set(tags)).toEqual(new Set(['BOUAKE']));

  // Another depot's alert does not exist for them; the platform's pages are head office's.
  await page.goto(`/governance/alerts/${vridiAlertId}`);
  await expect(page.getByTestId('alert-not-found')).toBeVisible();
  await page.goto('/governance/security');
  await expect(page.getByTestId('head-office-only')).toContainText('réservée aux utilisateurs du siège');
  await expect(page.getByTestId('head-office-only')).toContainText('Dépôt de Bouaké');
});

test('head office chooses a depot in the list and sees each alert’s depot', async ({ page }) => {
  await signIn(page.context(), 'admin');
  await page.goto('/governance/alerts');
  await expect(page.getByTestId('current-scope')).toHaveText('Siège — tous les dépôts');
  const filters = page.getByTestId('alerts-filters');
  await filters.locator('#alerts-depot').selectOption('BOUAKE');
  await filters.getByTestId('alerts-apply').click();
  await expect(page).toHaveURL(/[?&]depot=BOUAKE/, { timeout: 30_000 });
  const table = page.getByTestId('alerts-table');
  await expect(table.getByText(bouakeTank).first()).toBeVisible();
  expect(new Set(await table.getByTestId('alert-depot').allTextContents())).toEqual(new Set(['BOUAKE']));

  await page.goto(`/governance/alerts/${vridiAlertId}`);
  await expect(page.getByTestId('alert-detail-depot')).toHaveText('VRIDI — Dépôt pétrolier de Vridi');
});

test("Bouaké's admin exports the ledger: Bouaké's events, a manifest that says so, and it verifies", async ({
  page,
  request,
}, testInfo) => {
  const publicKey = await consolePublicKey(request, testInfo);
  await signIn(page.context(), 'admin.bouake@depot.test');
  await page.goto('/governance/audit');
  // Whether the company's chain holds — not how many events it has.
  await expect(page.getByTestId('audit-chain-status')).toContainText('Chaîne intègre — tout le journal de la société vérifié');
  const download = await new AuditPage(page).download('Tout le journal en JSON');
  // Not « complet »: it is Bouaké's part of the ledger.
  expect(download.suggestedFilename()).not.toContain('complet');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const check = await verifyExport(file, publicKey.file);
  const [{ n }] = (await query<{ n: number }>(
    `select count(*)::int as n from public.system_alert_events
     where depot_id = $1 and id <= (select max(id) from public.system_alert_events)`,
    [BOUAKE_DEPOT_ID],
  )) as [{ n: number }];
  expect(check.stdout).toContain('"depot":"BOUAKE"');
  expect(check.stdout).toMatch(/^OK: \d+ events verified/m);
  expect(Number(/^OK: (\d+) events/m.exec(check.stdout)?.[1])).toBeLessThanOrEqual(n);
  expect(check.code).toBe(0);
});

test('head office exports Bouaké’s alerts as CSV: every page, one depot, and the export is logged', async ({ page }, testInfo) => {
  await signIn(page.context(), 'admin');
  await page.goto('/governance/alerts?status=all&depot=BOUAKE');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('alerts-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^alertes-\d{8}-\d{4}\.csv$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const bytes = await readFile(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
  expect(records.length).toBeGreaterThan(0);
  expect(new Set(records.map((record) => record['dépôt']))).toEqual(new Set(['BOUAKE']));
  const [logged] = await query<{ filters: Record<string, string>; row_count: number }>(
    `select filters, row_count from public.export_log
     where actor_id = '00000000-0000-4000-8000-000000000001' and kind = 'alerts_csv' order by id desc limit 1`,
  );
  expect(logged).toEqual({ filters: { status: 'all', depot: 'BOUAKE' }, row_count: records.length });
});

test('head office narrows the integrity overview to one depot', async ({ page }) => {
  await signIn(page.context(), 'admin');
  await page.goto('/governance/integrity');
  const filter = page.getByTestId('depot-filter');
  await filter.locator('#depot-filter').selectOption('BOUAKE');
  await filter.getByTestId('depot-filter-apply').click();
  await expect(page).toHaveURL(/\/governance\/integrity\?depot=BOUAKE$/, { timeout: 30_000 });
  await expect(filter.locator('#depot-filter')).toHaveValue('BOUAKE');
  // Bouaké's detected anomalies only: its silent feed, none of Vridi's stock checks.
  const current = page.getByTestId('integrity-current-checks');
  await expect(current.locator('[data-check="FEED_SILENT"]').first()).toBeVisible();
  await expect(current.locator('[data-check="STOCK_OVER_CAPACITY"]')).toHaveCount(0);
  // Its tiles open the list in the same depot.
  await expect(page.locator('a', { has: page.getByTestId('integrity-status-OPEN') })).toHaveAttribute(
    'href',
    '/governance/alerts?status=OPEN&depot=BOUAKE',
  );
});

test('head office narrows the audit log, the silences and the deliveries to one depot; the filtered export names it and verifies', async ({
  page,
  request,
}, testInfo) => {
  const publicKey = await consolePublicKey(request, testInfo);
  await signIn(page.context(), 'directeur');
  await page.goto('/governance/audit');
  await page.locator('#audit-depot').selectOption('BOUAKE');
  await page.getByTestId('audit-apply').click();
  await expect(page).toHaveURL(/depot=BOUAKE/);
  // The page's default period: the last 30 days of the depot's calendar, up to today.
  const [{ n }] = (await query<{ n: number }>(
    `select count(*)::int as n from public.system_alert_events
     where depot_id = $1
       and occurred_at >= ((now() at time zone private.depot_time_zone())::date - 30)::timestamp at time zone private.depot_time_zone()`,
    [BOUAKE_DEPOT_ID],
  )) as [{ n: number }];
  expect(n).toBeGreaterThan(0);
  await expect(page.getByTestId('audit-total')).toHaveText(
    new RegExp(`^${new Intl.NumberFormat('fr-FR').format(n).replace(/\s/g, '\\s')}\\s`),
  );
  // The page's filters, exported: the manifest names the depot, and the verifier checks it as filtered.
  const download = await new AuditPage(page).download('Exporter en JSON (avec empreintes)');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const check = await verifyExport(file, publicKey.file);
  expect(check.stdout).toContain('"depot":"BOUAKE"');
  expect(check.stdout).toMatch(/^OK: \d+ events verified/m);
  expect(check.code).toBe(0);

  await page.goto('/governance/silences?depot=BOUAKE');
  await expect(page.getByTestId('depot-filter').locator('select')).toHaveValue('BOUAKE');
  await page.goto('/governance/deliveries?depot=BOUAKE');
  await expect(page.locator('#deliveries-depot')).toHaveValue('BOUAKE');
});
