import { describe, expect, it } from 'vitest';
import { runAsAuthentication, runAsProblems, runAsUserOf } from './run-as';

const accounts = [
  { name: 'goldengoose-deployer', roles: ['release-managers'] },
  { name: 'platform-bot', roles: ['release-managers', 'platform'] },
];
const app = { name: 'goldengoose', permissions: { READ: ['viewers'], WRITE: ['developers', 'release-managers'], EXECUTE: ['release-managers'] } };
const person = (roles: string[], isAdmin = false) => ({ login: 'bob', roles, isAdmin, canCreateApplications: false });
const trigger = (runAsUser?: unknown) => ({ type: 'git', enabled: true, ...(runAsUser === undefined ? {} : { runAsUser }) });

describe('runAsUserOf', () => {
  it('reads a non-blank runAsUser, trimmed', () => {
    expect(runAsUserOf(trigger(' platform-bot '))).toBe('platform-bot');
    expect(runAsUserOf(trigger(''))).toBeUndefined();
    expect(runAsUserOf(trigger(42))).toBeUndefined();
    expect(runAsUserOf(null)).toBeUndefined();
  });
});

describe('runAsAuthentication (fire time)', () => {
  it('without runAsUser the run holds no roles', () => {
    expect(runAsAuthentication(trigger(), accounts)).toEqual({ ok: true, authentication: { user: null, roles: [] } });
  });
  it("with a configured service account the run is that account, with its roles", () => {
    expect(runAsAuthentication(trigger('platform-bot'), accounts)).toEqual({ ok: true, authentication: { user: 'platform-bot', roles: ['release-managers', 'platform'] } });
  });
  it('an account that is not (or no longer) configured refuses the start, saying why in words', () => {
    const result = runAsAuthentication(trigger('gone-bot'), accounts);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^the trigger runs as service account "gone-bot", which is not configured \(auth\.serviceAccounts\)/) });
  });
  it('names are exact: no case folding onto another account', () => {
    expect(runAsAuthentication(trigger('Platform-Bot'), accounts).ok).toBe(false);
  });
});

describe('runAsProblems (save time)', () => {
  it('nothing to check without runAsUser, even for someone with no roles', () => {
    expect(runAsProblems([trigger(), { type: 'manual' }], person([]), app, accounts)).toEqual([]);
  });
  it('a saver holding every role of the account plus EXECUTE may save it', () => {
    expect(runAsProblems([trigger('goldengoose-deployer')], person(['release-managers']), app, accounts)).toEqual([]);
    expect(runAsProblems([trigger('platform-bot')], person(['release-managers', 'platform', 'x']), app, accounts)).toEqual([]);
  });
  it('a missing role is forbidden, naming the field, the account and the roles lacking', () => {
    expect(runAsProblems([trigger(), trigger('platform-bot')], person(['release-managers']), app, accounts)).toEqual([
      { path: 'triggers[1].runAsUser', kind: 'forbidden', message: 'you (bob) may not let this trigger run as service account "platform-bot": that needs every role it holds (release-managers, platform), and you lack platform' },
    ]);
  });
  it('the roles without EXECUTE on the application are not enough (a trigger runs the pipeline)', () => {
    const noExecute = { ...app, permissions: { ...app.permissions, EXECUTE: ['sre'] } };
    expect(runAsProblems([trigger('goldengoose-deployer')], person(['release-managers']), noExecute, accounts)).toEqual([
      { path: 'triggers[0].runAsUser', kind: 'forbidden', message: 'you (bob) may not let this trigger run as service account "goldengoose-deployer": a trigger runs the pipeline, which needs EXECUTE on goldengoose' },
    ]);
  });
  it('an unknown account is a field error, checked on disabled triggers too', () => {
    expect(runAsProblems([{ ...trigger('nobody'), enabled: false }], person(['release-managers']), app, accounts)).toEqual([
      { path: 'triggers[0].runAsUser', kind: 'unknown', message: '"nobody" is not a service account Foresail knows; an administrator declares them in auth.serviceAccounts' },
    ]);
  });
  it('administrators may delegate any configured account', () => {
    expect(runAsProblems([trigger('platform-bot')], person([], true), app, accounts)).toEqual([]);
    expect(runAsProblems([trigger('nobody')], person([], true), app, accounts)).toHaveLength(1);
  });
});
