import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signedIn } from '../supabase/tests/support/clients';
import { AppShell } from './pages/app-shell';
import { closeDb, DEMO_USER_IDS, query } from './support/db';
import { signIn } from './support/session';

/**
 * The notification pages (issue 15): each user's preferences and webhook secret, the deadlines a
 * directeur edits, the deliveries an admin retries. Each test restores what it changes, or acts on
 * rows of its own.
 */

/** Post-action expectations on a loaded 2-core machine. */
const AFTER_ACTION = { timeout: 15_000 };
const PHONE = { width: 390, height: 844 };

type PreferencesRow = { email_enabled: boolean; webhook_url: string | null; min_severity: string | null; digest: string } | undefined;

async function preferencesOf(userId: string): Promise<PreferencesRow> {
  const [row] = await query<NonNullable<PreferencesRow>>(
    'select email_enabled, webhook_url, min_severity, digest from public.notification_preferences where user_id = $1',
    [userId],
  );
  return row;
}

async function secretOf(userId: string): Promise<string | undefined> {
  const [row] = await query<{ secret: string }>('select secret from private.webhook_secrets where user_id = $1', [userId]);
  return row?.secret;
}

/** Runs `body`, then puts the user's preferences and webhook secret back as they were. */
async function keepingPreferences(userId: string, body: () => Promise<void>): Promise<void> {
  const [before, secret] = await Promise.all([preferencesOf(userId), secretOf(userId)]);
  try {
    await body();
  } finally {
    await query('delete from public.notification_preferences where user_id = $1', [userId]);
    if (before) {
      await query(
        'insert into public.notification_preferences (user_id, email_enabled, webhook_url, min_severity, digest) values ($1, $2, $3, $4, $5)',
        [userId, before.email_enabled, before.webhook_url, before.min_severity, before.digest],
      );
    }
    await query('delete from private.webhook_secrets where user_id = $1', [userId]);
    if (secret) await query('insert into private.webhook_secrets (user_id, secret) values ($1, $2)', [userId, secret]);
  }
}

const insertedDeliveries: string[] = [];

/** A failed daily digest delivery for `recipientId`, of its own (a unique period end). */
async function failedDelivery(recipientId: string, lastError: string): Promise<string> {
  const until = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 1e10)).toISOString();
  const [row] = await query<{ id: string }>(
    `insert into public.notification_deliveries
       (recipient_id, channel, kind, digest_period, digest_since, digest_until, status, attempts, last_error)
     values ($1, 'email', 'digest', 'daily', $2::timestamptz - interval '1 day', $2::timestamptz, 'failed', 12, $3)
     returning id`,
    [recipientId, until, lastError],
  );
  insertedDeliveries.push(row!.id);
  return row!.id;
}

const deliveryRow = (page: Page, id: string) => page.locator(`[data-testid="delivery-row"][data-id="${id}"]`);

test.afterAll(async () => {
  if (insertedDeliveries.length)
    await query('delete from public.notification_deliveries where id = any($1::uuid[])', [insertedDeliveries]);
  await closeDb();
});

test.describe('notification preferences', () => {
  test('admin saves preferences, and after a reload they hold', async ({ page, context }) => {
    await keepingPreferences(DEMO_USER_IDS.admin, async () => {
      await query('delete from public.notification_preferences where user_id = $1', [DEMO_USER_IDS.admin]);
      await signIn(context, 'admin');
      await page.goto('/governance/notifications');
      await expect(page.getByTestId('preferences-source')).toHaveText(/réglages par défaut de votre rôle/);
      await expect(page.getByTestId('preferences-email-enabled')).toBeChecked();
      await expect(page.getByText('admin@depot.test')).toBeVisible();

      const url = `https://hooks.example.com/e2e-${randomUUID()}`;
      await page.getByTestId('preferences-email-enabled').uncheck();
      await page.getByTestId('preferences-min-severity').selectOption('WARN');
      await page.getByTestId('preferences-digest').selectOption('weekly');
      await page.getByTestId('preferences-webhook-url').fill(url);
      await page.getByTestId('preferences-save').click();
      await expect(page.getByTestId('preferences-saved')).toHaveText('Préférences enregistrées.', AFTER_ACTION);
      await expect(page.getByTestId('preferences-source')).toHaveText('Vos propres réglages s’appliquent.', AFTER_ACTION);

      expect(await preferencesOf(DEMO_USER_IDS.admin)).toEqual({
        email_enabled: false,
        webhook_url: url,
        min_severity: 'WARN',
        digest: 'weekly',
      });
      await page.reload();
      await expect(page.getByTestId('preferences-email-enabled')).not.toBeChecked();
      await expect(page.getByTestId('preferences-min-severity')).toHaveValue('WARN');
      await expect(page.getByTestId('preferences-digest')).toHaveValue('weekly');
      await expect(page.getByTestId('preferences-webhook-url')).toHaveValue(url);
      // The secret is never in the page's HTML, only on demand.
      const secret = await secretOf(DEMO_USER_IDS.admin);
      expect(secret).toMatch(/^whsec_/);
      expect(await page.content()).not.toContain(secret!);
    });
  });

  test('an invalid webhook URL is refused on its field and nothing changes', async ({ page, context }) => {
    await keepingPreferences(DEMO_USER_IDS.admin, async () => {
      const before = await preferencesOf(DEMO_USER_IDS.admin);
      await signIn(context, 'admin');
      await page.goto('/governance/notifications');
      await page.getByTestId('preferences-digest').selectOption('none');
      await page.getByTestId('preferences-webhook-url').fill('https://utilisateur:secret@hooks.example.com/x');
      await page.getByTestId('preferences-save').click();
      await expect(page.getByTestId('preferences-webhook-url-error')).toHaveText(/^Indiquez une adresse http/, AFTER_ACTION);
      await expect(page.getByTestId('preferences-webhook-url')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByTestId('preferences-saved')).toBeEmpty();
      expect(await preferencesOf(DEMO_USER_IDS.admin)).toEqual(before);
    });
  });

  test('the webhook secret is shown on demand, and rotation changes it', async ({ page, context }) => {
    await keepingPreferences(DEMO_USER_IDS.admin, async () => {
      const { client } = await signedIn('admin');
      const { error } = await client.rpc('set_my_notification_preferences', {
        p_email_enabled: true,
        p_webhook_url: `https://hooks.example.com/e2e-${randomUUID()}`,
        p_min_severity: 'CRITICAL',
        p_digest: 'daily',
      });
      expect(error).toBeNull();
      const first = await secretOf(DEMO_USER_IDS.admin);

      await signIn(context, 'admin');
      await page.goto('/governance/notifications');
      await expect(page.getByText('webhook-signature', { exact: false })).toBeVisible();
      await expect(page.getByTestId('webhook-secret-value')).toHaveCount(0);
      await page.getByTestId('webhook-secret-show').click();
      await expect(page.getByTestId('webhook-secret-value')).toHaveText(first!, AFTER_ACTION);

      await page.getByTestId('webhook-secret-rotate').click();
      await page.getByTestId('webhook-secret-rotate-confirm').click();
      await expect(page.getByTestId('webhook-secret-status')).toHaveText(/Nouveau secret créé/, AFTER_ACTION);
      const second = await secretOf(DEMO_USER_IDS.admin);
      expect(second).toMatch(/^whsec_/);
      expect(second).not.toBe(first);
      await expect(page.getByTestId('webhook-secret-value')).toHaveText(second!);
      await page.screenshot({ path: 'test-results/screenshots/notifications.png', fullPage: true });
    });
  });
});

test.describe('deadlines', () => {
  test('a directeur changes the CRITICAL deadline: the table shows it and the ledger has it', async ({ page, context }) => {
    const [original] = await query<{ ack: number | null; resolve: number | null }>(
      `select ack_minutes as ack, resolve_minutes as resolve from public.v_alert_deadlines where severity = 'CRITICAL'`,
    );
    const ack = original!.ack === 20 ? 25 : 20;
    const [{ now }] = (await query<{ now: Date }>('select now() as now')) as [{ now: Date }];
    try {
      await signIn(context, 'directeur');
      await page.goto('/governance/notifications');
      await expect(page.getByTestId('deadlines-read-only')).toHaveCount(0);
      const form = page.getByTestId('deadline-form-CRITICAL');
      await form.getByTestId('deadline-ack-value').fill(String(ack));
      await form.getByTestId('deadline-ack-unit').selectOption('min');
      await form.getByTestId('deadline-resolve-value').fill('24');
      await form.getByTestId('deadline-resolve-unit').selectOption('h');
      await form.getByTestId('deadline-save').click();
      await expect(form.getByRole('status')).toHaveText('Délais Critique enregistrés.', AFTER_ACTION);
      const row = page.getByTestId('deadlines-table').locator('tr[data-severity="CRITICAL"]');
      await expect(row.getByTestId('deadline-ack')).toHaveText(`${ack}\u00a0min`, AFTER_ACTION);
      await expect(row.getByTestId('deadline-resolve')).toHaveText('24\u00a0h');

      const events = await query<{ actor_id: string; details: { row: string; changes: Record<string, unknown> } }>(
        `select actor_id, details from public.system_alert_events
         where event_type = 'settings_changed' and occurred_at >= $1 and details ->> 'table' = 'alert_deadlines'`,
        [now],
      );
      expect(events.some((event) => event.actor_id === DEMO_USER_IDS.directeur && event.details.row === 'CRITICAL')).toBe(true);
    } finally {
      const { client } = await signedIn('directeur');
      const { error } = await client.rpc('set_alert_deadline', {
        p_severity: 'CRITICAL',
        p_ack_minutes: original!.ack as number,
        p_resolve_minutes: original!.resolve as number,
      });
      expect(error).toBeNull();
    }
  });

  for (const role of ['admin', 'pca'] as const) {
    test(`${role} reads the deadlines without an edit control`, async ({ page, context }) => {
      await signIn(context, role);
      await page.goto('/governance/notifications');
      await expect(page.getByTestId('deadlines-table')).toBeVisible();
      await expect(page.getByTestId('deadlines-read-only')).toHaveText('Seul un directeur peut modifier ces délais.');
      await expect(page.locator('[data-testid^="deadline-form-"]')).toHaveCount(0);
      await expect(page.getByTestId('deadline-save')).toHaveCount(0);
    });
  }
});

test.describe('deliveries', () => {
  test('admin sees a failed delivery and retries it', async ({ page, context }) => {
    const error = `SMTP 554 refusé <script>alert(1)</script> ${randomUUID()}`;
    const id = await failedDelivery(DEMO_USER_IDS.directeur, error);
    await signIn(context, 'admin');
    await page.goto('/governance/deliveries?status=failed');
    await expect(page.getByTestId('deliveries-scope')).toContainText('tous les destinataires');
    const row = deliveryRow(page, id);
    await expect(row.getByTestId('delivery-status')).toHaveText('Échec');
    await page.screenshot({ path: 'test-results/screenshots/deliveries.png', fullPage: true });
    await expect(row.getByTestId('delivery-error')).toHaveText(error);
    await expect(row).toContainText('Résumé quotidien');
    await row.getByTestId('delivery-retry').click();
    // A toast: the re-read list no longer holds the row under « Échec ».
    await expect(page.getByText('L’envoi est de nouveau en attente.')).toBeVisible(AFTER_ACTION);
    await expect(row).toHaveCount(0, AFTER_ACTION);
    await expect
      .poll(
        async () => (await query<{ status: string }>('select status from public.notification_deliveries where id = $1', [id]))[0]?.status,
        AFTER_ACTION,
      )
      .not.toBe('failed');
    await page.goto('/governance/deliveries');
    await expect(deliveryRow(page, id).getByTestId('delivery-status')).not.toHaveText('Échec', AFTER_ACTION);
  });

  test('a directeur sees only their own deliveries, without a retry button', async ({ page, context }) => {
    const own = await failedDelivery(DEMO_USER_IDS.directeur, `own ${randomUUID()}`);
    const other = await failedDelivery(DEMO_USER_IDS.admin, `other ${randomUUID()}`);
    await signIn(context, 'directeur');
    await page.goto('/governance/deliveries?status=failed');
    await expect(page.getByTestId('deliveries-scope')).toContainText('uniquement les envois qui vous sont destinés');
    await expect(deliveryRow(page, own)).toBeVisible();
    await expect(deliveryRow(page, other)).toHaveCount(0);
    await expect(page.getByTestId('delivery-retry')).toHaveCount(0);
    await expect(page.getByLabel('Statut')).toHaveValue('failed');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('both pages fit 390 px without scrolling sideways', async ({ page, context }) => {
    await failedDelivery(DEMO_USER_IDS.admin, `${'x'.repeat(300)} ${randomUUID()}`);
    const shell = new AppShell(page);
    // The widest case of each page: the directeur's deadline forms, the admin's retry column.
    for (const [role, url] of [
      ['directeur', '/governance/notifications'],
      ['admin', '/governance/deliveries'],
    ] as const) {
      await signIn(context, role);
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (role === 'directeur') await expect(page.getByTestId('deadline-form-CRITICAL')).toBeVisible();
      else await expect(page.getByTestId('delivery-retry').first()).toBeVisible();
      expect(await shell.pageWidth(), `${url} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: `test-results/screenshots/mobile-${url.split('/').at(-1)}.png`, fullPage: true });
    }
  });
});
