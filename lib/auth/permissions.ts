import { ForbiddenError } from '../errors';

/**
 * Who may do what — Fiat's model, default deny. Pure: every route, page and action asks `can()`
 * on the server with the user's roles (from LDAP groups) and the resource's permission lists.
 *
 * Deliberate differences from Fiat: a resource with no permissions is visible to admins only
 * (Fiat leaves it open — the root of CVE-2021-43832), and READ does not fall back to EXECUTE.
 * Holding WRITE or EXECUTE on an application implies seeing it (you cannot act on the invisible).
 */

export interface Principal {
  /** GitHub login, or `token:<name>` for an API token. */
  login: string;
  roles: readonly string[];
  isAdmin: boolean;
  /** Roles allowed to create applications (from configuration). */
  canCreateApplications: boolean;
}

export interface PermissionLists {
  READ?: readonly string[];
  WRITE?: readonly string[];
  EXECUTE?: readonly string[];
}

export type Resource =
  | { kind: 'application'; name: string; permissions: PermissionLists }
  | { kind: 'account'; name: string; permissions: Pick<PermissionLists, 'READ' | 'WRITE'> }
  | { kind: 'judgment'; application: { name: string; permissions: PermissionLists }; stageRoles: readonly string[] }
  | { kind: 'system' };

export type Action = 'read' | 'write' | 'execute' | 'create-application' | 'judge' | 'administer';

const intersects = (roles: readonly string[], allowed: readonly string[] | undefined) => (allowed ?? []).some((role) => roles.includes(role));

export function can(user: Principal, action: Action, resource: Resource): boolean {
  if (user.isAdmin) return true;
  switch (resource.kind) {
    case 'system':
      if (action === 'create-application') return user.canCreateApplications;
      return false;
    case 'application': {
      const p = resource.permissions;
      if (action === 'read') return intersects(user.roles, p.READ) || intersects(user.roles, p.WRITE) || intersects(user.roles, p.EXECUTE);
      if (action === 'write') return intersects(user.roles, p.WRITE);
      if (action === 'execute') return intersects(user.roles, p.EXECUTE);
      return false;
    }
    case 'account': {
      // Fiat: account WRITE does not imply READ; deploying needs WRITE.
      if (action === 'read') return intersects(user.roles, resource.permissions.READ);
      if (action === 'write') return intersects(user.roles, resource.permissions.WRITE);
      return false;
    }
    case 'judgment': {
      if (action !== 'judge') return false;
      const mayExecute = intersects(user.roles, resource.application.permissions.EXECUTE);
      const stageAllows = resource.stageRoles.length === 0 || intersects(user.roles, resource.stageRoles);
      return mayExecute && stageAllows;
    }
  }
}

export function describeResource(resource: Resource): string {
  switch (resource.kind) {
    case 'application':
      return `application ${resource.name}`;
    case 'account':
      return `account ${resource.name}`;
    case 'judgment':
      return `judgments in ${resource.application.name}`;
    case 'system':
      return 'Foresail';
  }
}

const verbs: Record<Action, string> = {
  read: 'see',
  write: 'change',
  execute: 'run pipelines of',
  'create-application': 'create applications in',
  judge: 'judge',
  administer: 'administer',
};

/** Throws ForbiddenError with a message that says what is missing. */
export function assertCan(user: Principal, action: Action, resource: Resource): void {
  if (can(user, action, resource)) return;
  throw new ForbiddenError(`You (${user.login}) may not ${verbs[action]} ${describeResource(resource)}${neededRoles(action, resource)}`);
}

function neededRoles(action: Action, resource: Resource): string {
  const list = (roles: readonly string[] | undefined) => (roles && roles.length > 0 ? roles.join(', ') : undefined);
  let roles: string | undefined;
  if (resource.kind === 'application') roles = list(action === 'write' ? resource.permissions.WRITE : action === 'execute' ? resource.permissions.EXECUTE : resource.permissions.READ);
  if (resource.kind === 'account') roles = list(action === 'write' ? resource.permissions.WRITE : resource.permissions.READ);
  if (resource.kind === 'judgment') roles = list(resource.stageRoles);
  return roles ? ` (needs one of the roles: ${roles})` : ' (admins only)';
}
