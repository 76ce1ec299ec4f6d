import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Prefer the distribution's Chromium where it is installed (no browser download needed);
// otherwise fall back to the browser Playwright manages (`npx playwright install chromium`).
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

const browser = {
  ...devices['Desktop Chrome'],
  headless: true,
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

/**
 * End-to-end tests run against an already started production server (`next start`); the test
 * script starts and stops it, so there is no `webServer` here.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  // One browser at a time: the specs share the demo users and a 2-core machine.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000',
    locale: 'fr-FR',
    // The main pages' screenshots are taken by the specs themselves (test-results/screenshots/); an
    // automatic one after every test, and a trace of every step, cost seconds per test — kept for
    // failures only, and the trace (a local debugging aid nobody can open from CI) outside CI.
    screenshot: 'only-on-failure',
    trace: process.env.CI ? 'off' : 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', testIgnore: /faults\.spec\.ts$/, use: browser },
    // IMPORTANT: the fault tests stop and start the stack's PostgREST and PostgreSQL: they run last,
    // once every other spec is done (`STACK_CONTROL_PORT`, set by `npm test`).
    { name: 'faults', testMatch: /faults\.spec\.ts$/, dependencies: ['chromium'], use: browser },
  ],
});
