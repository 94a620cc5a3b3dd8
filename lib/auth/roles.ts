import type { AuthConfig } from '../config/auth-schema';

export interface ResolvedRoles {
  roles: string[];
  isAdmin: boolean;
  canCreateApplications: boolean;
}

/** LDAP group names → roles: identity unless `auth.roles.mapping` renames a group. Roles come only from groups. */
export function resolveRoles(groups: readonly string[], config: AuthConfig['roles']): ResolvedRoles {
  const roles = [...new Set(groups.map((group) => config.mapping[group] ?? group))].sort();
  const isAdmin = roles.some((role) => config.admin.includes(role));
  return { roles, isAdmin, canCreateApplications: isAdmin || roles.some((role) => config.createApplication.includes(role)) };
}
