import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page';
import { actionIds, actionResult, postActionRaw, type ActionIds, type ParsedActionResult } from './support/actions';
import {
  closeDb,
  createNegativeStockTank,
  createStaleTruck,
  DEMO_USER_IDS,
  mustReadAlert,
  openAlert,
  query,
  removeFixtures,
  sync,
  activeAlertFor,
  tankCode,
  truckPlate,
} from './support/db';
import { type DemoRole, signIn } from './support/session';

/**
 * Hostile input against the server actions and the API, posted by hand as an attacker would (the
 * action ids are the build's, as an attacker reads them from the page's JavaScript): malformed and unknown ids, forged fields and
 * statuses, notes past the limit, HTML and script, oversized bodies, missing / tampered /
 * signed-out sessions, another user's replayed request. Each gets a clear answer, and every test
 * re-reads the database to prove nothing changed.
 */
const MESSAGES = {
  notFound: 'Cette alerte n’existe pas ou n’est plus visible.',
  validation: 'Certaines informations sont invalides.',
  noteTooLong: 'La note ne doit pas dépasser 2 000 caractères.',
  sessionExpired: 'Votre session a expiré. Reconnectez-vous puis recommencez.',
  forbidden: 'Votre rôle ne permet pas cette action.',
  reasonRequired: 'Choisissez le motif de la résolution.',
};

let ids: ActionIds;

/** Everything the workflow can change: every alert row, and the ledger's length. */
async function workflowState(): Promise<{ alerts: string; events: number }> {
  const [row] = await query<{ alerts: string; events: number }>(
    `select (select md5(coalesce(string_agg(a::text, '|' order by a.id), '')) from public.system_alerts a) as alerts,
            (select count(*)::int from public.system_alert_events) as events`,
  );
  return row!;
}

/** A page in a context of its own, signed in as `role` (no page loaded yet). */
async function signedInPage(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext();
  await signIn(context, role);
  return context.newPage();
}

/** Posts `args` to an action and returns its parsed result (failing the test if there is none). */
async function act(request: APIRequestContext, actionId: string, args: unknown[]): Promise<ParsedActionResult> {
  const { status, text } = await postActionRaw(request, actionId, JSON.stringify(args));
  const result = actionResult(text);
  expect(result, `status ${status}, answer ${text.slice(0, 300)}`).not.toBeNull();
  return result!;
}

function expectFailure(result: ParsedActionResult, code: string, message: string) {
  expect(result).toMatchObject({ ok: false, code, message });
}

test.beforeAll(() => {
  ids = actionIds();
});

test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test.describe('bad input', () => {
  test('ids that are not UUIDs, or name no alert, are refused; nothing changes', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const directeur = await signedInPage(browser, 'directeur');
    await openAlert();
    const before = await workflowState();

    for (const id of ['not-a-uuid', "' or 1=1 --", '../../etc/passwd', 42, null, '']) {
      expectFailure(await act(admin.request, ids.acknowledge, [{ id }]), 'validation', MESSAGES.notFound);
      expectFailure(
        await act(directeur.request, ids.resolve, [{ id, reason: 'fixed_at_source', note: 'x', confirmActive: true }]),
        'validation',
        MESSAGES.notFound,
      );
    }
    expectFailure(await act(admin.request, ids.bulkAcknowledge, [{ ids: [randomUUID(), 'nope'] }]), 'validation', MESSAGES.notFound);
    expectFailure(await act(admin.request, ids.bulkAcknowledge, [{ ids: 'not-a-list' }]), 'validation', MESSAGES.validation);
    expectFailure(await act(admin.request, ids.acknowledge, ['not-an-object']), 'validation', MESSAGES.validation);

    // Well-formed but unknown: told so, not "done".
    const unknown = randomUUID();
    expectFailure(await act(admin.request, ids.acknowledge, [{ id: unknown }]), 'not_found', MESSAGES.notFound);
    expectFailure(
      await act(directeur.request, ids.resolve, [{ id: unknown, reason: 'fixed_at_source', note: 'x', confirmActive: true }]),
      'not_found',
      MESSAGES.notFound,
    );
    const bulk = await act(admin.request, ids.bulkAcknowledge, [{ ids: [unknown] }]);
    expect(bulk).toMatchObject({ ok: true, data: { acknowledged: [], skipped: [unknown] } });

    expect(await workflowState()).toEqual(before);
  });

  test('forged fields and unknown statuses are refused: the action, the page filters and the export', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const directeur = await signedInPage(browser, 'directeur');
    const { alert } = await openAlert();
    const before = await workflowState();

    const forged = [
      [admin.request, ids.acknowledge, { id: alert.id, status: 'RESOLVED' }],
      [admin.request, ids.acknowledge, { id: alert.id, acknowledged_by: DEMO_USER_IDS.pca }],
      [admin.request, ids.bulkAcknowledge, { ids: [alert.id], status: 'REOPENED' }],
      [admin.request, ids.sync, { status: 'OPEN' }],
      [directeur.request, ids.resolve, { id: alert.id, reason: 'fixed_at_source', note: 'x', confirmActive: true, status: 'OPEN' }],
      [
        directeur.request,
        ids.resolve,
        { id: alert.id, reason: 'fixed_at_source', note: 'x', confirmActive: true, resolved_by: DEMO_USER_IDS.admin },
      ],
    ] as const;
    for (const [request, actionId, input] of forged) {
      expectFailure(await act(request, actionId, [input]), 'validation', MESSAGES.validation);
    }
    expect(await workflowState()).toEqual(before);
    // A resolution reason outside the fixed list, or none: refused by the action before the database.
    for (const reason of ['parce_que', 'FALSE_POSITIVE', '', null, undefined]) {
      const result = await act(directeur.request, ids.resolve, [{ id: alert.id, reason, note: 'x', confirmActive: true }]);
      expectFailure(result, 'validation', MESSAGES.reasonRequired);
    }
    expect(await workflowState()).toEqual(before);

    // A mangled filter falls back to the default view instead of failing the page…
    const page = await admin.goto('/governance/alerts?status=REOPENED&severity=%3Cscript%3E&sort=drop');
    expect(page?.status()).toBe(200);
    await expect(admin.getByRole('heading', { level: 1, name: 'Alertes' })).toBeVisible();
    // …while the export, a download, refuses it with a clear JSON answer.
    for (const query of ['format=csv&type=REOPENED', 'format=xml', 'format=csv&actor=not-a-uuid', 'format=jsonl&from=2026-02-30']) {
      const response = await admin.request.get(`/api/audit/export?${query}`);
      expect(response.status(), query).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_filters', message: expect.any(String) });
    }
    expect(await workflowState()).toEqual(before);
  });

  test('notes over 2,000 characters are refused with the limit in the message; exactly 2,000 pass', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const directeur = await signedInPage(browser, 'directeur');
    const { alert } = await openAlert();
    const before = await workflowState();

    for (const note of ['x'.repeat(2001), 'é'.repeat(2001), 'y'.repeat(500_000)]) {
      for (const [request, actionId, input] of [
        [admin.request, ids.acknowledge, { id: alert.id, note }],
        [admin.request, ids.bulkAcknowledge, { ids: [alert.id], note }],
        [directeur.request, ids.resolve, { id: alert.id, reason: 'fixed_at_source', note, confirmActive: true }],
      ] as const) {
        const result = await act(request, actionId, [input]);
        expectFailure(result, 'validation', MESSAGES.noteTooLong);
        expect(result.fieldErrors?.note).toEqual([MESSAGES.noteTooLong]);
      }
    }
    expect(await workflowState()).toEqual(before);

    const longest = 'é'.repeat(2000);
    expect(await act(admin.request, ids.acknowledge, [{ id: alert.id, note: longest }])).toMatchObject({ ok: true });
    const stored = await mustReadAlert(alert.id);
    expect(stored.status).toBe('ACK');
    expect(stored.ack_note).toBe(longest);
  });

  test('an oversized body (2 MB) or a malformed one is refused and the server keeps serving', async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const admin = await signedInPage(browser, 'admin');
    const { alert } = await openAlert();
    const before = await workflowState();

    // Next refuses a server action body over 1 MB (bodySizeLimit) before any of our code runs: with
    // a 413, or — when it stops reading mid-upload — by closing the connection. Either way, refused.
    const huge = await postActionRaw(
      admin.request,
      ids.acknowledge,
      JSON.stringify([{ id: alert.id, note: 'z'.repeat(2 * 1024 * 1024) }]),
    ).catch((error: Error) => {
      expect(error.message).toMatch(/ECONNRESET|EPIPE|socket hang up/);
      return { status: 413, text: '' };
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.text).not.toContain('z'.repeat(100));
    expect(actionResult(huge.text)?.ok).not.toBe(true);
    // Each on a connection of its own: the refused upload may have left the last one closed.
    const fresh = await playwright.request.newContext({ baseURL, storageState: await admin.context().storageState() });
    for (const body of ['not json', '[{"id":', '{"__proto__":{"admin":true}}']) {
      const malformed = await postActionRaw(fresh, ids.acknowledge, body);
      expect(actionResult(malformed.text)?.ok, body).not.toBe(true);
    }
    await fresh.dispose();
    expect(await workflowState()).toEqual(before);

    const serving = await playwright.request.newContext({ baseURL, storageState: await admin.context().storageState() });
    expect((await serving.get('/api/health')).status()).toBe(200);
    // Still serving, actions included.
    expect(await act(serving, ids.acknowledge, [{ id: alert.id }])).toMatchObject({ ok: true });
    await serving.dispose();
    expect((await mustReadAlert(alert.id)).status).toBe('ACK');
  });

  test.describe('HTML and script in notes and names', () => {
    // Marked with this run's id: an earlier run's notes on a reused stack are not these.
    const run = randomUUID().slice(0, 8);
    const scriptNote = `<script>window.__pwned=1</script><b>gras</b> ${run}`;
    const imageNote = `<img src=x onerror=window.__pwned=1;alert(1)> ${run}`;
    let alert: Awaited<ReturnType<typeof mustReadAlert>>;
    let code: string;

    // One alert whose message carries markup (a fixture tank's code does), acknowledged and resolved
    // through the actions with markup notes: each test below looks at it in one place.
    test.beforeAll(async ({ browser }) => {
      const anomaly = await createNegativeStockTank();
      code = `${tankCode(anomaly.entityId)}<img src=x onerror=window.__pwned=1>`;
      await query('update public.citernes set code = $2 where id = $1', [anomaly.entityId, code]);
      await sync();
      const opened = (await activeAlertFor(anomaly.fingerprint))!;
      expect(opened.message).toContain(code);
      // Cleared before it is resolved: a CRITICAL alert still detected would wait for a second directeur.
      await anomaly.fix();
      await sync();
      const [admin, directeur] = [await signedInPage(browser, 'admin'), await signedInPage(browser, 'directeur')];
      expect(await act(admin.request, ids.acknowledge, [{ id: opened.id, note: scriptNote }])).toMatchObject({ ok: true });
      expect(
        await act(directeur.request, ids.resolve, [{ id: opened.id, reason: 'fixed_at_source', note: imageNote, confirmActive: true }]),
      ).toMatchObject({
        ok: true,
      });
      await Promise.all([admin.context().close(), directeur.context().close()]);
      alert = await mustReadAlert(opened.id);
      // Stored as written: text, not sanitised into something else.
      expect(alert.ack_note).toBe(scriptNote);
      expect(alert.resolution_note).toBe(imageNote);
    });

    /** A directeur's page that fails the test if any markup ran or rendered. */
    async function watchedPage(browser: Browser): Promise<{ page: Page; expectInert: () => Promise<void> }> {
      const page = await signedInPage(browser, 'directeur');
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
      const expectInert = async () => {
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        await expect(page.locator('img[src="x"]')).toHaveCount(0);
        await expect(page.locator('main b', { hasText: 'gras' })).toHaveCount(0);
        expect(dialogs).toEqual([]);
      };
      return { page, expectInert };
    }

    test('the alert list shows the message literally', async ({ browser }) => {
      const { page, expectInert } = await watchedPage(browser);
      const alerts = new AlertsPage(page);
      await alerts.search(tankCode(alert.entity_id));
      await expect(alerts.row(alert.id)).toContainText(code);
      await expectInert();
    });

    test('the alert page and its timeline show the message and both notes literally', async ({ browser }) => {
      const { page, expectInert } = await watchedPage(browser);
      await page.goto(`/governance/alerts/${alert.id}`);
      await expect(page.getByTestId('alert-detail')).toContainText(code);
      await expect(page.getByTestId('alert-timeline')).toContainText(scriptNote);
      await expect(page.getByTestId('alert-timeline')).toContainText(imageNote);
      await expectInert();
    });

    test('the audit log shows both notes literally', async ({ browser }) => {
      const { page, expectInert } = await watchedPage(browser);
      await page.goto('/governance/audit?type=resolved');
      await expect(page.getByTestId('audit-note').filter({ hasText: imageNote })).toBeVisible();
      await expectInert();
      await page.goto('/governance/audit?type=acknowledged');
      await expect(page.getByTestId('audit-note').filter({ hasText: scriptNote })).toBeVisible();
      await expectInert();
    });

    test('exports are downloads of a type the browser may not sniff, the text kept verbatim', async ({ browser }) => {
      const { page } = await watchedPage(browser);
      for (const format of ['csv', 'jsonl'] as const) {
        const response = await page.request.get(`/api/audit/export?format=${format}&type=resolved`);
        expect(response.status()).toBe(200);
        const headers = response.headers();
        expect(headers['content-type']).toMatch(format === 'csv' ? /^text\/csv/ : /^application\/x-ndjson/);
        expect(headers['content-disposition']).toMatch(/^attachment;/);
        expect(headers['x-content-type-options']).toBe('nosniff');
        expect(await response.text()).toContain(imageNote);
      }
    });
  });

  test('missing, tampered and signed-out sessions get "unauthenticated" with the dictionary’s message; nothing changes', async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const { alert } = await openAlert();
    const before = await workflowState();

    // No cookies at all.
    const anonymous = await playwright.request.newContext({ baseURL });
    expectFailure(await act(anonymous, ids.acknowledge, [{ id: alert.id }]), 'unauthenticated', MESSAGES.sessionExpired);
    expectFailure(
      await act(anonymous, ids.resolve, [{ id: alert.id, reason: 'fixed_at_source', note: 'x', confirmActive: true }]),
      'unauthenticated',
      MESSAGES.sessionExpired,
    );
    const exportAnswer = await anonymous.get('/api/audit/export?format=csv');
    expect(exportAnswer.status()).toBe(401);
    expect(await exportAnswer.json()).toMatchObject({ error: 'unauthenticated' });
    await anonymous.dispose();

    // A tampered auth cookie: the access token's signature no longer matches.
    const admin = await signedInPage(browser, 'admin');
    const cookies = await admin.context().cookies();
    const authCookies = cookies.filter((cookie) => /^sb-.*-auth-token(\.\d+)?$/.test(cookie.name));
    expect(authCookies.length).toBeGreaterThan(0);
    const baseName = authCookies[0]!.name.replace(/\.\d+$/, '');
    const raw = authCookies
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
      .map((cookie) => cookie.value)
      .join('');
    const session = JSON.parse(Buffer.from(raw.replace(/^base64-/, ''), 'base64url').toString('utf8')) as { access_token: string };
    const [header, payload] = session.access_token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), sub: DEMO_USER_IDS.directeur }),
    ).toString('base64url');
    session.access_token = `${header}.${forgedPayload}.${'A'.repeat(43)}`;
    const tampered = await browser.newContext();
    await tampered.addCookies([
      ...cookies.filter((cookie) => !authCookies.includes(cookie)),
      { ...authCookies[0]!, name: baseName, value: `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}` },
    ]);
    expectFailure(
      await act(tampered.request, ids.resolve, [{ id: alert.id, reason: 'fixed_at_source', note: 'x', confirmActive: true }]),
      'unauthenticated',
      MESSAGES.sessionExpired,
    );
    expectFailure(await act(tampered.request, ids.acknowledge, [{ id: alert.id }]), 'unauthenticated', MESSAGES.sessionExpired);
    await tampered.close();

    // Signed out: the old cookies name a session the auth server has ended.
    const signedOut = await signedInPage(browser, 'admin');
    await signedOut.goto('/governance/integrity');
    const stale = await signedOut.context().cookies();
    await signedOut.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(signedOut).toHaveURL(/\/sign-in/);
    const replay = await browser.newContext();
    await replay.addCookies(stale);
    expectFailure(await act(replay.request, ids.acknowledge, [{ id: alert.id }]), 'unauthenticated', MESSAGES.sessionExpired);
    await replay.close();

    expect(await mustReadAlert(alert.id)).toEqual(alert);
    expect(await workflowState()).toEqual(before);
  });

  test('another user’s replayed request is refused; the directeur’s own replay changes nothing twice', async ({ browser }) => {
    // WARN alerts (trucks): a CRITICAL one still detected would wait for a second directeur.
    const first = await openAlert(createStaleTruck);
    const second = await openAlert(createStaleTruck);
    const directeur = await signedInPage(browser, 'directeur');
    const alerts = new AlertsPage(directeur);
    await alerts.search(truckPlate(first.anomaly.entityId));
    await alerts.row(first.alert.id).getByTestId('alert-resolve-button').click();
    const sent = directeur.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
    await alerts.submitDialog('Résolue par la direction.', 'fixed_at_source');
    const request = await sent;
    const body = request.postData()!;
    const actionId = request.headers()['next-action']!;
    expect(body).toContain(first.alert.id);
    await expect(alerts.row(first.alert.id)).toHaveAttribute('data-status', 'RESOLVED');

    const resolved = await mustReadAlert(first.alert.id);
    const secondBefore = await mustReadAlert(second.alert.id);
    const events = async (alertId: string) =>
      (await query<{ n: number }>('select count(*)::int as n from public.system_alert_events where alert_id = $1', [alertId]))[0]!.n;
    const firstEvents = await events(first.alert.id);

    // The same request with the admin's and the pca's cookies, on the same alert and on another.
    for (const role of ['admin', 'pca'] as const) {
      const other = await signedInPage(browser, role);
      for (const replayed of [body, body.replaceAll(first.alert.id, second.alert.id)]) {
        const answer = await postActionRaw(other.request, actionId, replayed);
        expectFailure(actionResult(answer.text)!, 'forbidden', MESSAGES.forbidden);
      }
    }
    // The directeur's own replay: already resolved, by whom — no second transition.
    const again = actionResult((await postActionRaw(directeur.request, actionId, body)).text)!;
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    expect(again.message).toMatch(/^Déjà résolue par Jean-Baptiste Mensah à /);

    expect(await mustReadAlert(first.alert.id)).toEqual(resolved);
    expect(await mustReadAlert(second.alert.id)).toEqual(secondBefore);
    expect(await events(first.alert.id)).toBe(firstEvents);
    expect(resolved.resolved_by).toBe(DEMO_USER_IDS.directeur);
  });
});
