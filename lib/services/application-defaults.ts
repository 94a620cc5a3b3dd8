import { getConfig } from '../env';
import type { ApplicationPermissions } from '../pipeline/application';

/**
 * An application created without permissions is given to the roles that allowed its creation, so
 * the creator can use it; admins see everything anyway. Explicit permissions (even all empty,
 * meaning admins only) are kept as written.
 */
export function defaultPermissions(given: ApplicationPermissions | undefined, creatorRoles: readonly string[]): ApplicationPermissions {
  if (given) return given;
  const creators = creatorRoles.filter((role) => getConfig().auth.roles.createApplication.includes(role));
  return { READ: creators, WRITE: creators, EXECUTE: creators };
}
