import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { actionIds, postAction } from './support/actions';
import { closeDb, DEMO_USER_IDS, mustReadAlert, openAlert, query, withSetting } from './support/db';
import { signIn } from './support/session';

/** Where the production build under test lives (the test script builds in the project root). */
const appDir = process.env.E2E_APP_DIR ?? process.cwd();

test.afterAll(async () => {
  await closeDb();
});

/** Collects CSP violations the page reports, from before its first script runs. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test.describe('security headers', () => {
  test('every main page has a nonce CSP and the other headers, and the browser reports no violation', async ({ page }) => {
    const violations = await watchCspViolations(page);
    const signInResponse = await page.goto('/sign-in');
    const nonces = new Set<string>();
    const check = (headers: Record<string, string>) => {
      const csp = headers['content-security-policy'] ?? '';
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      // The browser talks to the console only; Supabase is reached by the console's server.
      expect(csp).toMatch(/connect-src 'self'(;|$)/);
      nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['permissions-policy']).toContain('camera=()');
      expect(headers['strict-transport-security']).toMatch(/^max-age=/);
      expect(headers['x-powered-by']).toBeUndefined();
    };
    check(signInResponse!.headers());

    await new SignInPage(page).signIn('pca@depot.test');
    await expect(page).toHaveURL(/\/governance\/integrity$/);
    const { alert } = await openAlert();
    for (const pathname of ['/governance/integrity', '/governance/alerts', `/governance/alerts/${alert.id}`]) {
      const response = await page.goto(pathname);
      expect(response?.status()).toBe(200);
      check(response!.headers());
      // Let lazy chunks (the chart) and the live list load under the policy.
      await page.waitForLoadState('networkidle');
    }
    expect(nonces.size).toBe(4);
    expect(violations).toEqual([]);
  });

  test('static files and route handlers carry the headers too', async ({ request }) => {
    const response = await request.get('/icon.svg');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['x-powered-by']).toBeUndefined();
  });
});

test.describe('health', () => {
  test('/api/health says the process is alive; /api/ready checks PostgREST, the schema version and the sync, naming no version or secret', async ({
    request,
  }) => {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const ready = await request.get('/api/ready');
    const body = await ready.text();
    expect(ready.status(), body).toBe(200);
    expect(JSON.parse(body)).toEqual({ status: 'ready', checks: { postgrest: 'ok', schema: 'ok', sync: 'ok' } });
    // Anyone may ask: the answer names neither the applied schema version nor any secret.
    const [newest] = await query<{ version: string }>('select max(version) as version from supabase_migrations.schema_migrations');
    expect(body).not.toContain(newest!.version);
    expect(body).not.toMatch(/eyJ|postgres:|password/i);
  });
});

test.describe('rate limits', () => {
  test('past the per-minute write limit a user is refused with a clear message, nothing applied, and it is on record', async ({
    page,
  }) => {
    const actionId = actionIds().acknowledge;
    const targets = [await openAlert(), await openAlert(), await openAlert()];
    const last = targets[2]!.alert;
    const before = await mustReadAlert(last.id);
    await signIn(page.context(), 'directeur');
    // The limit is the database's (governance_settings), for every path alike: narrowed for this test.
    const [{ seconds }] = (await query<{ seconds: number }>('select extract(second from now())::float8 as seconds')) as [
      { seconds: number },
    ];
    if (seconds >= 50) await page.waitForTimeout((60 - seconds + 0.2) * 1000);
    const restore = await withSetting('api_writes_per_minute', 3);
    try {
      await query('delete from private.api_write_budget where user_id = $1', [DEMO_USER_IDS.directeur]);
      const [{ now: since }] = (await query<{ now: Date }>('select now()')) as [{ now: Date }];
      const answers: string[] = [];
      // Within the limit: applied.
      for (const { alert } of targets.slice(0, 2)) answers.push(await postAction(page.request, actionId, [{ id: alert.id }]));
      expect(answers[0]).toContain('"ok":true');
      expect(answers[1]).toContain('"ok":true');
      // The minute's budget spent (set, not counted: the test asserts the refusal, not the arithmetic).
      await query('update private.api_write_budget set writes = 3 where user_id = $1', [DEMO_USER_IDS.directeur]);
      answers.push(await postAction(page.request, actionId, [{ id: last.id }]));
      expect(answers[2]).toContain('"code":"rate_limited"');
      expect(answers[2]).toMatch(/Trop de demandes en peu de temps : réessayez dans \d+ s\. Rien n’a été modifié\./);
      expect(await mustReadAlert(last.id)).toEqual(before);
      await expect
        .poll(() =>
          query('select kind, actor_role from public.security_audit_logs where actor_id = $1 and kind = $2 and last_occurred_at >= $3', [
            DEMO_USER_IDS.directeur,
            'rate_limited',
            since,
          ]),
        )
        .toContainEqual({ kind: 'rate_limited', actor_role: 'directeur' });
    } finally {
      await restore();
    }
  });
});

test.describe('configuration', () => {
  async function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
  }

  for (const [variable, value, what] of [
    ['TRUSTED_PROXY_HOPS', 'lots', 'a malformed'],
    ['SUPABASE_SERVICE_ROLE_KEY', 'not a key', 'a malformed'],
    // Required in production: without it sign-in throttling and the security log would be off.
    ['SUPABASE_SERVICE_ROLE_KEY', '', 'no'],
    ['AUDIT_SIGNING_KEY', 'not a key', 'a malformed'],
    // `next start` runs in production, where exports must be signed.
    ['AUDIT_SIGNING_KEY', '', 'no'],
  ] as const) {
    test(`${what} ${variable} stops the server with a message naming it`, async () => {
      const child = spawn(path.join(appDir, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(await freePort())], {
        cwd: appDir,
        env: { ...process.env, [variable]: value },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(null)), 20_000);
        child.once('exit', (exitCode) => (clearTimeout(timer), resolve(exitCode)));
      });
      expect(code).toBe(1);
      expect(stderr).toContain(variable);
      expect(stderr).toContain('The console cannot start.');
    });
  }

  test('the service-role key and the audit signing key are in no client asset', async () => {
    const secrets = {
      SUPABASE_SERVICE_ROLE_KEY: process.env.SUPABASE_SERVICE_ROLE_KEY,
      AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY,
    };
    for (const [name, value] of Object.entries(secrets)) expect(value, `the test script passes ${name} to the server`).toBeTruthy();
    const staticDir = path.join(appDir, '.next/static');
    const files = (await readdir(staticDir, { recursive: true })).filter((file) => /\.(js|css|html|json)$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(path.join(staticDir, file), 'utf8');
      for (const [name, value] of Object.entries(secrets)) {
        expect(text.includes(value!), file).toBe(false);
        expect(text.includes(name), file).toBe(false);
      }
    }
  });
});
