import 'server-only';
import { getConfig } from '../env';
import type { EgressPolicy } from './policy';
import { dnsServerLookup } from './resolver';

function configuredLookup(): Pick<EgressPolicy, 'lookup'> {
  const servers = getConfig().egress.dnsServers;
  return servers.length > 0 ? { lookup: dnsServerLookup(servers) } : {};
}

/** Webhook stages (their status and cancel URLs too) and notifications: URLs pipeline authors choose, under `egress.allow`. */
export function webhookEgressPolicy(): EgressPolicy {
  return { allow: getConfig().egress.allow, allowKey: 'egress.allow', ...configuredLookup() };
}

/**
 * Metrics accounts, under their own list: allowing a private Prometheus must not let webhook stages
 * reach it (and their allowed hosts are not metrics stores).
 */
export function metricsEgressPolicy(): EgressPolicy {
  return { allow: getConfig().prometheus.egress.allow, allowKey: 'prometheus.egress.allow', ...configuredLookup() };
}
