import { execSync } from 'node:child_process';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import type { NextConfig } from 'next';
import { parsePublicEnv } from './lib/env';
import { staticSecurityHeaders } from './lib/http/security-headers';

/** The commit being built, for the versions page (empty outside a git checkout). */
function gitCommit(): string {
  if (process.env.CONSOLE_BUILD_COMMIT) return process.env.CONSOLE_BUILD_COMMIT;
  try {
    return execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return '';
  }
}

const nextConfig: NextConfig = {
  poweredByHeader: false,
  env: { CONSOLE_BUILD_COMMIT: gitCommit(), CONSOLE_BUILT_AT: new Date().toISOString() },
  reactStrictMode: true,
  // The board report's PDF renderer runs as plain Node code (its own React reconciler and PDFKit),
  // not bundled into the server's React Server Components layer.
  serverExternalPackages: ['@react-pdf/renderer'],
  experimental: {
    // forbidden() and app/forbidden.tsx: a real 403 for roles without access to governance.
    authInterrupts: true,
  },
  // Every response, static files and route handlers included; pages also get their CSP (with a
  // per-request nonce) from proxy.ts.
  async headers() {
    const headers = staticSecurityHeaders({ production: process.env.NODE_ENV === 'production' });
    return [{ source: '/:path*', headers: Object.entries(headers).map(([key, value]) => ({ key, value })) }];
  },
};

export default function config(phase: string): NextConfig {
  // NEXT_PUBLIC_* values are inlined into the bundles at build time: a missing or malformed one
  // stops the build, naming the variable. (Server-only variables are checked at start-up, in
  // instrumentation.ts.)
  if (phase === PHASE_PRODUCTION_BUILD) {
    parsePublicEnv({
      NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    });
  }
  return nextConfig;
}
