import 'server-only';
import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number, so ranges compare exactly (no string prefix tricks). */
export interface Ip {
  version: 4 | 6;
  value: bigint;
}

export interface Cidr {
  version: 4 | 6;
  base: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Strict dotted-quad IPv4 or IPv6 (optionally bracketed, zone id ignored); undefined for anything else. */
export function parseIp(text: string): Ip | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const unzoned = bare.split('%')[0] ?? bare;
  if (isIPv4(unzoned)) return { version: 4, value: parseV4(unzoned) };
  if (isIPv6(unzoned)) return { version: 6, value: parseV6(unzoned) };
  return undefined;
}

function parseV4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseV6(text: string): bigint {
  let head = text;
  let tail: bigint[] = [];
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = head.lastIndexOf(':');
  const maybeV4 = head.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseV4(maybeV4);
    tail = [v4 >> 16n, v4 & 0xffffn];
    head = head.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const toGroups = (part: string): bigint[] => (part === '' ? [] : part.split(':').map((g) => BigInt(parseInt(g, 16))));
  const [left = '', right] = head.split('::');
  const leftGroups = toGroups(left);
  const rightGroups = right === undefined ? [] : toGroups(right);
  const missing = 8 - leftGroups.length - rightGroups.length - tail.length;
  const groups = [...leftGroups, ...Array<bigint>(Math.max(missing, 0)).fill(0n), ...rightGroups, ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** `10.0.0.0/8`, `fd00::/8`, or a single address (a /32 or /128); undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = BITS[ip.version];
  if (prefixText === undefined) return { version: ip.version, base: ip.value, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  return { version: ip.version, base: ip.value, prefix };
}

export function cidrContains(cidr: Cidr, ip: Ip): boolean {
  if (cidr.version !== ip.version) return false;
  const shift = BigInt(BITS[ip.version] - cidr.prefix);
  return ip.value >> shift === cidr.base >> shift;
}

export function formatIp(ip: Ip): string {
  if (ip.version === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as the WHATWG serializer does.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

const EMBEDDING_PREFIXES: { cidr: Cidr; name: string; extract: (value: bigint) => bigint }[] = [
  { cidr: cidr('::ffff:0:0/96'), name: 'an IPv4-mapped form', extract: (v) => v & 0xffffffffn },
  { cidr: cidr('::/96'), name: 'an IPv4-compatible form', extract: (v) => v & 0xffffffffn },
  { cidr: cidr('::ffff:0:0:0/96'), name: 'an IPv4-translated form', extract: (v) => v & 0xffffffffn },
  { cidr: cidr('64:ff9b::/96'), name: 'a NAT64 form', extract: (v) => v & 0xffffffffn },
  { cidr: cidr('2002::/16'), name: 'a 6to4 form', extract: (v) => (v >> 80n) & 0xffffffffn },
];

/**
 * The IPv4 address an IPv6 address carries, if it is one of the forms that reach IPv4 hosts
 * (`::ffff:127.0.0.1` connects to 127.0.0.1), so the IPv4 rules apply to it too.
 */
export function embeddedIpv4(ip: Ip): { ip: Ip; form: string } | undefined {
  if (ip.version !== 6) return undefined;
  // :: and ::1 sit inside ::/96 but are IPv6's own unspecified and loopback addresses.
  if (ip.value <= 1n) return undefined;
  for (const prefix of EMBEDDING_PREFIXES) {
    if (cidrContains(prefix.cidr, ip)) return { ip: { version: 4, value: prefix.extract(ip.value) }, form: prefix.name };
  }
  return undefined;
}

/** For constant tables: a literal that must parse. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`Bad CIDR literal ${text}`);
  return parsed;
}
