import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { closeDb, openAlert, removeFixtures } from './support/db';
import { signIn } from './support/session';

const appDir = process.env.E2E_APP_DIR ?? process.cwd();

// A sentence of a runbook this page does not show, and the English of the one it shows: neither
// may reach the browser (lib/checks/catalogue.ts is server-only; a page renders its one runbook).
const OTHER_RUNBOOK = 'Le camion a été déchargé mais son statut n’a pas été mis à jour';
const ENGLISH_RUNBOOK = 'A tank never holds less than nothing: the book is wrong.';

test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test.describe('check runbooks', () => {
  test('an alert’s page shows what to do, in French, then in English after switching language', async ({ page }) => {
    const { alert } = await openAlert();
    await signIn(page.context(), 'pca');
    await page.goto(`/governance/alerts/${alert.id}`);

    const runbook = page.getByRole('region', { name: 'Que faire' });
    await expect(runbook.getByTestId('alert-runbook')).toHaveAttribute('data-check', 'STOCK_NEGATIF');
    for (const heading of ['Ce que cela signifie', 'Causes probables', 'À vérifier', 'Qui agit']) {
      await expect(runbook.getByRole('heading', { level: 3, name: heading })).toBeVisible();
    }
    await expect(runbook.getByTestId('runbook-meaning')).toContainText('le livre est faux');
    await expect(runbook.getByTestId('runbook-verify').getByRole('listitem').first()).toContainText('application des opérations');
    await expect(runbook.getByTestId('runbook-actors').locator('[data-actor="operations"] dt')).toHaveText(
      'Équipe des opérations du dépôt (gérant, opérateurs)',
    );
    await expect(runbook.getByTestId('runbook-actors').locator('[data-actor="directeur"] dt')).toHaveText('Directeur');
    await page.screenshot({ path: 'test-results/screenshots/alert-runbook.png', fullPage: true });
    // The page — its HTML and the RSC payload inside it — carries this runbook, in this language only.
    const html = await page.content();
    // (Typographic apostrophes and accents arrive verbatim, so the absences below are real.)
    expect(html).toContain('Un jaugeage d’ouverture erroné repris dans le stock du jour.');
    expect(html).not.toContain(OTHER_RUNBOOK);
    expect(html).not.toContain(ENGLISH_RUNBOOK);

    await page.getByTestId('language-switch').selectOption('en');
    const english = page.getByRole('region', { name: 'What to do' });
    await expect(english.getByTestId('runbook-meaning')).toContainText('the book is wrong');
    for (const heading of ['What it means', 'Likely causes', 'What to verify', 'Who acts']) {
      await expect(english.getByRole('heading', { level: 3, name: heading })).toBeVisible();
    }
    await expect(english.getByTestId('runbook-actors').locator('[data-actor="operations"] dt')).toHaveText(
      'Depot operations team (manager, operators)',
    );
    await expect(page.getByTestId('alert-runbook')).not.toContainText('Causes probables');

    // The alert's runbook also has a page of its own.
    await english.getByRole('link', { name: 'Runbook page' }).click();
    await expect(page).toHaveURL(/\/governance\/checks\/STOCK_NEGATIF$/);
    await expect(page.getByRole('heading', { level: 1, name: /Negative stock/ })).toBeVisible();
  });

  test('the integrity page links each check code to its runbook; the runbook leads to its alerts and to the others', async ({ page }) => {
    // The seed's tank T05 has a negative stock: STOCK_NEGATIF is in the check table and the current checks.
    await signIn(page.context(), 'pca');
    await page.goto('/governance/integrity');
    const table = page.getByTestId('integrity-checks-table');
    await expect(table.getByRole('link', { name: 'Guide du contrôle STOCK_NEGATIF' })).toBeVisible();
    await expect(
      page.getByTestId('integrity-current-checks').getByRole('link', { name: 'Guide du contrôle STOCK_NEGATIF' }).first(),
    ).toHaveAttribute('href', '/governance/checks/STOCK_NEGATIF');
    await page.getByTestId('integrity-checks-table').screenshot({ path: 'test-results/screenshots/integrity-check-links.png' });
    await table.getByRole('link', { name: 'Guide du contrôle STOCK_NEGATIF' }).click();

    await expect(page).toHaveURL(/\/governance\/checks\/STOCK_NEGATIF$/);
    const guide = page.getByTestId('runbook-page');
    await expect(page.getByRole('heading', { level: 1, name: /Stock négatif/ })).toBeVisible();
    await expect(guide).toContainText('Calculé par public.v_integrity_checks');
    await expect(guide.getByRole('heading', { level: 2, name: 'Qui agit' })).toBeVisible();
    await expect(guide.getByRole('link', { name: 'Alertes de ce contrôle' })).toHaveAttribute(
      'href',
      '/governance/alerts?check=STOCK_NEGATIF&status=all',
    );
    await page.screenshot({ path: 'test-results/screenshots/runbook.png', fullPage: true });

    await guide.getByRole('link', { name: 'Tous les guides' }).click();
    await expect(page).toHaveURL(/\/governance\/checks$/);
    const index = page.getByTestId('runbook-index');
    await expect(index.getByRole('heading', { level: 2, name: 'Stocks des citernes' })).toBeVisible();
    await expect(index.getByRole('link', { name: /Contrôles arrêtés\s*SYNC_STALE/ })).toHaveAttribute(
      'href',
      '/governance/checks/SYNC_STALE',
    );
    await page.screenshot({ path: 'test-results/screenshots/runbooks.png', fullPage: true });

    const missing = await page.goto('/governance/checks/NOT_A_CHECK');
    expect(missing?.status()).toBe(404);
    await expect(page.getByTestId('runbook-not-found')).toContainText('Guide introuvable');
  });

  test('the runbooks are for governance readers only', async ({ page }) => {
    const anonymous = await page.goto('/governance/checks/STOCK_NEGATIF');
    expect(anonymous?.status()).toBe(200);
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fgovernance%2Fchecks%2FSTOCK_NEGATIF$/);

    await signIn(page.context(), 'operateur');
    const response = await page.goto('/governance/checks/STOCK_NEGATIF');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await expect(page.getByTestId('runbook-page')).toHaveCount(0);
  });

  test('no browser bundle carries the runbooks', async () => {
    const staticDir = path.join(appDir, '.next/static');
    const files = (await readdir(staticDir, { recursive: true })).filter((file) => file.endsWith('.js'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(path.join(staticDir, file), 'utf8');
      expect(text.includes(OTHER_RUNBOOK) || text.includes(ENGLISH_RUNBOOK), file).toBe(false);
    }
  });
});
