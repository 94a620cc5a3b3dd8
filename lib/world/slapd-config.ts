/**
 * A small schema for GitHub-bound people: the auxiliary class `githubAccount` with `githubId`, the
 * account's numeric id (GitHub never changes or reuses it; the login can change). OIDs under 2.25
 * (a UUID arc, ITU-T X.667) need no registration. README "Sign-in and permissions" shows it to operators.
 */
export const githubSchema = `attributetype ( 2.25.11423199385205068858424874508564084294.1
  NAME 'githubId'
  DESC 'Numeric id of the GitHub account of the person'
  EQUALITY integerMatch
  ORDERING integerOrderingMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27
  SINGLE-VALUE )

objectclass ( 2.25.11423199385205068858424874508564084294.2
  NAME 'githubAccount'
  DESC 'A person bound to a GitHub account'
  SUP top AUXILIARY
  MAY githubId )
`;

/** Renders the slapd.conf of the throwaway directory: one mdb database plus the memberof and refint overlays. */
export function renderSlapdConf(opts: {
  dir: string;
  dataDir: string;
  baseDn: string;
  rootDn: string;
  rootPassword: string;
  /** Where githubSchema was written. */
  githubSchemaFile: string;
}): string {
  const schema = ['core', 'cosine', 'inetorgperson', 'nis'];
  return [
    ...schema.map((name) => `include   /etc/ldap/schema/${name}.schema`),
    `include   ${opts.githubSchemaFile}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload memberof',
    'moduleload refint',
    `pidfile   ${opts.dir}/slapd.pid`,
    `argsfile  ${opts.dir}/slapd.args`,
    '',
    'database  mdb',
    'maxsize   104857600',
    `suffix    "${opts.baseDn}"`,
    `rootdn    "${opts.rootDn}"`,
    // Cleartext is fine for a loopback-only throwaway directory and saves a slappasswd call per start.
    `rootpw    ${opts.rootPassword}`,
    `directory ${opts.dataDir}`,
    'index     objectClass eq',
    'index     uid,cn,member,uniqueMember,memberUid,memberOf,githubId eq',
    // Anyone may bind and read: the tests (and Foresail's LDAP login) search as the admin or as the user.
    'access to attrs=userPassword by anonymous auth by self write by * none',
    'access to * by * read',
    '',
    // memberof keeps memberOf on people in step with groupOfNames/member; refint removes dangling members
    // when a person is deleted or renamed, so tests that change people leave the groups consistent.
    'overlay   memberof',
    'memberof-group-oc groupOfNames',
    'memberof-member-ad member',
    'memberof-memberof-ad memberOf',
    'memberof-refint TRUE',
    'overlay   refint',
    'refint_attributes member uniqueMember',
    '',
  ].join('\n');
}
