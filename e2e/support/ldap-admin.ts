import { Attribute, Change, Client } from 'ldapts';
import type { LdapInfo } from '../../lib/world/ldap';

/** Changes a group's membership in the real directory, as an LDAP administrator would. */
export async function setGroupMember(ldap: LdapInfo, group: string, login: string, member: boolean): Promise<void> {
  const client = new Client({ url: ldap.url });
  try {
    await client.bind(ldap.bindDn, ldap.bindPassword);
    const change = new Change({ operation: member ? 'add' : 'delete', modification: new Attribute({ type: 'member', values: [`uid=${login},${ldap.usersDn}`] }) });
    await client.modify(`cn=${group},${ldap.groupsDn}`, [change]);
  } finally {
    await client.unbind();
  }
}
