// JSON bodies shaped like GitHub's REST API: GET /user and GET /user/emails
// (https://docs.github.com/rest/users/users#get-the-authenticated-user,
//  https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user).
import { createHash } from 'node:crypto';
import type { GitHubEmail, GitHubUser } from './users.ts';

/** Where this request sees the stand-in: `api` is the REST root (`…` or `…/api/v3`), `web` the site root. */
export interface Bases {
  api: string;
  web: string;
}

// Fixed, so that snapshots and comparisons across runs are stable.
const CREATED_AT = '2020-01-15T09:30:00Z';
const UPDATED_AT = '2025-06-01T12:00:00Z';

/** GitHub's legacy global node id: base64 of "04:User<id>" (octocat, id 1, is "MDQ6VXNlcjE="). */
export const userNodeId = (id: number) => Buffer.from(`04:User${id}`).toString('base64');

export const absoluteAvatarUrl = (user: GitHubUser, web: string) =>
  user.avatarUrl.startsWith('/') ? `${web}${user.avatarUrl}` : user.avatarUrl;

/** The "simple user" fields every GitHub user object starts with. */
export function simpleUserJson(user: GitHubUser, bases: Bases) {
  const url = `${bases.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: userNodeId(user.id),
    avatar_url: absoluteAvatarUrl(user, bases.web),
    gravatar_id: '',
    url,
    html_url: `${bases.web}/${encodeURIComponent(user.login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

/**
 * GET /user. The private fields (plan, disk usage, 2FA…) only appear when the token carries `user` or
 * `read:user`, as on GitHub; `email` is the public profile email and stays null when it is private.
 */
export function authenticatedUserJson(user: GitHubUser, bases: Bases, scopes: readonly string[]) {
  const profile = {
    ...simpleUserJson(user, bases),
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: user.email,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: CREATED_AT,
    updated_at: UPDATED_AT,
  };
  if (!scopes.includes('user') && !scopes.includes('read:user')) return profile;
  return {
    ...profile,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976_562_499, collaborators: 0, private_repos: 10_000 },
  };
}

/** GET /user/emails: every address, verified or not, in the user's order. */
export const emailsJson = (user: GitHubUser): GitHubEmail[] => user.emails.map((e) => ({ ...e }));

/** A stable positive id for an organisation or team name (GitHub's are opaque integers). */
const idOf = (name: string) => 10_000 + (createHash('sha256').update(name).digest().readUInt32BE(0) % 90_000_000);

/** The organisation objects of GET /user/orgs (https://docs.github.com/rest/orgs/orgs#list-organizations-for-the-authenticated-user). */
export function organizationJson(login: string, bases: Bases) {
  const url = `${bases.api}/orgs/${encodeURIComponent(login)}`;
  return {
    login,
    id: idOf(`org:${login}`),
    node_id: Buffer.from(`04:Organization${idOf(`org:${login}`)}`).toString('base64'),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${bases.web}/avatars/u/${idOf(`org:${login}`)}?v=4`,
    description: null,
  };
}

/** The team objects of GET /user/teams (https://docs.github.com/rest/teams/teams#list-teams-for-the-authenticated-user). */
export function teamJson(team: string, bases: Bases) {
  const [org = '', slug = ''] = team.split('/');
  const id = idOf(`team:${team}`);
  const url = `${bases.api}/organizations/${idOf(`org:${org}`)}/team/${id}`;
  return {
    name: slug,
    id,
    node_id: Buffer.from(`04:Team${id}`).toString('base64'),
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    url,
    html_url: `${bases.web}/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}`,
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    permission: 'pull',
    parent: null,
    members_count: 1,
    repos_count: 0,
    created_at: CREATED_AT,
    updated_at: UPDATED_AT,
    organization: { ...organizationJson(org, bases), name: org, type: 'Organization' },
  };
}

/** The organisations a person belongs to: their own list plus those of their teams. */
export const organizationsOf = (user: GitHubUser): string[] => [...new Set([...user.orgs, ...user.teams.map((t) => t.split('/')[0] ?? '')])].filter(Boolean);
