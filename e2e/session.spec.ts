import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { anonKey, supabaseUrl } from '../supabase/tests/support/env';
import { closeDb, query } from './support/db';
import { signIn } from './support/session';

test.afterAll(async () => {
  await closeDb();
});

/** Denied attempts recorded since `since` for a kind (written just after each response). */
function deniedSince(kind: string, since: Date) {
  return query<{ actor_email: string | null; actor_role: string | null; request_path: string | null }>(
    `select actor_email, actor_role, request_path from public.security_audit_logs
     where kind = $1 and last_occurred_at >= $2 order by id`,
    [kind, since],
  );
}

/** The access token inside @supabase/ssr's session cookie (`base64-` + JSON, maybe in chunks). */
function accessTokenFrom(cookies: { name: string; value: string }[]): string {
  const chunks = cookies
    .filter((cookie) => /^sb-.*-auth-token(\.\d+)?$/.test(cookie.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const value = chunks.map((cookie) => cookie.value).join('');
  const json = value.startsWith('base64-') ? Buffer.from(value.slice(7), 'base64url').toString('utf8') : decodeURIComponent(value);
  return (JSON.parse(json) as { access_token: string }).access_token;
}

/** Reads the ledger straight from PostgREST with a user's token, as a script would. */
function readLedgerWith(token: string): Promise<Response> {
  return fetch(`${supabaseUrl}/rest/v1/system_alert_events?select=id&limit=1`, {
    headers: { apikey: anonKey, authorization: `Bearer ${token}` },
  });
}

async function databaseNow(): Promise<Date> {
  const [row] = await query<{ now: Date }>('select now()');
  return row!.now;
}

test.describe('session', () => {
  test('an unauthenticated deep link goes to sign-in, then back to the page asked for', async ({ page }) => {
    await page.goto('/governance/alerts?status=all&sort=oldest');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fgovernance%2Falerts%3Fstatus%3Dall%26sort%3Doldest$/);
    await page.screenshot({ path: 'test-results/screenshots/sign-in.png', fullPage: true });

    await new SignInPage(page).signIn('admin@depot.test');
    await expect(page).toHaveURL(/\/governance\/alerts\?status=all&sort=oldest$/);
    await expect(page.getByTestId('current-user')).toContainText('Awa Koné');
  });

  test('a `next` that normalises to another host never leaves the console, before or after sign-in', async ({ page, baseURL }) => {
    const attacks = [
      '/.//evil.example',
      '/..//evil.example',
      '/%2e//evil.example',
      '/a/..//evil.example',
      '/\t/evil.example',
      '/%5cevil.example',
    ];
    // Signing in with such a `next` lands on the console's home page.
    const signIn = new SignInPage(page);
    await page.goto(`/sign-in?next=${encodeURIComponent(attacks[0]!)}`);
    await signIn.signIn('pca@depot.test');
    await expect(page).toHaveURL(`${baseURL}/governance/integrity`);
    // A signed-in user sent to the sign-in page is redirected at once: to the console, every time.
    for (const next of attacks) {
      for (const query of [`next=${encodeURIComponent(next)}`, `next=${next.replace('\t', '%09')}`]) {
        const response = await page.request.get(`/sign-in?${query}`, { maxRedirects: 0 });
        expect(response.status(), query).toBe(307);
        const location = new URL(response.headers()['location']!, baseURL);
        expect(location.origin, query).toBe(new URL(baseURL!).origin);
        expect(location.pathname, query).toBe('/governance/integrity');
      }
    }
  });

  test('a wrong password is refused with a clear message and no session, and is on record', async ({ page }) => {
    const since = await databaseNow();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn('admin@depot.test', 'not-the-password');
    await expect(signIn.error()).toHaveText('Adresse e-mail ou mot de passe incorrect.');
    await expect(signIn.email()).toHaveValue('admin@depot.test');
    await page.goto('/governance/integrity');
    await expect(page).toHaveURL(/\/sign-in/);
    await expect
      .poll(() => deniedSince('sign_in_failed', since))
      .toContainEqual({ actor_email: 'admin@depot.test', actor_role: null, request_path: '/sign-in' });
  });

  test('sign-out ends the session: governance pages send back to sign-in, and its token no longer opens the API', async ({ page }) => {
    await new SignInPage(page).signInAs('directeur');
    await expect(page).toHaveURL(/\/governance\/integrity$/);
    const token = accessTokenFrom(await page.context().cookies());
    expect((await readLedgerWith(token)).status).toBe(200);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/governance/alerts');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    // The access token was good for another hour; the database refuses it at once.
    const after = await readLedgerWith(token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'session_not_found' });
  });

  test('the session cookie is HttpOnly, SameSite=Lax and lives no longer than the 12-hour session', async ({ page }) => {
    await new SignInPage(page).signInAs('pca');
    const session = (await page.context().cookies()).filter((cookie) => /^sb-.*-auth-token(\.\d+)?$/.test(cookie.name));
    expect(session.length).toBeGreaterThan(0);
    for (const cookie of session) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(cookie.sameSite, cookie.name).toBe('Lax');
      const hoursLeft = (cookie.expires * 1000 - Date.now()) / 3_600_000;
      expect(hoursLeft, cookie.name).toBeGreaterThan(11.9);
      expect(hoursLeft, cookie.name).toBeLessThanOrEqual(12);
    }
    // No script can read it.
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/auth-token/);
  });

  test('password guessing is throttled: after five wrong passwords even the right one is refused for a while', async ({ page }) => {
    const email = `throttle-${Date.now()}@depot.test`;
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    await query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
         confirmation_token, recovery_token, email_change_token_new, email_change)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1,
         extensions.crypt('the-right-password', extensions.gen_salt('bf', 4)), now(), '{"provider":"email"}', '', '', '', '')`,
      [email],
    );
    try {
      // This visitor's address, as a load balancer in front of the console would pass it on.
      await page.setExtraHTTPHeaders({ 'x-forwarded-for': address });
      const signIn = new SignInPage(page);
      await signIn.goto();
      for (let attempt = 1; attempt <= 5; attempt++) {
        await signIn.signIn(email, `wrong-${attempt}`);
        await expect(signIn.error()).toHaveText('Adresse e-mail ou mot de passe incorrect.');
        await signIn.goto();
      }
      await signIn.signIn(email, 'the-right-password');
      await expect(signIn.error()).toHaveText(/^Trop de tentatives de connexion échouées\. Réessayez dans 1[45] min\.$/);
      await page.goto('/governance/integrity');
      await expect(page).toHaveURL(/\/sign-in/);
      await expect
        .poll(() =>
          query<{ kind: string; occurrences: number }>(
            `select kind, occurrences from public.security_audit_logs where actor_email = $1 and host(client_address) = $2 order by kind`,
            [email, address],
          ),
        )
        .toEqual([
          { kind: 'sign_in_failed', occurrences: 5 },
          { kind: 'sign_in_throttled', occurrences: 1 },
        ]);
    } finally {
      await query('delete from private.sign_in_failures where key = any($1)', [[email, address]]);
      await query('delete from auth.users where email = $1', [email]);
    }
  });

  for (const role of ['operateur', 'gerant', 'lecture'] as const) {
    test(`${role} gets a 403 page and no governance navigation, and the hit is on record`, async ({ page }) => {
      const since = await databaseNow();
      await signIn(page.context(), role);
      const response = await page.goto('/governance/alerts');
      expect(response?.status()).toBe(403);
      await expect(page.getByTestId('forbidden')).toContainText('Accès refusé');
      await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toHaveCount(0);
      if (role === 'operateur') await page.screenshot({ path: 'test-results/screenshots/forbidden.png', fullPage: true });
      await expect
        .poll(() => deniedSince('forbidden_page', since))
        .toContainEqual({ actor_email: `${role}@depot.test`, actor_role: role, request_path: '/governance/alerts' });
    });
  }

  test('the language switch turns the console to English and is remembered', async ({ page }) => {
    await signIn(page.context(), 'pca');
    await page.goto('/governance/integrity');
    await expect(
      page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Alertes', exact: true }),
    ).toBeVisible();
    await page.getByTestId('language-switch').selectOption('en');
    // The switch is a server action and a refresh of the page: on a busy machine, more than 5 s.
    await expect(
      page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Alerts', exact: true }),
    ).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('fr');
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible({ timeout: 15_000 });
  });
});
