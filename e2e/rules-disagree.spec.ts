import { expect, test } from '@playwright/test';
import { actionIds, postAction } from './support/actions';
import { activeAlertFor, closeDb, DEMO_USER_IDS, mustReadAlert, openAlert, query, removeFixtures, sync } from './support/db';
import { signIn } from './support/session';

const FINGERPRINT = 'RULES_DISAGREE:console_action:acknowledge_alert:rls_update_filtered';

test.afterAll(async () => {
  await removeFixtures();
  await closeDb();
});

test.describe('the console and the database disagree', () => {
  test('an acknowledgement the console allows and the database refuses is reported and opens RULES_DISAGREE', async ({ page }) => {
    const { alert } = await openAlert();
    await signIn(page.context(), 'admin');
    const [{ now: since }] = (await query<{ now: Date }>('select now()')) as [{ now: Date }];
    // The admin's role changes after sign-in: the console acts on the token's role (admin, for up to
    // an hour), the database on the profile as it is now (pca may not acknowledge).
    await query(`update public.profils set role = 'pca' where user_id = $1`, [DEMO_USER_IDS.admin]);
    try {
      const before = await mustReadAlert(alert.id);
      const answer = await postAction(page.request, actionIds().acknowledge, [{ id: alert.id, note: '' }]);
      expect(answer).toContain('"code":"forbidden"');
      expect(await mustReadAlert(alert.id)).toEqual(before);

      // The server reports it (after the response) through the service role's one recording path.
      await expect
        .poll(async () =>
          query(
            `select kind, severity, actor_role, details from public.security_audit_logs
             where actor_id = $1 and kind = 'rules_disagree' and last_occurred_at >= $2`,
            [DEMO_USER_IDS.admin, since],
          ),
        )
        .toContainEqual({
          kind: 'rules_disagree',
          severity: 'CRITICAL',
          actor_role: 'admin',
          details: { action: 'acknowledge_alert', rule: 'rls_update_filtered', sqlstate: '42501' },
        });
    } finally {
      await query(`update public.profils set role = 'admin' where user_id = $1`, [DEMO_USER_IDS.admin]);
    }

    await sync();
    const disagreement = await activeAlertFor(FINGERPRINT);
    expect(disagreement).toMatchObject({ check_code: 'RULES_DISAGREE', severity: 'CRITICAL' });
    await page.goto(`/governance/alerts/${disagreement!.id}`);
    await expect(page.getByTestId('alert-detail')).toContainText(
      'Action « acknowledge_alert » autorisée par la console mais refusée par la base (règle rls_update_filtered, SQLSTATE 42501)',
    );
    await page.screenshot({ path: 'test-results/screenshots/alert-rules-disagree.png', fullPage: true });

    // Out of the window: the condition clears (the alert stays for a human to resolve).
    await query(
      `update public.security_audit_logs set occurred_at = occurred_at - interval '1 day', last_occurred_at = last_occurred_at - interval '1 day'
       where kind = 'rules_disagree' and details ->> 'action' = 'acknowledge_alert'`,
    );
    await sync();
    expect((await mustReadAlert(disagreement!.id)).cleared_at).not.toBeNull();
  });
});
