import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // forbidden() and app/forbidden.tsx: a real 403 for roles without access to governance.
    authInterrupts: true,
  },
};

export default nextConfig;
