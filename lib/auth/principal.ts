import type { AuthConfig } from '../config/auth-schema';
import type { Principal } from './permissions';

/** Everything the UI and the audit log need about the person (or token) making a request. */
export interface SessionUser extends Principal {
  name: string | null;
  email: string | null;
  /** The GitHub login the person signed in with (shown only: logins change, the GitHub id binds). */
  githubLogin?: string;
  groups: string[];
  via: 'session' | 'token';
  demo: boolean;
  token?: { id: string; name: string };
  /** Set when groups could not be read: the user holds no roles until the directory answers. */
  groupsError?: string;
}

/** A principal holding exactly these roles (already mapped from groups). */
export function principalForRoles(login: string, roles: readonly string[], config: AuthConfig['roles']): Principal {
  const isAdmin = roles.some((role) => config.admin.includes(role));
  return { login, roles: [...roles], isAdmin, canCreateApplications: isAdmin || roles.some((role) => config.createApplication.includes(role)) };
}
