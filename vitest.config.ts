import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The `@/*` alias from tsconfig.json.
    tsconfigPaths: true,
    // Tests run server code as Next.js runs it: `server-only` is the empty marker there.
    alias: { 'server-only': fileURLToPath(new URL('node_modules/server-only/empty.js', import.meta.url)) },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // A few unit tests start a process (the audit:verify CLI, ESLint on fixtures): seconds on a
          // busy machine, where the default 5 s made them flaky. Pure tests finish in milliseconds.
          testTimeout: 20_000,
          include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'supabase/local/**/*.test.ts', 'eslint/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          environment: 'node',
          include: ['supabase/tests/**/*.test.ts'],
          globalSetup: ['supabase/tests/support/global-setup.ts'],
          // Database tests share one local stack and its demo users: run files one at a time.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
