import { Client, InvalidCredentialsError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { seedGroupDn, seedUserDn, seedUsers } from '@/e2e/fixtures/ldap-seed.ts';
import { readLdap } from './endpoints.ts';

const ldap = readLdap();

/** Runs `fn` with a client bound as the service account, always unbinding (an open client hangs the run). */
async function asAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: ldap.url, timeout: 5_000 });
  try {
    await client.bind(ldap.bindDn, ldap.bindPassword);
    return await fn(client);
  } finally {
    await client.unbind();
  }
}

/** The cn of each group DN, sorted, e.g. "cn=admins,ou=groups,…" → "admins". */
const groupNames = (dns: readonly string[]) => dns.map((dn) => /^cn=([^,]+),/.exec(dn)?.[1] ?? dn).sort();

const asList = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

describe('OpenLDAP test directory', () => {
  it.each(seedUsers)('lists the groups of $uid through memberOf', async (user) => {
    const entries = await asAdmin(async (client) => {
      const { searchEntries } = await client.search(ldap.usersDn, {
        scope: 'one',
        filter: `(uid=${user.uid})`,
        attributes: ['uid', 'mail', 'memberOf'],
      });
      return searchEntries;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.mail).toBe(user.mail);
    expect(groupNames(asList(entries[0]?.memberOf))).toEqual([...user.groups].sort());
  });

  it.each(seedUsers)('finds the groups of $uid with a member= search', async (user) => {
    const groups = await asAdmin(async (client) => {
      const { searchEntries } = await client.search(ldap.groupsDn, {
        filter: `(&(objectClass=groupOfNames)(member=${seedUserDn(user.uid)}))`,
        attributes: ['cn'],
      });
      return searchEntries.map((e) => e.dn);
    });
    expect(groupNames(groups)).toEqual([...user.groups].sort());
  });

  it.each(seedUsers)('finds the groupOfUniqueNames and posixGroup groups of $uid', async (user) => {
    const [unique, posix] = await asAdmin(async (client) => {
      const byUniqueMember = await client.search(ldap.groupsDn, {
        filter: `(&(objectClass=groupOfUniqueNames)(uniqueMember=${seedUserDn(user.uid)}))`,
        attributes: ['cn'],
      });
      const byMemberUid = await client.search(ldap.groupsDn, {
        filter: `(&(objectClass=posixGroup)(memberUid=${user.uid}))`,
        attributes: ['cn'],
      });
      return [byUniqueMember.searchEntries.map((e) => e.dn), byMemberUid.searchEntries.map((e) => e.dn)];
    });
    expect(groupNames(unique ?? [])).toEqual([...user.uniqueGroups].sort());
    expect(groupNames(posix ?? [])).toEqual([...user.posixGroups].sort());
  });

  it.each(seedUsers)('finds $uid by GitHub id ($githubId)', async (user) => {
    const uids = await asAdmin(async (client) => {
      const { searchEntries } = await client.search(ldap.usersDn, { filter: `(githubId=${user.githubId})`, attributes: ['uid'] });
      return searchEntries.map((e) => String(e.uid));
    });
    expect(uids).toEqual([user.uid]);
  });

  it('lists the members of a group', async () => {
    const members = await asAdmin(async (client) => {
      const { searchEntries } = await client.search(seedGroupDn('developers'), { scope: 'base', attributes: ['member'] });
      return asList(searchEntries[0]?.member);
    });
    expect(members.sort()).toEqual([seedUserDn('alice'), seedUserDn('bob')]);
  });

  it.each(seedUsers)('accepts the right password for $uid', async (user) => {
    const client = new Client({ url: ldap.url, timeout: 5_000 });
    try {
      await expect(client.bind(seedUserDn(user.uid), user.password)).resolves.toBeUndefined();
    } finally {
      await client.unbind();
    }
  });

  it('rejects a wrong password', async () => {
    const client = new Client({ url: ldap.url, timeout: 5_000 });
    try {
      await expect(client.bind(seedUserDn('alice'), 'not-alices-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    } finally {
      await client.unbind();
    }
  });
});
