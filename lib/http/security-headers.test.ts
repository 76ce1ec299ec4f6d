import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from './security-headers';

describe('security headers', () => {
  it('allow scripts only with the nonce in production, and connections only to the app itself', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('relax only what development needs', () => {
    const csp = contentSecurityPolicy({ nonce: 'n', development: true });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).toContain("connect-src 'self' ws:");
  });

  it('send HSTS in production only', () => {
    expect(staticSecurityHeaders({ production: true })['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(staticSecurityHeaders({ production: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(staticSecurityHeaders({ production: false })['X-Content-Type-Options']).toBe('nosniff');
  });

  it('make a different nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
