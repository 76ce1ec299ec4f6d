import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { AlertsPage } from '../pages/alerts-page';
import { SignInPage } from '../pages/sign-in-page';
import { openAlert, tankCode } from './db';

/**
 * The id of the acknowledge server action, learnt the way an attacker would: from a real request
 * made by an admin in another browser context (it acknowledges a fixture alert of its own).
 */
export async function learnAcknowledgeActionId(browser: Browser): Promise<string> {
  const { anomaly, alert } = await openAlert();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await new SignInPage(page).signInAs('admin');
    const alerts = new AlertsPage(page);
    await alerts.search(tankCode(anomaly.entityId));
    const request = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
    await alerts.row(alert.id).getByTestId('alert-ack-button').click();
    await alerts.submitDialog('');
    return (await request).headers()['next-action']!;
  } finally {
    await context.close();
  }
}

/** Posts a server action by hand, as a replayed or forged request would; returns the raw answer. */
export async function postAction(request: APIRequestContext, actionId: string, args: unknown[]): Promise<string> {
  const response = await request.post('/governance/alerts', {
    headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    data: JSON.stringify(args),
  });
  return response.text();
}

export type ActionIds = { acknowledge: string; resolve: string; bulkAcknowledge: string; sync: string };

/** Clicks, and returns the `next-action` id of the server action request it sends. */
async function actionIdOf(page: Page, act: () => Promise<void>): Promise<string> {
  const request = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await act();
  return (await request).headers()['next-action']!;
}

/**
 * The ids of the four alert actions, learnt from real requests: an admin acknowledges one fixture
 * alert, acknowledges two more as a selection and runs a sync; a directeur resolves a fourth.
 */
export async function learnActionIds(browser: Browser): Promise<ActionIds> {
  const [single, first, second, toResolve] = [await openAlert(), await openAlert(), await openAlert(), await openAlert()];
  const admin = await browser.newContext();
  const directeur = await browser.newContext();
  try {
    const page = await admin.newPage();
    await new SignInPage(page).signInAs('admin');
    const alerts = new AlertsPage(page);
    await alerts.search(tankCode(single.anomaly.entityId));
    const acknowledge = await actionIdOf(page, async () => {
      await alerts.row(single.alert.id).getByTestId('alert-ack-button').click();
      await alerts.submitDialog('');
    });
    await alerts.search('ZT-');
    for (const { alert } of [first, second]) await alerts.row(alert.id).getByTestId('alert-select').check();
    const bulkAcknowledge = await actionIdOf(page, async () => {
      await page.getByTestId('bulk-ack-button').click();
      await alerts.submitDialog('');
    });
    const sync = await actionIdOf(page, () => page.getByTestId('sync-button').click());

    const directeurPage = await directeur.newPage();
    await new SignInPage(directeurPage).signInAs('directeur');
    const directeurAlerts = new AlertsPage(directeurPage);
    await directeurAlerts.search(tankCode(toResolve.anomaly.entityId));
    const resolve = await actionIdOf(directeurPage, async () => {
      await directeurAlerts.row(toResolve.alert.id).getByTestId('alert-resolve-button').click();
      await directeurAlerts.submitDialog('Résolue pour apprendre la requête.');
    });
    return { acknowledge, resolve, bulkAcknowledge, sync };
  } finally {
    await admin.close();
    await directeur.close();
  }
}

/** Posts a server action by hand and returns the HTTP status with the raw answer. */
export async function postActionRaw(
  request: APIRequestContext,
  actionId: string,
  body: string,
  path = '/governance/alerts',
): Promise<{ status: number; text: string }> {
  const response = await request.post(path, {
    headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    data: body,
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

export type ParsedActionResult = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown };

/** The action's own result out of the RSC answer (`1:{"ok":false,"code":…}`), or null. */
export function actionResult(text: string): ParsedActionResult | null {
  for (const line of text.split('\n')) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match) continue;
    try {
      const value = JSON.parse(match[1]!) as Record<string, unknown>;
      if (typeof value.ok === 'boolean') return value as ParsedActionResult;
    } catch {
      // not JSON: another RSC row
    }
  }
  return null;
}
