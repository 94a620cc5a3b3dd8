import 'server-only';
import { can } from './auth/permissions';
import type { SessionUser } from './auth/principal';
import { applicationResource } from './auth/resources';
import type { AuditQueryInput } from './auth/audit-query';
import { listApplications } from './db/applications';
import { listAudit, type AuditEventDto } from './db/audit';

/**
 * The audit log as this user may see it: administrators see everything; others see events of the
 * applications they can read, and their own actions.
 */
export async function auditFor(user: SessionUser, query: AuditQueryInput): Promise<{ events: AuditEventDto[]; nextCursor: string | null }> {
  const visibleTo = user.isAdmin
    ? undefined
    : { actor: user.login, applications: (await listApplications()).filter((app) => can(user, 'read', applicationResource(app))).map((app) => app.name) };
  return listAudit({
    actor: query.actor,
    action: query.action,
    application: query.application,
    from: query.from,
    to: query.to,
    before: query.cursor ? BigInt(query.cursor) : undefined,
    take: query.limit,
    visibleTo,
  });
}
