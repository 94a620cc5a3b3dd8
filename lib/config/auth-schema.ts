import { z } from 'zod';
import { staticDirectoryConfigSchema } from './static-directory-schema';

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

const ldapUrl = z.string().refine((value) => /^ldaps?:\/\/[^\s/]+(:\d+)?\/?$/i.test(value), 'must be an ldap:// or ldaps:// URL such as ldaps://ldap.example.com:636');

/** GitHub or GitHub Enterprise: set `baseUrl` (and `apiUrl`) for Enterprise; the explicit URLs override both. */
export const githubConfigSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  baseUrl: httpUrl.default('https://github.com'),
  /** github.com: https://api.github.com; Enterprise: https://HOST/api/v3 (the default when baseUrl is not github.com). */
  apiUrl: httpUrl.optional(),
  authorizeUrl: httpUrl.optional(),
  tokenUrl: httpUrl.optional(),
  /** Only members of this GitHub organisation may sign in (asks for the read:org scope). */
  organization: z.string().trim().min(1).optional(),
  /** Only members of at least one of these teams, written "organisation/team-slug", may sign in. */
  teams: z.array(z.string().trim().regex(/^[^/\s]+\/[^/\s]+$/, 'must be written "organisation/team-slug"')).default([]),
});

export const ldapConfigSchema = z.strictObject({
  url: ldapUrl,
  bindDn: z.string().min(1),
  bindPassword: z.string(),
  /** Where people are: the user's entry is found below it with userFilter. */
  userBase: z.string().min(1),
  /**
   * Finds the person's entry: `{id}` is their GitHub account's numeric id (never changes, never
   * reused), `{login}` their GitHub login (changes on rename, and a released login can be taken by
   * someone else: for compatibility only). Both are escaped per RFC 4515.
   */
  userFilter: z
    .string()
    .refine((filter) => filter.includes('{id}') || filter.includes('{login}'), 'must contain {id} (the GitHub user id) or, for compatibility, {login}')
    .default('(githubId={id})'),
  /**
   * The entry's attribute that names the person in Foresail (shown, and recorded as the owner of
   * API tokens and the actor in the audit log) when people are found by GitHub id.
   */
  usernameAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be an LDAP attribute name such as uid').default('uid'),
  groups: z
    .strictObject({
      /** memberOf: read the user entry's memberOf attribute; search: search groups whose members include the user. */
      mode: z.enum(['memberOf', 'search']).default('memberOf'),
      memberOfAttribute: z.string().min(1).default('memberOf'),
      searchBase: z.string().min(1).optional(),
      /** `{dn}` = the user's DN, `{login}` = their name in Foresail (see usernameAttribute); both escaped. */
      searchFilter: z.string().default('(|(&(objectClass=groupOfNames)(member={dn}))(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))(&(objectClass=posixGroup)(memberUid={login})))'),
      nameAttribute: z.string().min(1).default('cn'),
    })
    .prefault({}),
  /** Groups are re-read at sign-in and at most this often while a session is used. */
  refreshSeconds: z.number().int().min(1).max(86_400).default(300),
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  /** Refuse sign-in to GitHub users who have no entry in the directory. */
  requireEntry: z.boolean().default(true),
  tls: z.strictObject({ rejectUnauthorized: z.boolean().default(true), caFile: z.string().optional() }).prefault({}),
});

export const rolesConfigSchema = z.strictObject({
  /** LDAP group name → role name; groups not listed keep their own name as role. */
  mapping: z.record(z.string(), z.string().min(1)).default({}),
  /** Roles that may do everything. */
  admin: z.array(z.string().min(1)).default(['admins']),
  /** Roles that may create applications (admins always may). */
  createApplication: z.array(z.string().min(1)).default([]),
});

/**
 * Identities automatic runs act as (Fiat's service accounts): a trigger's `runAsUser` names one, and
 * its runs hold these roles. Declared by administrators only; see lib/triggers/run-as.ts.
 */
export const serviceAccountSchema = z.strictObject({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, 'must be 1-100 letters, digits or . _ @ -, starting with a letter or digit'),
  roles: z.array(z.string().trim().min(1)).min(1, 'must list at least one role (a service account without roles can do nothing)'),
});

/** Demo mode's service account: the seeded goldengoose pipelines run as it (lib/demo/seed). */
export const demoServiceAccount = { name: 'goldengoose-deployer', roles: ['release-managers'] } as const;

export const authConfigSchema = z
  .strictObject({
    /** Signs and encrypts session cookies; at least 32 characters. Required unless demo mode. */
    sessionSecret: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
    /** Sessions expire after this much inactivity; each use rolls the expiry forward. */
    sessionIdleSeconds: z.number().int().min(60).max(7 * 86_400).default(3600),
    /** A session older than this needs a new sign-in, however active. */
    sessionMaxSeconds: z.number().int().min(300).max(30 * 86_400).default(7 * 86_400),
    github: githubConfigSchema.optional(),
    /** Where people's groups come from: LDAP (recommended), or the static directory below; never both. */
    ldap: ldapConfigSchema.optional(),
    /** People and their groups listed in this configuration, for small installations (re-read on restart). */
    staticDirectory: staticDirectoryConfigSchema.optional(),
    roles: rolesConfigSchema.prefault({}),
    /**
     * Demo mode (npm run demo): the sign-in page offers the demo people (lib/demo/personas.ts), and
     * anyone may sign in as any of them without a password; their groups come from the configured
     * directory, or the built-in demo people when none is. Refused unless Foresail listens on a
     * loopback address only.
     */
    demo: z.boolean().default(false),
    /** API tokens may live at most this many days. */
    tokenMaxDays: z.number().int().min(1).max(3650).default(365),
    serviceAccounts: z.array(serviceAccountSchema).default([]),
  })
  .superRefine((auth, ctx) => {
    if (!auth.demo && auth.github && !auth.sessionSecret) {
      ctx.addIssue({ code: 'custom', path: ['sessionSecret'], message: 'is required when GitHub sign-in is configured' });
    }
    if (auth.github && !auth.ldap && !auth.staticDirectory) {
      ctx.addIssue({ code: 'custom', path: ['ldap'], message: 'is required with GitHub sign-in (or auth.staticDirectory): roles come only from directory groups' });
    }
    if (auth.ldap && auth.staticDirectory) {
      ctx.addIssue({ code: 'custom', path: ['staticDirectory'], message: 'cannot be used together with auth.ldap: groups come from one directory, so keep one of the two' });
    }
    if (auth.github && auth.staticDirectory) {
      auth.staticDirectory.users.forEach((user, index) => {
        if (user.githubId === undefined) {
          ctx.addIssue({ code: 'custom', path: ['staticDirectory', 'users', index, 'githubId'], message: `is required with GitHub sign-in: ${user.login} is found by their GitHub account id (https://api.github.com/users/<login> shows it as "id")` });
        }
      });
    }
    auth.serviceAccounts.forEach((account, i) => {
      if (auth.serviceAccounts.findIndex((a) => a.name === account.name) < i) ctx.addIssue({ code: 'custom', path: ['serviceAccounts', i, 'name'], message: `"${account.name}" is declared twice` });
    });
  })
  // Demo mode declares the seeded pipelines' service account, unless the configuration names it itself.
  .transform((auth) =>
    auth.demo && !auth.serviceAccounts.some((a) => a.name === demoServiceAccount.name)
      ? { ...auth, serviceAccounts: [...auth.serviceAccounts, { name: demoServiceAccount.name, roles: [...demoServiceAccount.roles] }] }
      : auth,
  );

export type AuthConfig = z.infer<typeof authConfigSchema>;
