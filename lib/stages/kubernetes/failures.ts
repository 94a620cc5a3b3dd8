import 'server-only';
import { isDomainError } from '../../errors';
import { isKubernetesFailure } from '../../kubernetes/errors';
import type { StageResult } from '../types';

/**
 * A Kubernetes or permission failure as a failed stage, in the failure's own words (they name the object,
 * the account and the field). Anything else is a bug and propagates to the engine's catch-all.
 */
export function failedFrom(err: unknown, prefix?: string): StageResult<never> {
  if (isKubernetesFailure(err) || isDomainError(err)) {
    const details = isKubernetesFailure(err) ? err.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)) : [];
    return { status: 'failed', reason: prefix ? `${prefix}: ${err.message}` : err.message, ...(details.length ? { details } : {}) };
  }
  throw err;
}

/** The cluster did not answer: worth asking again on the next poll rather than failing the stage. */
export const isTransient = (err: unknown): boolean => isKubernetesFailure(err, 'unreachable') || isKubernetesFailure(err, 'timeout');
