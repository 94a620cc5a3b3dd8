import { Client } from 'ldapts';
import { afterAll, describe, expect, it } from 'vitest';
import { readLdap } from '@/e2e/services/endpoints';
import { seedUsers } from '@/e2e/fixtures/ldap-seed';
import { createLdapDirectory, DirectoryUnavailableError, type LdapConfig } from './ldap';

const ldap = readLdap();
const base: LdapConfig = {
  url: ldap.url,
  bindDn: ldap.bindDn,
  bindPassword: ldap.bindPassword,
  userBase: ldap.usersDn,
  userFilter: '(uid={login})',
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

describe('LDAP directory', () => {
  it.each(seedUsers.map((u) => [u.uid, u] as const))('reads %s groups through memberOf', async (uid, user) => {
    const found = await memberOf.findUser(uid);
    expect(found?.dn).toBe(`uid=${uid},${ldap.usersDn}`);
    expect(found?.groups).toEqual([...user.groups].sort());
  });

  it.each(seedUsers.map((u) => [u.uid, u] as const))('reads %s groups through a group search (all three group types)', async (uid, user) => {
    const found = await search.findUser(uid);
    expect(found?.groups).toEqual([...user.groups, ...user.uniqueGroups, ...user.posixGroups].sort());
  });

  it('returns null for a login with no entry', async () => {
    expect(await memberOf.findUser('erin')).toBeNull();
  });

  it.each(['*', 'a*', '*)(uid=*', 'alice)(|(uid=*', 'x\\', '(', 'al*ce'])('cannot be tricked by the login %j', async (login) => {
    expect(await memberOf.findUser(login)).toBeNull();
    expect(await search.findUser(login)).toBeNull();
  });

  it('reuses pooled connections across many lookups', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => memberOf.findUser('bob')));
    expect(new Set(results.map((r) => r?.groups.join(',')))).toEqual(new Set(['developers,release-managers']));
  });

  it('keeps group names in French, German and Japanese intact, in both group modes', async () => {
    const names = ['Développeurs', 'Größenprüfer', '開発者'];
    const uid = 'intl-groups';
    const dn = `uid=${uid},${ldap.usersDn}`;
    await asAdmin(async (client) => {
      await client.add(dn, { objectClass: 'inetOrgPerson', uid, cn: 'Intl Groups', sn: 'Groups' });
      for (const cn of names) await client.add(`cn=${cn},${ldap.groupsDn}`, { objectClass: 'groupOfNames', cn, member: dn });
    });
    try {
      expect((await memberOf.findUser(uid))?.groups).toEqual([...names].sort());
      expect((await search.findUser(uid))?.groups).toEqual([...names].sort());
    } finally {
      await asAdmin(async (client) => {
        for (const cn of names) await client.del(`cn=${cn},${ldap.groupsDn}`);
        await client.del(dn);
      });
    }
  });

  it('fails closed when the server cannot be reached', async () => {
    const down = createLdapDirectory({ ...base, url: 'ldap://127.0.0.1:1', timeoutMs: 500 });
    await expect(down.findUser('alice')).rejects.toBeInstanceOf(DirectoryUnavailableError);
    await expect(down.findUser('alice')).rejects.toThrow(/connection refused/);
    await down.close();
  });

  it('fails closed when the service bind is refused, without echoing the password', async () => {
    const wrong = createLdapDirectory({ ...base, bindPassword: 'not-the-password' });
    const err = await wrong.findUser('alice').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryUnavailableError);
    expect(String(err)).toMatch(/service account bind was refused/);
    expect(String(err)).not.toContain('not-the-password');
    await wrong.close();
  });
});
