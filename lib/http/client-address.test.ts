import { describe, expect, it } from 'vitest';
import { clientAddressFrom } from './client-address';

describe('clientAddressFrom', () => {
  it('takes the entry the trusted proxies appended', () => {
    expect(clientAddressFrom('198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddressFrom('10.0.0.1, 198.51.100.7', 1)).toBe('198.51.100.7');
    // A visitor's own claim comes first; the proxies' entries last.
    expect(clientAddressFrom('6.6.6.6, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
  });

  it('reads IPv6 and IPv4-mapped addresses', () => {
    expect(clientAddressFrom('2001:db8::1', 1)).toBe('2001:db8::1');
    expect(clientAddressFrom('[2001:db8::1]:443', 1)).toBe('2001:db8::1');
    expect(clientAddressFrom('::ffff:127.0.0.1', 1)).toBe('127.0.0.1');
  });

  it('gives null for a missing or malformed entry', () => {
    expect(clientAddressFrom(null, 1)).toBeNull();
    expect(clientAddressFrom('', 1)).toBeNull();
    expect(clientAddressFrom('198.51.100.7', 2)).toBeNull();
    expect(clientAddressFrom('unknown', 1)).toBeNull();
    expect(clientAddressFrom("1.2.3.4'; drop table x;--", 1)).toBeNull();
  });
});
