// GitHub's user API as Foresail reads it: GET /user, GET /user/emails, GET /user/orgs, GET /user/teams,
// plus the avatar images the user objects point at.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { avatarPng } from './avatar.ts';
import type { IssuedToken } from './oauth-grants.ts';
import { readApiToken } from './request-body.ts';
import { sendApiError, sendJson } from './responses.ts';
import { findUser, type StandInState } from './state.ts';
import { paginate } from './pagination.ts';
import { authenticatedUserJson, emailsJson, organizationJson, organizationsOf, teamJson, type Bases } from './user-json.ts';
import type { GitHubUser } from './users.ts';

const USER_DOCS = 'https://docs.github.com/rest/users/users#get-the-authenticated-user';
const EMAILS_DOCS = 'https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user';

/** The token's user, or undefined after answering 401 the way GitHub does. */
function authenticate(state: StandInState, req: IncomingMessage, res: ServerResponse, docs: string): { token: IssuedToken; user: GitHubUser } | undefined {
  const presented = readApiToken(req);
  if (presented === undefined) {
    sendApiError(res, 401, 'Requires authentication', docs);
    return undefined;
  }
  const token = state.grants.findToken(presented);
  const user = token && findUser(state, token.login);
  if (!token || !user) {
    sendApiError(res, 401, 'Bad credentials', 'https://docs.github.com/rest');
    return undefined;
  }
  return { token, user };
}

const scopeHeaders = (token: IssuedToken) => ({
  'x-oauth-scopes': token.scopes.join(', '),
  'x-github-api-version-selected': '2022-11-28',
});

export function handleUser(state: StandInState, req: IncomingMessage, res: ServerResponse, bases: Bases): void {
  const auth = authenticate(state, req, res, USER_DOCS);
  if (!auth) return;
  sendJson(res, 200, authenticatedUserJson(auth.user, bases, auth.token.scopes), scopeHeaders(auth.token));
}

export function handleEmails(state: StandInState, req: IncomingMessage, res: ServerResponse): void {
  const auth = authenticate(state, req, res, EMAILS_DOCS);
  if (!auth) return;
  const headers = { ...scopeHeaders(auth.token), 'x-accepted-oauth-scopes': 'user, user:email' };
  const { scopes } = auth.token;
  if (!scopes.includes('user') && !scopes.includes('user:email')) {
    // An OAuth token without the scope gets 404, not 403 (e.g. octokit/core.js#338, pyupio/pyup#229).
    sendApiError(res, 404, 'Not Found', EMAILS_DOCS, headers);
    return;
  }
  sendJson(res, 200, emailsJson(auth.user), headers);
}

const ORGS_DOCS = 'https://docs.github.com/rest/orgs/orgs#list-organizations-for-the-authenticated-user';
const TEAMS_DOCS = 'https://docs.github.com/rest/teams/teams#list-teams-for-the-authenticated-user';

/**
 * GET /user/orgs and GET /user/teams, paginated like GitHub. OAuth tokens need `read:org` (or `user`;
 * `repo` also works for teams); without it GitHub answers 403.
 */
export function handleMemberships(state: StandInState, req: IncomingMessage, res: ServerResponse, bases: Bases, url: URL, kind: 'orgs' | 'teams'): void {
  const docs = kind === 'orgs' ? ORGS_DOCS : TEAMS_DOCS;
  const auth = authenticate(state, req, res, docs);
  if (!auth) return;
  const accepted = kind === 'orgs' ? ['read:org', 'user'] : ['read:org', 'user', 'repo'];
  const headers = { ...scopeHeaders(auth.token), 'x-accepted-oauth-scopes': accepted.join(', ') };
  if (!auth.token.scopes.some((scope) => accepted.includes(scope) || scope === 'admin:org' || scope === 'write:org')) {
    sendApiError(res, 403, `Resource not accessible: this endpoint needs one of the scopes ${accepted.join(', ')}`, docs, headers);
    return;
  }
  const page = kind === 'orgs' ? paginate(organizationsOf(auth.user).map((org) => organizationJson(org, bases)), url) : paginate(auth.user.teams.map((team) => teamJson(team, bases)), url);
  sendJson(res, 200, page.items, page.link ? { ...headers, link: page.link } : headers);
}

export function handleAvatar(res: ServerResponse, id: number): void {
  res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=300' });
  res.end(avatarPng(id));
}
