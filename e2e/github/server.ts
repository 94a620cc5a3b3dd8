// The GitHub stand-in: a local HTTP server speaking GitHub's OAuth web flow and user API for Foresail's
// tests (github.com is unreachable here). Test tooling only; the product knows nothing but GitHub's URLs.
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { handleAvatar, handleEmails, handleMemberships, handleUser } from './api-routes.ts';
import { renderErrorPage } from './authorize-page.ts';
import { handleContents, putContents, type PutContentsInput } from './contents.ts';
import { handleControl, resetStandIn, setUsers, type SetUsersInput } from './control-routes.ts';
import { Faults, type FaultInput, type FaultTarget } from './faults.ts';
import { OAuthGrants } from './oauth-grants.ts';
import { handleAccessToken, handleAuthorize } from './oauth-routes.ts';
import { readBody, readParams } from './request-body.ts';
import { sendHtml, sendJson } from './responses.ts';
import type { StandInState } from './state.ts';
import { cloneUsers, seedGitHubUsers, type GitHubUser } from './users.ts';

export type { GitHubEmail, GitHubUser } from './users.ts';
export type { FaultInput } from './faults.ts';

/** Shaped like a real OAuth app's client id; the secret is random per start unless given. */
export const DEFAULT_CLIENT_ID = 'Ov23liFsStandIn00001';

export interface GitHubStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** The OAuth app's registered callback URL; see OAuthApp.callbackUrl in state.ts. */
  callbackUrl?: string;
  users?: GitHubUser[];
}

export interface GitHubStandIn {
  url: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string | undefined;
  /** Live: reflects control requests; editing it in place changes who can sign in. */
  users: GitHubUser[];
  /** Every non-control request, oldest first (path without the query string, which may hold secrets). */
  requests: { method: string; path: string }[];
  /** Same as POST /_standin/users. */
  setUsers(input: SetUsersInput): GitHubUser[];
  /** Same as POST /_standin/fail. */
  failNext(fault: FaultInput): void;
  /** Same as POST /_standin/contents: files the contents API serves at a ref (a private repository with `token`). */
  putContents(input: PutContentsInput): void;
  /** Same as POST /_standin/reset: seed users, no codes, tokens, faults, logged requests or repositories. */
  reset(): void;
  stop(): Promise<void>;
}

const API_PREFIX = '/api/v3'; // GitHub Enterprise Server serves the REST API here.

const faultTargetOf = (method: string, path: string): FaultTarget | undefined =>
  path === '/login/oauth/authorize' ? 'authorize'
  : path === '/login/oauth/access_token' && method === 'POST' ? 'token'
  : path === '/user' ? 'user'
  : path === '/user/emails' ? 'emails'
  : path === '/user/orgs' ? 'orgs'
  : path === '/user/teams' ? 'teams'
  : undefined;

/** Applies an armed fault; true when the request has been dealt with. */
function injectFault(state: StandInState, target: FaultTarget, res: ServerResponse): boolean {
  const fault = state.faults.take(target);
  if (!fault) return false;
  if (fault.mode === 'hang') {
    state.hold(res);
    return true;
  }
  const reason = STATUS_CODES[fault.status] ?? 'Server Error';
  if (target !== 'authorize' && target !== 'token') sendJson(res, fault.status, { message: reason });
  else sendHtml(res, fault.status, renderErrorPage(reason, 'The GitHub stand-in was told to fail this request.'));
  return true;
}

async function route(state: StandInState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', state.url);
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
  if (url.pathname.startsWith('/_standin/')) {
    if (!handleControl(state, method, url.pathname, body, res)) sendJson(res, 404, { message: 'Not Found' });
    return;
  }
  state.requests.push({ method, path: url.pathname });
  const isEnterpriseApi = url.pathname.startsWith(`${API_PREFIX}/`);
  const path = isEnterpriseApi ? url.pathname.slice(API_PREFIX.length) : url.pathname;
  const target = faultTargetOf(method, path);
  if (target && injectFault(state, target, res)) return;

  const bases = { api: `${state.url}${isEnterpriseApi ? API_PREFIX : ''}`, web: state.url };
  const avatar = /^\/avatars\/u\/(\d+)$/.exec(path);
  const contents = /^\/repos\/([^/]+\/[^/]+)\/contents(\/.*)?$/.exec(path);
  if (!isEnterpriseApi && path === '/login/oauth/authorize' && (method === 'GET' || method === 'POST')) {
    handleAuthorize(state, req, res, readParams(req, url, body));
  } else if (!isEnterpriseApi && path === '/login/oauth/access_token' && method === 'POST') {
    handleAccessToken(state, req, res, readParams(req, url, body));
  } else if (path === '/user' && method === 'GET') {
    handleUser(state, req, res, bases);
  } else if (path === '/user/emails' && method === 'GET') {
    handleEmails(state, req, res);
  } else if ((path === '/user/orgs' || path === '/user/teams') && method === 'GET') {
    handleMemberships(state, req, res, bases, url, path === '/user/orgs' ? 'orgs' : 'teams');
  } else if (contents?.[1] && method === 'GET') {
    handleContents(state.repositories, req, res, bases, contents[1], contents[2] ?? '', url);
  } else if (avatar?.[1] && method === 'GET') {
    handleAvatar(res, Number(avatar[1]));
  } else {
    sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }
}

function answerFailure(err: unknown, res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof ZodError) sendJson(res, 422, { message: 'Validation Failed', issues: err.issues });
  else if (err instanceof SyntaxError) sendJson(res, 400, { message: 'Problems parsing JSON' });
  else {
    console.error('GitHub stand-in:', err);
    sendJson(res, 500, { message: 'Server Error' });
  }
}

export async function startGitHubStandIn(opts: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  const host = opts.host ?? '127.0.0.1';
  const held = new Set<ServerResponse>();
  const seed = cloneUsers(opts.users ?? seedGitHubUsers);
  const state: StandInState = {
    url: '', // known once listening
    app: { clientId: opts.clientId ?? DEFAULT_CLIENT_ID, clientSecret: opts.clientSecret ?? randomBytes(20).toString('hex'), callbackUrl: opts.callbackUrl },
    users: cloneUsers(seed),
    seed,
    grants: new OAuthGrants(),
    faults: new Faults(),
    requests: [],
    repositories: new Map(),
    hold(res) {
      held.add(res);
      res.on('close', () => held.delete(res));
    },
  };

  const server = createServer((req, res) => {
    route(state, req, res).catch((err: unknown) => answerFailure(err, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`GitHub stand-in on ${host} has no TCP port`);
  state.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    url: state.url,
    clientId: state.app.clientId,
    clientSecret: state.app.clientSecret,
    callbackUrl: state.app.callbackUrl,
    users: state.users,
    requests: state.requests,
    setUsers: (input) => setUsers(state, input),
    failNext: (fault) => void state.faults.add(fault),
    putContents: (input) => putContents(state.repositories, input),
    reset: () => resetStandIn(state),
    async stop() {
      for (const res of held) res.destroy(); // hung requests would otherwise keep close() waiting
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
