/**
 * What Foresail asks of a directory, whichever kind answers (LDAP, or the static list in
 * configuration): who this person is, and which groups they are in. Groups are roles (after
 * auth.roles.mapping); nothing else grants any.
 */

/**
 * How a person is looked up: by their GitHub account (sign-in, session refresh), or by the name
 * Foresail knows them by (API tokens, whose owner is recorded by name; demo sign-in).
 */
export type PersonKey = { githubId: number; githubLogin: string } | { username: string };

export interface DirectoryPerson {
  /** The person's name in Foresail (LDAP: the entry's usernameAttribute, or the GitHub login in login-binding mode). */
  username: string;
  /** Group names, sorted, without duplicates. */
  groups: string[];
}

export interface DirectoryProvider {
  /** The person and their groups, or null if the directory has no (single) entry for them. */
  findUser(key: PersonKey): Promise<DirectoryPerson | null>;
  close(): Promise<void>;
}

/** The directory could not answer (down, timed out, service bind refused, not configured). Callers fail closed. */
export class DirectoryUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The directory is unavailable: ${reason}`);
    this.name = 'DirectoryUnavailableError';
  }
}

/**
 * True for a DirectoryUnavailableError from any copy of this module. The directory is shared per
 * process on globalThis while Next bundles each route separately, so `instanceof` can see a
 * different class than the one that was thrown.
 */
export function isDirectoryUnavailable(err: unknown): err is DirectoryUnavailableError {
  return err instanceof Error && err.name === 'DirectoryUnavailableError' && typeof (err as { reason?: unknown }).reason === 'string';
}
