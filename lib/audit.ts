import 'server-only';
import type { SessionUser } from './auth/principal';
import { recordAudit, type AuditOutcome } from './db/audit';
import { isDomainError } from './errors';
import { getLogger } from './log';
import type { RequestMeta } from './request-meta';

export interface AuditedAction {
  action: string;
  targetType: string;
  targetId?: string;
  application?: string;
  details?: Record<string, unknown>;
}

/**
 * Runs an action and records it in the audit log with its outcome: success, denied (403), or
 * failed (anything else). The action's own error is rethrown unchanged.
 */
export async function audited<T>(meta: RequestMeta, user: SessionUser, event: AuditedAction, run: () => Promise<T>): Promise<T> {
  const write = (outcome: AuditOutcome, extra?: Record<string, unknown>) =>
    recordAudit({
      actor: user.login,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      application: event.application,
      sourceIp: meta.sourceIp,
      outcome,
      details: { ...event.details, ...extra, ...(user.token ? { token: user.token } : {}) },
    });
  try {
    const result = await run();
    await write('success');
    return result;
  } catch (err) {
    const outcome: AuditOutcome = isDomainError(err) && err.status === 403 ? 'denied' : 'failed';
    const reason = isDomainError(err) ? err.message : 'internal error';
    await write(outcome, { reason }).catch((e: unknown) => getLogger().error({ err: String(e) }, 'audit write failed'));
    throw err;
  }
}
