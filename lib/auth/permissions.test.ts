import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import { assertCan, can, type Action, type Principal, type Resource } from './permissions';

const user = (roles: string[], extra: Partial<Principal> = {}): Principal => ({ login: 'u', roles, isAdmin: false, canCreateApplications: false, ...extra });
const admin = user(['admins'], { isAdmin: true });
const viewer = user(['viewers']);
const writer = user(['developers']);
const executor = user(['release-managers']);
const nobody = user([]);

const app: Resource = { kind: 'application', name: 'shop', permissions: { READ: ['viewers'], WRITE: ['developers'], EXECUTE: ['release-managers'] } };
const unconfigured: Resource = { kind: 'application', name: 'secret', permissions: {} };
const account: Resource = { kind: 'account', name: 'prod', permissions: { READ: ['viewers'], WRITE: ['deployers'] } };
const judgment = (stageRoles: string[]): Resource => ({ kind: 'judgment', application: { name: 'shop', permissions: { EXECUTE: ['release-managers', 'developers'] } }, stageRoles });

// The table: [who, action, resource, allowed]
const table: [string, Principal, Action, Resource, boolean][] = [
  ['admin reads an unconfigured app', admin, 'read', unconfigured, true],
  ['viewer cannot see an unconfigured app', viewer, 'read', unconfigured, false],
  ['nobody cannot see an unconfigured app', nobody, 'read', unconfigured, false],
  ['viewer reads', viewer, 'read', app, true],
  ['viewer cannot write', viewer, 'write', app, false],
  ['viewer cannot execute (no READ→EXECUTE fallback)', viewer, 'execute', app, false],
  ['writer reads (WRITE implies seeing)', writer, 'read', app, true],
  ['writer writes', writer, 'write', app, true],
  ['writer cannot execute', writer, 'execute', app, false],
  ['executor reads (EXECUTE implies seeing)', executor, 'read', app, true],
  ['executor executes', executor, 'execute', app, true],
  ['executor cannot write', executor, 'write', app, false],
  ['nobody sees nothing', nobody, 'read', app, false],
  ['admin does everything', admin, 'execute', app, true],
  ['account READ', viewer, 'read', account, true],
  ['account WRITE needs the WRITE role', viewer, 'write', account, false],
  ['account WRITE does not imply READ', user(['deployers']), 'read', account, false],
  ['account WRITE', user(['deployers']), 'write', account, true],
  ['judge with a stage role and EXECUTE', executor, 'judge', judgment(['release-managers']), true],
  ['judge needs a stage role', writer, 'judge', judgment(['release-managers']), false],
  ['judge without stage roles needs EXECUTE only', writer, 'judge', judgment([]), true],
  ['judge needs EXECUTE on the app', user(['release-managers-only']), 'judge', judgment(['release-managers-only']), false],
  ['create app needs the configured role', user(['developers'], { canCreateApplications: true }), 'create-application', { kind: 'system' }, true],
  ['create app refused by default', viewer, 'create-application', { kind: 'system' }, false],
  ['administer is admin only', writer, 'administer', { kind: 'system' }, false],
  ['admin administers', admin, 'administer', { kind: 'system' }, true],
  ['unknown verbs on an application are refused', executor, 'judge', app, false],
];

describe('can()', () => {
  it.each(table)('%s', (_label, who, action, resource, allowed) => {
    expect(can(who, action, resource)).toBe(allowed);
  });

  it('role names are compared exactly', () => {
    expect(can(user(['Viewers']), 'read', app)).toBe(false);
    expect(can(user(['viewers ']), 'read', app)).toBe(false);
  });
});

describe('assertCan()', () => {
  it('says which roles would be needed', () => {
    expect(() => assertCan(viewer, 'execute', app)).toThrow(ForbiddenError);
    expect(() => assertCan(viewer, 'execute', app)).toThrow('You (u) may not run pipelines of application shop (needs one of the roles: release-managers)');
    expect(() => assertCan(viewer, 'read', unconfigured)).toThrow('(admins only)');
  });
});
