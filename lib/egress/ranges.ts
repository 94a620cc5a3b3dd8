import 'server-only';
import { cidr, cidrContains, embeddedIpv4, formatIp, type Cidr, type Ip } from './ip';

/**
 * Addresses a user-chosen URL may not reach unless an administrator allows them: everything that is
 * not the public internet. The metadata address comes first so its reason names the real danger
 * (cloud credentials, as in the Spinnaker SSRF advisory).
 */
const BLOCKED: { range: Cidr; what: string }[] = [
  { range: cidr('169.254.169.254/32'), what: 'a link-local address (cloud metadata)' },
  { range: cidr('0.0.0.0/8'), what: 'an unspecified ("this host") address' },
  { range: cidr('10.0.0.0/8'), what: 'a private address' },
  { range: cidr('100.64.0.0/10'), what: 'a carrier-grade NAT (shared) address' },
  { range: cidr('127.0.0.0/8'), what: 'a loopback address' },
  { range: cidr('169.254.0.0/16'), what: 'a link-local address' },
  { range: cidr('172.16.0.0/12'), what: 'a private address' },
  { range: cidr('192.0.0.0/24'), what: 'a reserved (IETF protocol) address' },
  { range: cidr('192.0.2.0/24'), what: 'a reserved (documentation) address' },
  { range: cidr('192.168.0.0/16'), what: 'a private address' },
  { range: cidr('198.18.0.0/15'), what: 'a reserved (benchmarking) address' },
  { range: cidr('198.51.100.0/24'), what: 'a reserved (documentation) address' },
  { range: cidr('203.0.113.0/24'), what: 'a reserved (documentation) address' },
  { range: cidr('224.0.0.0/4'), what: 'a multicast address' },
  { range: cidr('255.255.255.255/32'), what: 'the broadcast address' },
  { range: cidr('240.0.0.0/4'), what: 'a reserved address' },
  { range: cidr('::/128'), what: 'an unspecified address' },
  { range: cidr('::1/128'), what: 'a loopback address' },
  { range: cidr('100::/64'), what: 'a reserved (discard) address' },
  // A translator inside the network turns these into IPv4 addresses an administrator chose, often private ones.
  { range: cidr('64:ff9b:1::/48'), what: 'a local-use NAT64 address (RFC 8215), which may reach private IPv4 hosts' },
  // Teredo hides the client's IPv4 address (inverted bits), so it cannot be checked; nothing legitimate needs it.
  { range: cidr('2001::/32'), what: 'a Teredo tunnel address, which carries a hidden IPv4 address' },
  { range: cidr('2001:db8::/32'), what: 'a reserved (documentation) address' },
  { range: cidr('fc00::/7'), what: 'a private (unique local) address' },
  { range: cidr('fe80::/10'), what: 'a link-local address' },
  { range: cidr('fec0::/10'), what: 'a private (site-local) address' },
  { range: cidr('ff00::/8'), what: 'a multicast address' },
];

/** Why an address is blocked, in words (`a loopback address`), or undefined for a public address. */
export function blockedAddressKind(ip: Ip): string | undefined {
  const direct = BLOCKED.find((entry) => cidrContains(entry.range, ip));
  if (direct) return direct.what;
  const embedded = embeddedIpv4(ip);
  if (!embedded) return undefined;
  const inner = blockedAddressKind(embedded.ip);
  return inner === undefined ? undefined : `${embedded.form} of ${formatIp(embedded.ip)}, ${inner}`;
}
