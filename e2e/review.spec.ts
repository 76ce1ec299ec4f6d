import { createHash } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { consolePublicKey, verifyExport } from './support/audit';
import { closeDb, query } from './support/db';
import { signIn } from './support/session';

/**
 * The board's review (issue 16) as the PCA uses it: the last month by default in the month field,
 * its figures, the URL that holds the selection; a period that names nothing says so; Bouaké's
 * directeur reviews Bouaké only; the PCA downloads a month's board report and its signed manifest,
 * verifies them offline, and attests the month.
 */
test.describe.configure({ timeout: 90_000 });
test.afterAll(closeDb);

function lastMonth(): string {
  // The depot's zone (Africa/Kinshasa, UTC+1) and UTC agree on the month except for an hour a month.
  const now = new Date(Date.now() + 3_600_000);
  const month = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
  const year = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  return `${year}-${String(month).padStart(2, '0')}`;
}

test('the PCA reviews last month: figures, heat map, and a URL that holds the selection', async ({ page }) => {
  await signIn(page.context(), 'pca');
  await page.goto('/governance/review');
  await expect(page.getByRole('heading', { level: 1, name: 'Revue' })).toBeVisible();
  const filters = page.getByTestId('review-filters');
  await expect(filters.locator('#review-month')).toHaveValue(lastMonth());
  await filters.locator('#review-period').selectOption('month');
  await filters.getByTestId('review-apply').click();
  await expect(page).toHaveURL(new RegExp(`/governance/review\\?period=month&month=${lastMonth()}$`), { timeout: 30_000 });

  // The seed's history: last month's alerts, all resolved — Vridi's mostly.
  const counts = page.getByTestId('review-counts');
  const resolved = Number((await counts.locator('[data-figure="resolved"] dd').textContent())?.replace(/\s/g, ''));
  expect(resolved).toBeGreaterThan(0);
  await expect(page.getByTestId('review-showing')).toContainText('tous les dépôts visibles');
  await expect(page.getByTestId('review-heat-map').locator('td[data-depot="VRIDI"]').first()).toBeVisible();
  await expect(page.getByTestId('review-times').locator('tr[data-scope="all"]')).toBeVisible();
  await expect(page.getByTestId('review-reasons').locator('tr[data-reason]').first()).toBeVisible();

  // The same view from its URL alone.
  await page.goto(`/governance/review?period=month&month=${lastMonth()}`);
  await expect(counts.locator('[data-figure="resolved"] dd')).toHaveText(String(resolved));
});

test('a period that names nothing says so and shows nothing', async ({ page }) => {
  await signIn(page.context(), 'pca');
  await page.goto('/governance/review?period=custom&from=2026-11-15&to=2026-11-01');
  await expect(page.getByTestId('review-invalid')).toHaveText('Le dernier jour précède le premier. Rien n’est affiché.');
  await expect(page.getByTestId('review-counts')).toHaveCount(0);
  // Blank fields sent by the form land on the tidy URL.
  await page.goto('/governance/review?period=7d&month=&from=&to=&depot=');
  await expect(page).toHaveURL(/\/governance\/review\?period=7d$/);
});

test("Bouaké's directeur reviews Bouaké only", async ({ page }) => {
  await signIn(page.context(), 'directeur.bouake@depot.test');
  await page.goto('/governance/review?period=90d');
  await expect(page.getByTestId('review-filters').locator('#review-depot')).toHaveCount(0);
  await expect(page.getByTestId('review-showing')).toContainText('Dépôt de Bouaké');
  // The heat map's columns: Bouaké's cells only.
  const depots = await page
    .getByTestId('review-heat-map')
    .locator('td[data-depot]')
    .evaluateAll((cells) => [...new Set(cells.map((cell) => cell.getAttribute('data-depot')))]);
  expect(depots).toEqual(['BOUAKE']);
  // Another depot's code names nothing they can see.
  await page.goto('/governance/review?period=90d&depot=VRIDI');
  await expect(page.getByTestId('review-invalid')).toContainText('VRIDI');
});

test('the PCA downloads the month’s report, its manifest verifies, then attests it once: « Revu par … », in the ledger; a directeur reads it and cannot attest', async ({
  page,
  browser,
}, testInfo) => {
  // A month nobody has reported or attested (both are forever): in the 2000s, clear of the demo data.
  const taken = new Set(
    (
      await query<{ m: string }>(
        "select to_char(period_month, 'YYYY-MM') as m from public.review_attestations union select to_char(period_month, 'YYYY-MM') from public.board_reports",
      )
    ).map((r) => r.m),
  );
  let month = '';
  for (let index = 0; !month; index += 1) {
    const candidate = `${2000 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    if (!taken.has(candidate)) month = candidate;
  }
  await signIn(page.context(), 'pca');
  await page.goto(`/governance/review?period=month&month=${month}`);
  const report = page.getByTestId('review-report');
  await expect(report).toHaveAttribute('data-kept', 'false');
  await expect(report).toContainText('Le rapport de ce mois n’a pas encore été généré.');

  // The PDF and its signed manifest, downloaded side by side as the page names them.
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-report-pdf').click()]);
  expect(pdfDownload.suggestedFilename()).toBe(`rapport-conseil-${month}-tous-depots.pdf`);
  const pdfPath = testInfo.outputPath(pdfDownload.suggestedFilename());
  await pdfDownload.saveAs(pdfPath);
  const [manifestDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-report-manifest').click()]);
  expect(manifestDownload.suggestedFilename()).toBe(`rapport-conseil-${month}-tous-depots.manifest.json`);
  await manifestDownload.saveAs(testInfo.outputPath(manifestDownload.suggestedFilename()));
  const pdf = await readFile(pdfPath);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const sha = createHash('sha256').update(pdf).digest('hex');

  // A board member checks it offline with the console's public key (npm run audit:verify).
  const key = await consolePublicKey(page.request, testInfo);
  const check = await verifyExport(pdfPath, key.file);
  expect(check.stdout).toMatch(new RegExp(`^OK: board report for ${month} \\(every depot\\), ${pdf.length} bytes, SHA-256 ${sha}`, 'm'));
  expect(check.code).toBe(0);
  // One byte changed: refused.
  const tampered = Buffer.from(pdf);
  tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 1;
  const tamperedPath = testInfo.outputPath('tampered.pdf');
  await writeFile(tamperedPath, tampered);
  await copyFile(testInfo.outputPath(manifestDownload.suggestedFilename()), testInfo.outputPath('tampered.manifest.json'));
  const refused = await verifyExport(tamperedPath, key.file);
  expect(refused.stdout).toContain('BROKEN');
  expect(refused.code).toBe(1);

  // Kept: the page says so, and the same month answers the same bytes.
  await page.reload();
  await expect(report).toHaveAttribute('data-kept', 'true');
  await expect(page.getByTestId('review-report-kept')).toContainText(sha);
  const again = await page.request.get(`/api/review/report?month=${month}`);
  expect(Buffer.from(await again.body()).equals(pdf)).toBe(true);
  // Every download is on record.
  expect(
    await query(
      `select filters ->> 'part' as part from public.export_log where actor_id = $1 and kind = 'review_pdf' and filters ->> 'month' = $2 order by id`,
      ['00000000-0000-4000-8000-000000000003', month],
    ),
  ).toEqual([{ part: 'pdf' }, { part: 'manifest' }, { part: 'pdf' }]);

  const section = page.getByTestId('review-attestation');
  await expect(section).toHaveAttribute('data-attested', 'false');
  await expect(section).toContainText('Ce mois n’a pas encore été attesté par le PCA.');
  await page.getByTestId('review-attest-comment').fill('Revu en séance du conseil.');
  await page.getByTestId('review-attest-button').click();
  await expect(section).toHaveAttribute('data-attested', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('review-attested-by')).toContainText('Revu par Marie-Claire Diallo le');
  await expect(section).toContainText('Revu en séance du conseil.');
  // The attestation carries the report's hash.
  await expect(page.getByTestId('review-attested-report')).toHaveText(sha);
  const [event] = await query<{ actor_id: string; note: string }>(
    `select actor_id, note from public.system_alert_events where event_type = 'review_attested' and details ->> 'month' = $1
     and details ->> 'depot_code' is null`,
    [month],
  );
  expect(event).toEqual({ actor_id: '00000000-0000-4000-8000-000000000003', note: 'Revu en séance du conseil.' });

  const other = await browser.newContext();
  const directeurPage = await other.newPage();
  await signIn(other, 'directeur');
  await directeurPage.goto(`/governance/review?period=month&month=${month}`);
  await expect(directeurPage.getByTestId('review-attested-by')).toContainText('Marie-Claire Diallo');
  await expect(directeurPage.getByTestId('review-attest-form')).toHaveCount(0);
  await other.close();
});

test('the report route refuses another depot’s report, a month not over and a link from another site, keeping nothing', async ({
  page,
}) => {
  const kept = async () => Number((await query<{ n: string }>('select count(*) as n from public.board_reports'))[0]!.n);
  const before = await kept();
  await signIn(page.context(), 'admin.bouake@depot.test');
  const vridi = await page.request.get(`/api/review/report?month=${lastMonth()}&depot=VRIDI`);
  expect(vridi.status()).toBe(404);
  expect(await vridi.json()).toMatchObject({ error: 'depot_unknown' });
  const thisMonth = new Date(Date.now() + 3_600_000).toISOString().slice(0, 7);
  const notOver = await page.request.get(`/api/review/report?month=${thisMonth}`);
  expect(notOver.status()).toBe(400);
  expect(await notOver.json()).toMatchObject({ error: 'month_not_over', message: expect.stringContaining('n’est pas terminé') });
  const crossSite = await page.request.get(`/api/review/report?month=${lastMonth()}`, { headers: { 'sec-fetch-site': 'cross-site' } });
  expect(crossSite.status()).toBe(403);
  expect(await kept()).toBe(before);
  // Without a depot, Bouaké's admin gets Bouaké's report, never the company's.
  const own = await page.request.get(`/api/review/report?month=${lastMonth()}`);
  expect(own.status()).toBe(200);
  expect(own.headers()['content-disposition']).toBe(`attachment; filename="rapport-conseil-${lastMonth()}-bouake.pdf"`);
});
