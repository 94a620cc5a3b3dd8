import 'server-only';
import { lookup as dnsLookup } from 'node:dns/promises';
import { EgressNetworkError, EgressRefusedError } from './errors';
import { cidrContains, embeddedIpv4, formatIp, parseCidr, parseIp, type Cidr, type Ip } from './ip';
import { blockedAddressKind } from './ranges';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface EgressPolicy {
  /**
   * What an administrator allows despite the blocked ranges (configuration `egress.allow`): CIDRs
   * (`10.20.0.0/16`, `fd00::/8`), single addresses (`127.0.0.1`) or exact host names
   * (`hooks.corp.internal`). Check entries with `checkEgressAllowEntry` when loading configuration.
   */
  allow: readonly string[];
  /** The configuration key of `allow`, named in refusals so an administrator knows where to add an entry (default `egress.allow`). */
  allowKey?: string;
  /** Resolves a host name to every address it has (default: the system resolver; see resolver.ts). */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/** A URL that passed the policy, with the addresses to connect to (pinned: never resolved again). */
export interface CheckedTarget {
  url: URL;
  addresses: ResolvedAddress[];
}

const HOSTNAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** A problem with one `egress.allow` entry, for configuration validation; undefined when it is fine. */
export function checkEgressAllowEntry(entry: string): string | undefined {
  const text = entry.trim();
  if (text === '') return 'is empty';
  if (text.includes('/') || parseIp(text)) return parseCidr(text) ? undefined : `"${entry}" is not a valid IP address or CIDR range`;
  if (text.includes('*')) return `"${entry}" uses a wildcard; list each host name exactly, or allow its address range as a CIDR`;
  return HOSTNAME.test(normalizeHostname(text)) ? undefined : `"${entry}" is not a host name, IP address or CIDR range`;
}

interface CompiledAllow {
  ranges: Cidr[];
  hostnames: Set<string>;
}

function compileAllow(entries: readonly string[]): CompiledAllow {
  const ranges: Cidr[] = [];
  const hostnames = new Set<string>();
  for (const entry of entries) {
    // Invalid entries are reported when configuration loads; here they simply match nothing.
    if (checkEgressAllowEntry(entry) !== undefined) continue;
    const range = parseCidr(entry);
    if (range) ranges.push(range);
    else hostnames.add(normalizeHostname(entry));
  }
  return { ranges, hostnames };
}

function normalizeHostname(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Whether an allow-list lets a call reach `host` (an IP literal or a host name) although it is
 * blocked: for configuration notices, which cannot resolve names, so a name counts only when listed.
 */
export function allowListLetsThrough(allow: readonly string[], host: string): boolean {
  const compiled = compileAllow(allow);
  const ip = parseIp(host);
  if (!ip) return compiled.hostnames.has(normalizeHostname(host));
  return blockedAddressKind(ip) !== undefined && isAllowedAddress(compiled, ip);
}

function isAllowedAddress(allow: CompiledAllow, ip: Ip): boolean {
  const inner = embeddedIpv4(ip)?.ip;
  return allow.ranges.some((range) => cidrContains(range, ip) || (inner !== undefined && cidrContains(range, inner)));
}

/**
 * Applies the policy to one URL (each redirect hop is checked again): WHATWG parsing only, http(s)
 * only, no credentials in the URL, and every address the host resolves to must be public or allowed.
 * Checking all addresses, not just the first, stops a name with one public and one private record.
 */
export async function checkEgressTarget(rawUrl: string, policy: EgressPolicy): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new EgressRefusedError(`"${truncate(rawUrl)}" is not a valid absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EgressRefusedError(`${url.protocol.replace(/:$/, '')}: URLs are not allowed; only http and https can be called`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new EgressRefusedError(`The URL for ${url.hostname} contains a user name or password; remove it and send credentials in a header instead`);
  }
  const allow = compileAllow(policy.allow);
  const hostname = normalizeHostname(url.hostname);
  const literal = parseIp(hostname);
  const addresses = literal ? [toResolved(literal)] : await resolve(hostname, policy);
  if (allow.hostnames.has(hostname)) return { url, addresses };
  for (const resolved of addresses) {
    const ip = parseIp(resolved.address);
    if (!ip) throw new EgressRefusedError(`${hostname} resolved to "${resolved.address}", which is not an IP address`);
    const kind = blockedAddressKind(ip);
    if (kind === undefined || isAllowedAddress(allow, ip)) continue;
    const shown = formatIp(ip);
    const subject = literal ? `${shown} is` : `${hostname} resolves to ${shown}, which is`;
    throw new EgressRefusedError(`${subject} ${kind}; ask an administrator to allow it in ${policy.allowKey ?? 'egress.allow'}`);
  }
  return { url, addresses };
}

function toResolved(ip: Ip): ResolvedAddress {
  return { address: formatIp(ip), family: ip.version };
}

async function resolve(hostname: string, policy: EgressPolicy): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = policy.lookup
      ? await policy.lookup(hostname)
      : (await dnsLookup(hostname, { all: true, order: 'verbatim' })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const why = code === 'ENOTFOUND' || code === 'ENODATA' ? 'it does not exist in DNS' : `DNS lookup failed (${String(code ?? err)})`;
    throw new EgressNetworkError(`Could not find host ${hostname}: ${why}`);
  }
  if (addresses.length === 0) throw new EgressNetworkError(`Could not find host ${hostname}: DNS returned no addresses`);
  return addresses;
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
