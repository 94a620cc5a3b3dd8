import 'server-only';

/**
 * The one way Foresail calls URLs that users choose (webhook stages, notifications, metrics accounts).
 * See fetch.ts for the rules; policies.ts builds each caller's policy from configuration
 * (`egress.allow` for webhooks and notifications, `prometheus.egress.allow` for metrics accounts).
 */
export { egressFetch, egressFetchBytes, EGRESS_DEFAULTS, type EgressFetchInit, type EgressFetchResponse } from './fetch';
export { checkEgressAllowEntry, checkEgressTarget, type EgressPolicy, type ResolvedAddress } from './policy';
export { metricsEgressPolicy, webhookEgressPolicy } from './policies';
export { dnsServerLookup } from './resolver';
export {
  EgressError,
  EgressNetworkError,
  EgressRefusedError,
  EgressTimeoutError,
  EgressTooLargeError,
  egressErrorKind,
  type EgressErrorKind,
} from './errors';
