import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressKey, requestClient } from './http.mjs';

function request(remoteAddress: string, headers: Record<string, string> = {}) {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('the client address', () => {
  it('is the peer’s when the peer is another machine, whatever X-Forwarded-For says', () => {
    expect(requestClient(request('192.0.2.10', { 'x-forwarded-for': '198.51.100.1' })).ip).toBe('192.0.2.10');
    expect(requestClient(request('::ffff:192.0.2.10')).ip).toBe('192.0.2.10');
  });

  it('is the first X-Forwarded-For entry when the peer is this machine (the console speaking for its visitor)', () => {
    expect(requestClient(request('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 10.0.0.1' })).ip).toBe('198.51.100.1');
    expect(requestClient(request('::1', { 'x-forwarded-for': '2001:db8::1' })).ip).toBe('2001:db8::1');
    expect(requestClient(request('::ffff:127.0.0.1', { 'x-forwarded-for': 'not an address' })).ip).toBe('127.0.0.1');
    expect(requestClient(request('127.0.0.1')).ip).toBe('127.0.0.1');
  });

  it('is counted per IPv4 address and per IPv6 /64', () => {
    expect(addressKey('198.51.100.1')).toBe('198.51.100.1');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey(null)).toBe('unknown');
  });
});
