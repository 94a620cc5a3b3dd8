import type { StaticDirectoryUser } from '../config/static-directory-schema';
import type { DirectoryPerson, DirectoryProvider, PersonKey } from './directory-provider';

/**
 * The static directory: people and their groups as listed in configuration (or the demo's built-in
 * people). GitHub sign-in finds a person only by their GitHub account id, never by login (a login
 * can be renamed and taken by someone else), so a person listed without an id cannot sign in with
 * GitHub; names find people for API tokens and demo sign-in. Always answers: the list is in memory.
 */
export function createStaticDirectory(users: readonly StaticDirectoryUser[]): DirectoryProvider {
  const byLogin = new Map(users.map((user) => [user.login, user]));
  const byGithubId = new Map(users.flatMap((user) => (user.githubId === undefined ? [] : [[user.githubId, user] as const])));
  return {
    async findUser(key: PersonKey): Promise<DirectoryPerson | null> {
      const user = 'githubId' in key ? byGithubId.get(key.githubId) : byLogin.get(key.username);
      return user ? { username: user.login, groups: [...new Set(user.groups)].sort() } : null;
    },
    async close() {
      // nothing is held open
    },
  };
}
