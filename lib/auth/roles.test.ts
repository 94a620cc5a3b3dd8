import { describe, expect, it } from 'vitest';
import { resolveRoles } from './roles';

const config = { mapping: { 'ldap-admins': 'admins', 'cd-operators': 'release-managers' }, admin: ['admins'], createApplication: ['developers'] };

describe('resolveRoles', () => {
  it('keeps group names as roles unless renamed', () => {
    expect(resolveRoles(['developers', 'cd-operators'], config)).toEqual({ roles: ['developers', 'release-managers'], isAdmin: false, canCreateApplications: true });
  });
  it('makes the admin role an admin, who may also create applications', () => {
    expect(resolveRoles(['ldap-admins'], config)).toEqual({ roles: ['admins'], isAdmin: true, canCreateApplications: true });
  });
  it('gives no groups no roles', () => {
    expect(resolveRoles([], config)).toEqual({ roles: [], isAdmin: false, canCreateApplications: false });
  });
  it('merges duplicates produced by renames', () => {
    expect(resolveRoles(['admins', 'ldap-admins'], config).roles).toEqual(['admins']);
  });
});
