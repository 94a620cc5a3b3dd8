import type { SessionUser } from './principal';

/** What /api/v1/me and the user menu show: identity and resolved roles, never credentials. */
export function describeUser(user: SessionUser) {
  return {
    login: user.login,
    name: user.name,
    email: user.email,
    ...(user.githubLogin ? { githubLogin: user.githubLogin } : {}),
    groups: user.groups,
    roles: user.roles,
    isAdmin: user.isAdmin,
    canCreateApplications: user.canCreateApplications,
    via: user.via,
    demo: user.demo,
    ...(user.token ? { token: user.token } : {}),
    ...(user.groupsError ? { groupsError: user.groupsError } : {}),
  };
}
