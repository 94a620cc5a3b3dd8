// The people the GitHub stand-in knows by default. alice, bob, carol and dave are also in the LDAP seed
// (e2e/fixtures/ldap-seed.ts), whose entries hold their GitHub ids: Foresail binds people by id.
import { z } from 'zod';

export const gitHubEmailSchema = z.object({
  email: z.string().min(1),
  primary: z.boolean(),
  verified: z.boolean(),
  /** GitHub reports the primary address's visibility; other addresses have null. */
  visibility: z.enum(['public', 'private']).nullable(),
});

export const gitHubUserSchema = z.object({
  id: z.number().int().positive(),
  /**
   * GitHub itself only issues letters, digits and single inner hyphens (at most 39), but any non-empty
   * string is accepted here on purpose: tests use logins such as `x*)(uid=*` to prove that Foresail
   * escapes whatever the identity provider returns before it reaches an LDAP filter.
   */
  login: z.string().min(1),
  name: z.string().nullable(),
  /** The public profile email `GET /user` shows; null when the person keeps it private. */
  email: z.string().nullable(),
  /** Absolute, or a path such as `/avatars/u/1001` that the stand-in serves itself. */
  avatarUrl: z.string().min(1),
  /** What `GET /user/emails` lists. */
  emails: z.array(gitHubEmailSchema),
  /** Organisation logins the person is a member of (`GET /user/orgs`). */
  orgs: z.array(z.string().min(1)).default([]),
  /** Teams as `org/team-slug` (`GET /user/teams`); a team's organisation is listed by `GET /user/orgs` too. */
  teams: z.array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'must be "org/team-slug"')).default([]),
});

export type GitHubEmail = z.infer<typeof gitHubEmailSchema>;
export type GitHubUser = z.infer<typeof gitHubUserSchema>;

const avatar = (id: number) => `/avatars/u/${id}?v=4`;
const primary = (email: string, visibility: GitHubEmail['visibility'] = 'public'): GitHubEmail => ({
  email,
  primary: true,
  verified: true,
  visibility,
});
const noreply = (id: number, login: string): GitHubEmail => ({
  email: `${id}+${login}@users.noreply.github.com`,
  primary: false,
  verified: true,
  visibility: null,
});

/** The organisation every seed user but eve-test belongs to. */
export const SEED_ORG = 'foresail-test';

export const seedGitHubUsers: readonly GitHubUser[] = [
  { id: 1001, login: 'alice', name: 'Alice Admin', email: 'alice@foresail.test', avatarUrl: avatar(1001), emails: [primary('alice@foresail.test')], orgs: [SEED_ORG], teams: [`${SEED_ORG}/platform`] },
  { id: 1002, login: 'bob', name: 'Bob Builder', email: 'bob@foresail.test', avatarUrl: avatar(1002), emails: [primary('bob@foresail.test')], orgs: [SEED_ORG], teams: [`${SEED_ORG}/deployers`] },
  { id: 1003, login: 'carol', name: 'Carol Nogroup', email: 'carol@foresail.test', avatarUrl: avatar(1003), emails: [primary('carol@foresail.test')], orgs: [SEED_ORG], teams: [] },
  // Keeps the address private: /user answers email null and next-auth falls back to /user/emails.
  // The primary address is deliberately not first, so "take the primary" differs from "take the first".
  {
    id: 1004,
    login: 'dave',
    name: 'Dave Viewer',
    email: null,
    avatarUrl: avatar(1004),
    emails: [noreply(1004, 'dave'), primary('dave@foresail.test', 'private'), { email: 'dave@old.example', primary: false, verified: false, visibility: null }],
    orgs: [SEED_ORG],
    teams: [`${SEED_ORG}/observers`],
  },
  // Has a GitHub account but no LDAP entry; no display name either (next-auth then uses the login).
  { id: 1005, login: 'erin', name: null, email: 'erin@example.test', avatarUrl: avatar(1005), emails: [primary('erin@example.test')], orgs: [SEED_ORG], teams: [] },
  // A hyphenated login, the only punctuation GitHub allows; not in LDAP, nor in the organisation.
  { id: 1006, login: 'eve-test', name: 'Eve Test', email: 'eve@example.test', avatarUrl: avatar(1006), emails: [primary('eve@example.test')], orgs: [], teams: [] },
];

/** Fresh copies, so a test that edits its stand-in's users cannot change another test's seed. */
export const cloneUsers = (users: readonly GitHubUser[]): GitHubUser[] => users.map((u) => structuredClone(u));
