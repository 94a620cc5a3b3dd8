// The test control API under /_standin/ (GitHub has nothing like it): change users, arm failures,
// read or clear the request log, reset everything. Tests running in another process use these.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { putContents, putContentsSchema } from './contents.ts';
import { faultSchema } from './faults.ts';
import { sendJson } from './responses.ts';
import type { StandInState } from './state.ts';
import { cloneUsers, gitHubUserSchema, type GitHubUser } from './users.ts';

export const setUsersSchema = z.object({
  users: z.array(gitHubUserSchema),
  /** true: the list becomes exactly `users`; false (default): add them, replacing same-login entries. */
  replace: z.boolean().default(false),
});
export type SetUsersInput = z.input<typeof setUsersSchema>;

/** Changes the live user list in place; people who disappear lose their tokens, as on account deletion. */
export function setUsers(state: StandInState, input: SetUsersInput): GitHubUser[] {
  const { users, replace } = setUsersSchema.parse(input);
  const next = replace ? [] : [...state.users];
  for (const user of users) {
    const index = next.findIndex((u) => u.login === user.login);
    if (index >= 0) next[index] = user;
    else next.push(user);
  }
  for (const gone of state.users.filter((u) => !next.some((n) => n.login === u.login))) state.grants.revokeLogin(gone.login);
  state.users.splice(0, state.users.length, ...next);
  return state.users;
}

export function resetStandIn(state: StandInState): void {
  state.users.splice(0, state.users.length, ...cloneUsers(state.seed));
  state.grants.clear();
  state.faults.clear();
  state.requests.length = 0;
  state.repositories.clear();
}

const parseJson = (body: string): unknown => (body.trim() === '' ? {} : JSON.parse(body));

/** Answers a /_standin/ request; returns false when no control route matches. */
export function handleControl(state: StandInState, method: string, path: string, body: string, res: ServerResponse): boolean {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /_standin/users':
      sendJson(res, 200, { users: state.users });
      return true;
    case 'POST /_standin/users':
      sendJson(res, 200, { users: setUsers(state, setUsersSchema.parse(parseJson(body))) });
      return true;
    case 'POST /_standin/fail':
      sendJson(res, 200, { fault: state.faults.add(faultSchema.parse(parseJson(body))) });
      return true;
    case 'GET /_standin/requests':
      sendJson(res, 200, { requests: state.requests });
      return true;
    case 'DELETE /_standin/requests':
      state.requests.length = 0;
      sendJson(res, 200, { requests: [] });
      return true;
    case 'POST /_standin/contents':
      putContents(state.repositories, putContentsSchema.parse(parseJson(body)));
      sendJson(res, 200, { repositories: [...state.repositories.keys()] });
      return true;
    case 'POST /_standin/reset':
      resetStandIn(state);
      sendJson(res, 200, { users: state.users });
      return true;
    default:
      return false;
  }
}
