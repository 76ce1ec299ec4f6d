import type { Browser, APIRequestContext } from '@playwright/test';
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
