import { expect, test } from '@playwright/test';
import { activeAlertFor, closeDb, sync } from './support/db';
import { signIn } from './support/session';

/**
 * Silence is a finding (issue 13.1), end to end: the seed's tank T06 without yesterday's stock line,
 * its quiet depot BOUAKE and its product without a reference density show on the integrity page and
 * open alerts whose page says what happened and what to do.
 */
const SEEDED = [
  {
    code: 'STOCK_JOURNAL_MISSING',
    fingerprint: 'STOCK_JOURNAL_MISSING:citerne:c1000000-0000-4000-8000-000000000006',
    message: /^Citerne T06 \(Super sans plomb, dépôt VRIDI\) : pas de ligne de stock pour le /,
  },
  {
    code: 'FEED_SILENT',
    fingerprint: 'FEED_SILENT:depot:de000000-0000-4000-8000-000000000002',
    message: /^Dépôt BOUAKE \(Dépôt de Bouaké\) : aucune réception, sortie ni mise à jour de camion depuis le /,
  },
  {
    code: 'REFERENCE_INCOMPLETE',
    fingerprint: 'REFERENCE_INCOMPLETE:produit:9d000000-0000-4000-8000-000000000006',
    message: /^Produit BIT \(Bitume 35\/50\) : pas de densité de référence à 15 °C$/,
  },
] as const;

test.afterAll(closeDb);

test('the seed’s missing stock line, silent depot and incomplete reference are on the integrity page and open alerts with their runbook', async ({
  page,
}) => {
  await sync();
  await signIn(page.context(), 'pca');
  await page.goto('/governance/integrity');
  const table = page.getByTestId('integrity-checks-table');
  for (const { code } of SEEDED) await expect(table.getByRole('link', { name: `Guide du contrôle ${code}` })).toBeVisible();

  for (const { code, fingerprint, message } of SEEDED) {
    const alert = await activeAlertFor(fingerprint);
    expect(alert, `the seed's ${code} alert is active`).toBeDefined();
    await page.goto(`/governance/alerts/${alert!.id}`);
    await expect(page.getByTestId('alert-message')).toHaveText(message);
    await expect(page.getByTestId('alert-runbook')).toHaveAttribute('data-check', code);
  }
});
