// Everything one running stand-in holds, shared by its route handlers.
import type { ServerResponse } from 'node:http';
import type { Repositories } from './contents.ts';
import type { Faults } from './faults.ts';
import type { OAuthGrants } from './oauth-grants.ts';
import type { GitHubUser } from './users.ts';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /**
   * The app's registered "Authorization callback URL": used when the authorize request has no
   * redirect_uri, and the base a given redirect_uri must match. Undefined = accept any redirect_uri.
   */
  callbackUrl: string | undefined;
}

export interface StandInState {
  /** The stand-in's own origin, e.g. http://127.0.0.1:41234. */
  url: string;
  app: OAuthApp;
  /** Live list: control requests change it in place, so references held by tests stay current. */
  users: GitHubUser[];
  seed: readonly GitHubUser[];
  grants: OAuthGrants;
  faults: Faults;
  requests: { method: string; path: string }[];
  /** Repository files the contents API serves (github/file artifacts). */
  repositories: Repositories;
  /** Keeps a response open (a "hang" fault) until the client leaves or the stand-in stops. */
  hold(res: ServerResponse): void;
}

export const findUser = (state: StandInState, login: string) => state.users.find((u) => u.login === login);
