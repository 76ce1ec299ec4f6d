import { expect, test, type APIRequestContext, type Page, type Route } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { closeDb, createStaleTruck, DEMO_USER_IDS, mustReadAlert, openAlert, removeFixtures, truckPlate } from './support/db';
import { signIn } from './support/session';

/**
 * The console while its backend goes away: PostgREST, then PostgreSQL, stopped through the test
 * stack's control endpoint (`STACK_CONTROL_PORT`) while `next start` keeps serving. Pages show the
 * designed error state with a retry (never the sign-in page, never a raw crash), actions answer
 * `unavailable` with the dictionary's message and change nothing, the process stays up; once the
 * service is back, the page's own retry brings it back — no restart of anything.
 * Runs last (its own Playwright project): it takes the shared stack away.
 */
const controlPort = process.env.STACK_CONTROL_PORT;
const supabaseUrl = process.env.SUPABASE_URL ?? 'http://127.0.0.1:54321';
const serviceRoleKey = process.env.SUPABASE_SERVICE_ROLE_KEY ?? '';

const NETWORK_MESSAGE = 'Le serveur ne répond pas. Vérifiez la connexion puis réessayez.';

type Service = 'postgrest' | 'postgres';

async function control(service: Service, verb: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${controlPort}/${service}/${verb}`, { method: 'POST' });
  expect(response.status, `${verb} ${service}: ${await response.clone().text()}`).toBe(200);
}

/** Waits until PostgREST answers a real query again (PostgreSQL behind it included). */
async function waitForApi(): Promise<void> {
  await expect
    .poll(
      () =>
        fetch(`${supabaseUrl}/rest/v1/depots?select=id&limit=1`, { headers: { apikey: serviceRoleKey } })
          .then((r) => r.status)
          .catch(() => 0),
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
}

async function restoreAll(): Promise<void> {
  if (!controlPort) return;
  await control('postgres', 'start');
  await control('postgrest', 'start');
  await waitForApi();
}

/** The designed error state: what happened and a retry button — not the sign-in page, not a 403. */
async function expectErrorState(page: Page): Promise<void> {
  await expect(page.getByRole('alert').filter({ hasText: 'Une erreur est survenue' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Réessayer' })).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByTestId('forbidden')).toHaveCount(0);
}

async function uptime(request: APIRequestContext): Promise<number> {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { uptime_seconds: number }).uptime_seconds;
}

/**
 * Submits the resolve dialog for `alertId` and returns the server action's raw answer (read on
 * the way through, before the browser gets it).
 */
async function resolveFromList(page: Page, alerts: AlertsPage, alertId: string, note: string): Promise<string> {
  await alerts.row(alertId).getByTestId('alert-resolve-button').click();
  let resolveAnswer: (text: string) => void = () => {};
  const answer = new Promise<string>((resolve) => (resolveAnswer = resolve));
  const handler = async (route: Route) => {
    if (route.request().method() !== 'POST' || !route.request().headers()['next-action']) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    resolveAnswer(body);
    await route.fulfill({ response, body });
  };
  await page.route('**/governance/**', handler);
  try {
    await alerts.submitDialog(note, 'fixed_at_source');
    return await answer;
  } finally {
    await page.unroute('**/governance/**', handler);
  }
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  expect(controlPort, 'STACK_CONTROL_PORT names the test stack’s control endpoint (npm test sets it)').toBeTruthy();
});

test.afterAll(async () => {
  // IMPORTANT: whatever happened, give the stack back its services.
  await restoreAll();
  await removeFixtures();
  await closeDb();
});

test.describe('faults', () => {
  test.setTimeout(120_000);

  test('PostgREST down: error state with retry, actions refused as unavailable, nothing changed; back up: retry recovers', async ({
    page,
  }) => {
    const { anomaly, alert } = await openAlert(createStaleTruck);
    const before = await mustReadAlert(alert.id);
    const startUptime = await uptime(page.request);

    await signIn(page.context(), 'directeur');
    const alerts = new AlertsPage(page);
    await alerts.search(truckPlate(anomaly.entityId));
    await expect(alerts.row(alert.id)).toHaveAttribute('data-status', 'OPEN');

    await control('postgrest', 'stop');

    // An action: the dialog says the server is not answering; the server's own answer says why.
    const answer = await resolveFromList(page, alerts, alert.id, 'Résolue pendant la panne.');
    expect(answer).toContain('"code":"unavailable"');
    expect(answer).toContain(NETWORK_MESSAGE);
    await expect(alerts.dialog().getByTestId('alert-dialog-error')).toHaveText(NETWORK_MESSAGE);
    await page.keyboard.press('Escape');
    // Optimistic acknowledge: rolled back, and told why.
    await alerts.row(alert.id).getByTestId('alert-ack-button').click();
    await alerts.submitDialog('');
    await expect(page.getByText(NETWORK_MESSAGE)).toBeVisible();
    await expect(alerts.row(alert.id)).toHaveAttribute('data-status', 'OPEN');
    expect(await mustReadAlert(alert.id)).toEqual(before);

    // Pages: the designed error state, not the sign-in page; the process keeps serving.
    await page.goto('/governance/integrity');
    await expectErrorState(page);
    await page.goto(`/governance/alerts/${alert.id}`);
    await expectErrorState(page);
    expect(await uptime(page.request)).toBeGreaterThanOrEqual(startUptime);
    await page.screenshot({ path: 'test-results/screenshots/fault-postgrest-down.png', fullPage: true });

    await control('postgrest', 'start');
    await waitForApi();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.getByTestId('alert-detail')).toContainText(truckPlate(anomaly.entityId));
    await expect(page.getByRole('alert').filter({ hasText: 'Une erreur est survenue' })).toHaveCount(0);

    // The same console process acts again.
    await alerts.search(truckPlate(anomaly.entityId));
    const recovered = await resolveFromList(page, alerts, alert.id, 'Résolue après la panne.');
    expect(recovered).toContain('"ok":true');
    await expect(alerts.row(alert.id)).toHaveAttribute('data-status', 'RESOLVED');
    const after = await mustReadAlert(alert.id);
    expect(after.status).toBe('RESOLVED');
    expect(after.resolved_by).toBe(DEMO_USER_IDS.directeur);
    expect(after.resolution_note).toBe('Résolue après la panne.');
    expect(await uptime(page.request)).toBeGreaterThanOrEqual(startUptime);
  });

  test('PostgreSQL down: no redirect to sign-in, actions refused as unavailable, nothing changed; back up: retry recovers', async ({
    page,
  }) => {
    const { anomaly, alert } = await openAlert(createStaleTruck);
    const before = await mustReadAlert(alert.id);
    const startUptime = await uptime(page.request);

    await signIn(page.context(), 'directeur');
    const alerts = new AlertsPage(page);
    await alerts.search(truckPlate(anomaly.entityId));
    await expect(alerts.row(alert.id)).toHaveAttribute('data-status', 'OPEN');

    // The test's own superuser pool would lose its connections: end it, it reopens on demand.
    // IMPORTANT: pg's Pool.end() resolves before its sockets close; one still open when PostgreSQL
    // stops raises an unhandled 'error' in this worker. Give them a moment to go.
    await closeDb();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await control('postgres', 'stop');

    const answer = await resolveFromList(page, alerts, alert.id, 'Résolue pendant la panne.');
    expect(answer).toContain('"code":"unavailable"');
    await expect(alerts.dialog().getByTestId('alert-dialog-error')).toHaveText(NETWORK_MESSAGE);
    await page.keyboard.press('Escape');

    // Neither the auth server nor the database answers: the session is unknown, not absent.
    await page.goto('/governance/alerts');
    await expectErrorState(page);
    await page.goto('/governance/integrity');
    await expectErrorState(page);
    expect(await uptime(page.request)).toBeGreaterThanOrEqual(startUptime);
    await page.screenshot({ path: 'test-results/screenshots/fault-postgres-down.png', fullPage: true });

    await control('postgres', 'start');
    await waitForApi();
    expect(await mustReadAlert(alert.id)).toEqual(before);

    await page.getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Intégrité des données' })).toBeVisible();
    await expect(page.getByTestId('integrity-checks-table')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Une erreur est survenue' })).toHaveCount(0);

    await alerts.search(truckPlate(anomaly.entityId));
    const recovered = await resolveFromList(page, alerts, alert.id, 'Résolue après la panne.');
    expect(recovered).toContain('"ok":true');
    const after = await mustReadAlert(alert.id);
    expect(after.status).toBe('RESOLVED');
    expect(after.resolved_by).toBe(DEMO_USER_IDS.directeur);
    expect(await uptime(page.request)).toBeGreaterThanOrEqual(startUptime);
  });
});
