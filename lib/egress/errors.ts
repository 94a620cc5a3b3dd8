import 'server-only';
import { DomainError } from '../errors';

export type EgressErrorKind = 'refused' | 'timeout' | 'too_large' | 'network';

/**
 * Why a call to a user-chosen URL did not produce a response. Messages are plain sentences naming the
 * URL's host and what to do; they never include request headers (which may carry the caller's tokens).
 */
export abstract class EgressError extends DomainError {
  abstract readonly kind: EgressErrorKind;
  /** Worth trying again later (the network or the remote side may recover; a policy refusal will not). */
  abstract readonly retryable: boolean;
}

/** The egress policy forbids the target (scheme, credentials in the URL, or a blocked address). */
export class EgressRefusedError extends EgressError {
  readonly kind = 'refused';
  readonly retryable = false;
  constructor(message: string) {
    super(message, 'egress_refused', 403);
  }
}

export class EgressTimeoutError extends EgressError {
  readonly kind = 'timeout';
  readonly retryable = true;
  constructor(message: string) {
    super(message, 'egress_timeout', 504);
  }
}

export class EgressTooLargeError extends EgressError {
  readonly kind = 'too_large';
  readonly retryable = false;
  constructor(message: string) {
    super(message, 'egress_too_large', 502);
  }
}

/** DNS failure, refused or reset connection, TLS failure, too many redirects. */
export class EgressNetworkError extends EgressError {
  readonly kind = 'network';
  readonly retryable = true;
  constructor(message: string) {
    super(message, 'egress_network', 502);
  }
}

const KIND_BY_CODE: Record<string, EgressErrorKind> = {
  egress_refused: 'refused',
  egress_timeout: 'timeout',
  egress_too_large: 'too_large',
  egress_network: 'network',
};

/**
 * The kind of an egress error, also for a copy of these classes from another bundle (the engine and
 * Next routes may load this module separately), where `instanceof` fails.
 */
export function egressErrorKind(err: unknown): EgressErrorKind | undefined {
  if (err instanceof EgressError) return err.kind;
  if (!(err instanceof Error)) return undefined;
  const code: unknown = (err as { code?: unknown }).code;
  return typeof code === 'string' ? KIND_BY_CODE[code] : undefined;
}
