import { Client } from 'ldapts';
import { afterAll, describe, expect, it } from 'vitest';
import { readLdap } from '@/lib/world/endpoints';
import { seedUsers } from '@/e2e/fixtures/ldap-seed';
import { createLdapDirectory, DirectoryUnavailableError, type LdapConfig } from './ldap';

const ldap = readLdap();
const base: LdapConfig = {
  url: ldap.url,
  bindDn: ldap.bindDn,
  bindPassword: ldap.bindPassword,
  userBase: ldap.usersDn,
  userFilter: '(githubId={id})',
  usernameAttribute: 'uid',
  groups: { mode: 'memberOf', memberOfAttribute: 'memberOf', searchFilter: '(|(&(objectClass=groupOfNames)(member={dn}))(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))(&(objectClass=posixGroup)(memberUid={login})))', nameAttribute: 'cn' },
  refreshSeconds: 300,
  timeoutMs: 2000,
  requireEntry: true,
  tls: { rejectUnauthorized: true },
};

const memberOf = createLdapDirectory(base);
const search = createLdapDirectory({ ...base, groups: { ...base.groups, mode: 'search', searchBase: ldap.groupsDn } });
afterAll(async () => {
  await memberOf.close();
  await search.close();
});

/** Changes the directory as its administrator would; always unbinds. */
async function asAdmin(fn: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ url: ldap.url, timeout: 5000 });
  try {
    await client.bind(ldap.bindDn, ldap.bindPassword);
    await fn(client);
  } finally {
    await client.unbind();
  }
}

const byGitHub = (uid: string) => {
  const person = seedUsers.find((u) => u.uid === uid);
  if (!person) throw new Error(`no seed person ${uid}`);
  return { githubId: person.githubId, githubLogin: uid };
};

describe('LDAP directory', () => {
  it.each(seedUsers.map((u) => [u.uid, u] as const))('finds %s by GitHub id and reads the groups through memberOf', async (uid, user) => {
    const found = await memberOf.findUser(byGitHub(uid));
    expect(found).toEqual({ dn: `uid=${uid},${ldap.usersDn}`, username: uid, groups: [...user.groups].sort() });
  });

  it.each(seedUsers.map((u) => [u.uid, u] as const))('reads %s groups through a group search (all three group types)', async (uid, user) => {
    const found = await search.findUser(byGitHub(uid));
    expect(found?.groups).toEqual([...user.groups, ...user.uniqueGroups, ...user.posixGroups].sort());
  });

  it('keeps the directory name when the GitHub login changed, and ignores a login taken over by another account', async () => {
    expect(await memberOf.findUser({ githubId: 1002, githubLogin: 'bob-renamed' })).toMatchObject({ username: 'bob', groups: ['developers', 'release-managers'] });
    expect(await memberOf.findUser({ githubId: 999_999, githubLogin: 'bob' })).toBeNull();
  });

  it('finds an API token owner by name, the entry attribute usernameAttribute', async () => {
    expect(await memberOf.findUser({ username: 'bob' })).toMatchObject({ username: 'bob', groups: ['developers', 'release-managers'] });
    expect(await memberOf.findUser({ username: 'erin' })).toBeNull();
  });

  it('in the compatibility mode that binds by login, finds people by login as before', async () => {
    const byLogin = createLdapDirectory({ ...base, userFilter: '(uid={login})' });
    try {
      expect(await byLogin.findUser({ githubId: 999_999, githubLogin: 'bob' })).toMatchObject({ username: 'bob', groups: ['developers', 'release-managers'] });
      expect(await byLogin.findUser({ username: 'alice' })).toMatchObject({ username: 'alice' });
      for (const login of ['*', 'a*', '*)(uid=*', 'alice)(|(uid=*', 'x\\', '(', 'al*ce']) expect(await byLogin.findUser({ githubId: 1, githubLogin: login })).toBeNull();
    } finally {
      await byLogin.close();
    }
  });

  it('returns null for a GitHub account with no entry', async () => {
    expect(await memberOf.findUser({ githubId: 1005, githubLogin: 'erin' })).toBeNull();
  });

  it.each(['*', 'a*', '*)(uid=*', 'alice)(|(uid=*', 'x\\', '(', 'al*ce'])('cannot be tricked by the name %j', async (name) => {
    expect(await memberOf.findUser({ username: name })).toBeNull();
    expect(await search.findUser({ username: name })).toBeNull();
    expect(await memberOf.findUser({ githubId: 1, githubLogin: name })).toBeNull();
  });

  it('reuses pooled connections across many lookups', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => memberOf.findUser(byGitHub('bob'))));
    expect(new Set(results.map((r) => r?.groups.join(',')))).toEqual(new Set(['developers,release-managers']));
  });

  it('keeps group names in French, German and Japanese intact, in both group modes', async () => {
    const names = ['Développeurs', 'Größenprüfer', '開発者'];
    const uid = 'intl-groups';
    const dn = `uid=${uid},${ldap.usersDn}`;
    await asAdmin(async (client) => {
      await client.add(dn, { objectClass: ['inetOrgPerson', 'githubAccount'], uid, cn: 'Intl Groups', sn: 'Groups', githubId: '7001' });
      for (const cn of names) await client.add(`cn=${cn},${ldap.groupsDn}`, { objectClass: 'groupOfNames', cn, member: dn });
    });
    try {
      expect((await memberOf.findUser({ githubId: 7001, githubLogin: uid }))?.groups).toEqual([...names].sort());
      expect((await search.findUser({ githubId: 7001, githubLogin: uid }))?.groups).toEqual([...names].sort());
    } finally {
      await asAdmin(async (client) => {
        for (const cn of names) await client.del(`cn=${cn},${ldap.groupsDn}`);
        await client.del(dn);
      });
    }
  });

  it('fails closed when the server cannot be reached', async () => {
    const down = createLdapDirectory({ ...base, url: 'ldap://127.0.0.1:1', timeoutMs: 500 });
    await expect(down.findUser(byGitHub('alice'))).rejects.toBeInstanceOf(DirectoryUnavailableError);
    await expect(down.findUser(byGitHub('alice'))).rejects.toThrow(/connection refused/);
    await down.close();
  });

  it('fails closed when the service bind is refused, without echoing the password', async () => {
    const wrong = createLdapDirectory({ ...base, bindPassword: 'not-the-password' });
    const err = await wrong.findUser(byGitHub('alice')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryUnavailableError);
    expect(String(err)).toMatch(/service account bind was refused/);
    expect(String(err)).not.toContain('not-the-password');
    await wrong.close();
  });
});
