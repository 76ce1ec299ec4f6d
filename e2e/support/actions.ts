import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';

/** Where the production build under test lives (the test script builds in the project root). */
const appDir = process.env.E2E_APP_DIR ?? process.cwd();

export type ActionIds = { acknowledge: string; resolve: string; bulkAcknowledge: string; sync: string };

/**
 * The ids of the four alert actions, as an attacker would find them in the page's JavaScript —
 * read here from the build's server-reference manifest, which names each id's function.
 */
export function actionIds(): ActionIds {
  const manifest = JSON.parse(readFileSync(path.join(appDir, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string }>;
  };
  const idOf = (exportedName: string) => {
    const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName);
    if (!entry) throw new Error(`no server action ${exportedName} in the build`);
    return entry[0];
  };
  return {
    acknowledge: idOf('acknowledgeAlertAction'),
    resolve: idOf('resolveAlertAction'),
    bulkAcknowledge: idOf('bulkAcknowledgeAction'),
    sync: idOf('syncAlertsAction'),
  };
}

/** Posts a server action by hand, as a replayed or forged request would; returns the raw answer. */
export async function postAction(request: APIRequestContext, actionId: string, args: unknown[]): Promise<string> {
  const response = await request.post('/governance/alerts', {
    headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    data: JSON.stringify(args),
  });
  return response.text();
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
