import { expect, test } from '@playwright/test';
import { messagesOf, waitForStatus } from '../supabase/tests/support/delivery';
import { closeDb, createNegativeStockTank, openAlert, query, removeFixtures } from './support/db';

/**
 * The delivery worker `npm test` runs beside `next start` while PostgreSQL restarts under it
 * (through the test stack's control endpoint, `STACK_CONTROL_PORT`): it loses its connections,
 * reconnects by itself, and the next alert's e-mail reaches the inbox once — no restart of anything.
 * Runs with the fault tests (the `faults` project, last): it takes the shared database away.
 */
const controlPort = process.env.STACK_CONTROL_PORT;

async function control(verb: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${controlPort}/postgres/${verb}`, { method: 'POST' });
  expect(response.status, `${verb} postgres: ${await response.clone().text()}`).toBe(200);
}

/** The e-mail delivery the ledger's trigger wrote for the admin when `alertId` opened. */
async function adminEmailOf(alertId: string): Promise<string> {
  const rows = await query<{ id: string }>(
    `select d.id from public.notification_deliveries d join public.profils p on p.user_id = d.recipient_id
      where d.alert_id = $1 and d.channel = 'email' and p.role = 'admin'`,
    [alertId],
  );
  expect(rows, 'an opened CRITICAL alert notifies the admin by e-mail (the role’s default)').toHaveLength(1);
  return rows[0]!.id;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  expect(controlPort, 'STACK_CONTROL_PORT names the test stack’s control endpoint (npm test sets it)').toBeTruthy();
});

test.afterAll(async () => {
  // IMPORTANT: whatever happened, give the stack back its database.
  if (controlPort) await control('start');
  await removeFixtures();
  await closeDb();
});

test('the delivery worker reconnects after PostgreSQL restarts and goes on delivering', async () => {
  test.setTimeout(180_000);
  const before = await openAlert(createNegativeStockTank);
  const first = await adminEmailOf(before.alert.id);
  await waitForStatus([first], ['sent'], 60_000);
  expect(await messagesOf(first)).toHaveLength(1);

  // This test's own connections are closed first (an idle client's error would fail the test);
  // the worker keeps its own, and has to cope.
  await closeDb();
  await control('stop');
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await control('start');
  await expect
    .poll(
      () =>
        query('select 1').then(
          () => true,
          () => false,
        ),
      { timeout: 60_000 },
    )
    .toBe(true);

  const after = await openAlert(createNegativeStockTank);
  const second = await adminEmailOf(after.alert.id);
  // graphile-worker re-opens its LISTEN connection with a backoff of up to a minute; its polling
  // finds the job meanwhile.
  await waitForStatus([second], ['sent'], 90_000);
  expect(await messagesOf(second)).toHaveLength(1);
  expect(await messagesOf(first)).toHaveLength(1);
});
