import 'server-only';

/**
 * The one way Foresail calls URLs that users choose (webhook stages; notifications and metric sources
 * later). See fetch.ts for the rules; the allow-list comes from configuration `egress.allow`.
 */
export { egressFetch, EGRESS_DEFAULTS, type EgressFetchInit, type EgressFetchResponse } from './fetch';
export { checkEgressAllowEntry, checkEgressTarget, type EgressPolicy, type ResolvedAddress } from './policy';
export {
  EgressError,
  EgressNetworkError,
  EgressRefusedError,
  EgressTimeoutError,
  EgressTooLargeError,
  egressErrorKind,
  type EgressErrorKind,
} from './errors';
