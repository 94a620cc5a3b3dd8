import 'server-only';
import { can, type Principal } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { listApplications } from '../db/applications';
import { ForbiddenError } from '../errors';
import type { ApplicationDto } from '../pipeline/application';

/**
 * Who may use a template (Fiat has no rule for them; Front50's controller says "TODO: add authz"):
 * a `global` template (or one with no scopes) is readable by every signed-in user and changed by
 * admins only; a template scoped to applications is readable by whoever reads one of them and
 * changed by whoever may WRITE all of them. Default deny: a scope naming no existing application
 * leaves the template to admins.
 */
export function mayRead(user: Principal, scopes: readonly string[], apps: ReadonlyMap<string, ApplicationDto>): boolean {
  if (user.isAdmin || scopes.includes('global')) return true;
  return scopes.some((s) => {
    const app = apps.get(s);
    return app !== undefined && can(user, 'read', applicationResource(app));
  });
}

export function mayWrite(user: Principal, scopes: readonly string[], apps: ReadonlyMap<string, ApplicationDto>): boolean {
  if (user.isAdmin) return true;
  if (scopes.includes('global')) return false;
  return scopes.every((s) => {
    const app = apps.get(s);
    return app !== undefined && can(user, 'write', applicationResource(app));
  });
}

export const applicationsByName = async () => new Map((await listApplications()).map((a) => [a.name.toLowerCase(), a]));

export function assertMayWrite(user: SessionUser, templateId: string, scopes: readonly string[], apps: ReadonlyMap<string, ApplicationDto>): void {
  if (mayWrite(user, scopes, apps)) return;
  const where = scopes.includes('global') ? 'it is global (scopes: global), and only admins change global templates' : `that needs WRITE on every application in its scopes (${scopes.join(', ')})`;
  throw new ForbiddenError(`You (${user.login}) may not change pipeline template ${templateId}: ${where}`);
}
