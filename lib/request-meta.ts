import { cidr, cidrContains, formatIp, parseCidr, parseIp, type Cidr, type Ip } from './egress/ip';
import { getConfig } from './env';
import { peerAddressHeader } from './runtime/peer-address-header';

/**
 * The client's address as recorded in the audit log: the connection's peer (recorded by the web
 * process itself, lib/runtime/peer-address.ts: Next.js keeps a client's own X-Forwarded-For), unless
 * that peer is a trusted proxy (`server.trustedProxies`); then X-Forwarded-For is read from the
 * right, skipping trusted proxies, and the first other address is the client (entries further left
 * are the client's own claims). Null when the peer is unknown.
 */
export function clientAddress(headers: Headers, trustedProxies: readonly string[] = getConfig().server.trustedProxies): string | null {
  const peer = address(headers.get(peerAddressHeader));
  if (!peer) return null;
  const trusted = trustedProxies.map(parseCidr).filter((range): range is Cidr => range !== undefined);
  const isTrusted = (ip: Ip) => trusted.some((range) => cidrContains(range, ip));
  let client = peer;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  while (isTrusted(client)) {
    const hop = address(hops.pop() ?? null);
    if (!hop) break;
    client = hop;
  }
  return formatIp(client);
}

const ipv4Mapped = cidr('::ffff:0:0/96');

/** An address, with IPv4-mapped IPv6 (`::ffff:127.0.0.1`, as dual-stack sockets report) as plain IPv4. */
function address(text: string | null): Ip | undefined {
  const ip = text ? parseIp(text) : undefined;
  return ip && cidrContains(ipv4Mapped, ip) ? { version: 4, value: ip.value & 0xffff_ffffn } : ip;
}
