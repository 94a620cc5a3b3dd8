import 'server-only';
import { Resolver } from 'node:dns/promises';
import type { ResolvedAddress } from './policy';

/**
 * A lookup that asks the given DNS servers directly for A and AAAA records, instead of the system
 * resolver (egress.dnsServers: a resolver of the operator's choice, and how tests serve chosen
 * answers without touching /etc/hosts). Every address of both families is returned, so the policy
 * can refuse a name with any blocked record.
 */
export function dnsServerLookup(servers: readonly string[]): (hostname: string) => Promise<ResolvedAddress[]> {
  return async (hostname) => {
    const resolver = new Resolver({ timeout: 2_000, tries: 2 });
    resolver.setServers([...servers]);
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
    const addresses: ResolvedAddress[] = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
    ];
    if (addresses.length > 0 || (v4.status === 'fulfilled' && v6.status === 'fulfilled')) return addresses;
    // Both families failed: a missing name (ENOTFOUND) says more than a family without records (ENODATA).
    const reasons = [v4, v6].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    throw reasons.find((r) => (r as { code?: unknown }).code === 'ENOTFOUND') ?? reasons.find((r) => (r as { code?: unknown }).code !== 'ENODATA') ?? reasons[0];
  };
}
