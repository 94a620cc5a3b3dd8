import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';

// auth.staticDirectory as people write it in foresail.yaml, through the real loader and its messages.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function load(yaml: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-static-dir-'));
  dirs.push(dir);
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(file, yaml);
  return loadConfig({ env: {}, file });
}

function issuesOf(yaml: string): { key: string; message: string }[] {
  try {
    load(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map(({ key, message }) => ({ key, message }));
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const github = 'github: { clientId: id, clientSecret: secret }\n  sessionSecret: a-session-secret-of-at-least-32-characters\n';

describe('auth.staticDirectory', () => {
  it('reads people, their GitHub ids and groups', () => {
    const config = load(`auth:\n  ${github}  staticDirectory:\n    users:\n      - { login: alice, githubId: 1001, name: Alice Admin, groups: [admins, developers] }\n      - { login: carol, githubId: 1003 }\n`);
    expect(config.auth.staticDirectory?.users).toEqual([
      { login: 'alice', githubId: 1001, name: 'Alice Admin', groups: ['admins', 'developers'] },
      { login: 'carol', githubId: 1003, groups: [] },
    ]);
    expect(config.auth.ldap).toBeUndefined();
  });

  it('satisfies GitHub sign-in in place of LDAP', () => {
    expect(issuesOf(`auth:\n  ${github}`)).toEqual([{ key: 'auth.ldap', message: 'is required with GitHub sign-in (or auth.staticDirectory): roles come only from directory groups' }]);
  });

  it('refuses LDAP and a static directory together', () => {
    const issues = issuesOf('auth:\n  ldap: { url: "ldap://127.0.0.1:389", bindDn: cn=x, bindPassword: y, userBase: ou=people }\n  staticDirectory:\n    users: [{ login: alice }]\n');
    expect(issues).toEqual([{ key: 'auth.staticDirectory', message: 'cannot be used together with auth.ldap: groups come from one directory, so keep one of the two' }]);
  });

  it('requires every person’s GitHub id when GitHub sign-in is on', () => {
    const issues = issuesOf(`auth:\n  ${github}  staticDirectory:\n    users:\n      - { login: alice, githubId: 1001 }\n      - { login: bob, groups: [developers] }\n`);
    expect(issues).toEqual([{ key: 'auth.staticDirectory.users[1].githubId', message: 'is required with GitHub sign-in: bob is found by their GitHub account id (https://api.github.com/users/<login> shows it as "id")' }]);
  });

  it('needs no GitHub ids without GitHub sign-in', () => {
    expect(load('auth:\n  staticDirectory:\n    users: [{ login: alice, groups: [admins] }]\n').auth.staticDirectory?.users[0]).toEqual({ login: 'alice', groups: ['admins'] });
  });

  it('names duplicate people and shared GitHub accounts in plain words', () => {
    const issues = issuesOf('auth:\n  staticDirectory:\n    users:\n      - { login: alice, githubId: 7 }\n      - { login: alice }\n      - { login: bob, githubId: 7 }\n');
    expect(issues).toEqual([
      { key: 'auth.staticDirectory.users[1].login', message: 'alice is listed twice (also users[0]); list each person once' },
      { key: 'auth.staticDirectory.users[2].githubId', message: "7 is already alice's GitHub account; a GitHub account belongs to one person" },
    ]);
  });

  it('refuses names that could pass for someone else, and misspelt keys', () => {
    expect(issuesOf('auth:\n  staticDirectory:\n    users: [{ login: "github:1001" }]\n')).toEqual([
      { key: 'auth.staticDirectory.users[0].login', message: 'must be a name such as alice or j.doe (letters, digits, dots, dashes, underscores and @; at most 100)' },
    ]);
    expect(issuesOf('auth:\n  staticDirectory:\n    users: [{ login: alice, group: [admins] }]\n')).toEqual([
      { key: 'auth.staticDirectory.users[0].group', message: 'unknown key (check the spelling; see the README configuration reference)' },
    ]);
    expect(issuesOf('auth:\n  staticDirectory:\n    users: [{ login: alice, githubId: "1001" }]\n')).toEqual([{ key: 'auth.staticDirectory.users[0].githubId', message: 'expected number' }]);
  });
});
