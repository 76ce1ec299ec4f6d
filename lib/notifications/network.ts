import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { UndeliverableError } from './claim.ts';

/**
 * Where a webhook may not go: any address of the machine or of its private networks. A governance
 * user chooses their own webhook URL, so without this the worker would POST, signed and from inside,
 * to the database, the cloud's metadata service or any internal service (SSRF). `npm run dev` and the
 * tests allow private networks (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true) for their local receivers.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the cloud metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Whether a literal IP address is private, loopback, link-local or otherwise not on the internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true; // not an address: refuse
}

/**
 * Refuses a webhook URL whose host is, or resolves to, a private address (every address the name
 * resolves to is checked). IMPORTANT: the connection resolves the name again; a DNS answer that
 * changes in between (rebinding) is not caught here — a proxy that enforces egress rules is the
 * stronger control where one exists.
 */
export async function assertPublicHost(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  const refused = addresses.find(isPrivateAddress);
  if (refused !== undefined) {
    throw new UndeliverableError(`adresse de webhook refusée : ${url.hostname} est une adresse privée ou locale (${refused})`);
  }
}
