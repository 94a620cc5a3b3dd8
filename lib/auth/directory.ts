import 'server-only';
import type { AuthConfig } from '../config/auth-schema';
import type { StaticDirectoryUser } from '../config/static-directory-schema';
import { demoPersonas } from '../demo/personas';
import { getConfig } from '../env';
import { DirectoryUnavailableError, type DirectoryProvider, type PersonKey } from './directory-provider';
import { createStaticDirectory } from './directory-static';
import { bindsById, createLdapDirectory, type LdapConfig } from './ldap';

/**
 * Which directory says who people are and what groups they are in: LDAP (`auth.ldap`), the static
 * list (`auth.staticDirectory`), or — in demo mode with neither — the demo's built-in people.
 */
export type DirectorySource =
  | { kind: 'ldap'; ldap: LdapConfig }
  | { kind: 'static'; users: readonly StaticDirectoryUser[]; builtIn: boolean }
  | { kind: 'none' };

const demoDirectoryUsers: readonly StaticDirectoryUser[] = demoPersonas.map(({ login, githubId, name, groups }) => ({ login, githubId, name, groups: [...groups] }));

export function directorySource(auth: AuthConfig): DirectorySource {
  if (auth.ldap) return { kind: 'ldap', ldap: auth.ldap };
  if (auth.staticDirectory) return { kind: 'static', users: auth.staticDirectory.users, builtIn: false };
  if (auth.demo) return { kind: 'static', users: demoDirectoryUsers, builtIn: true };
  return { kind: 'none' };
}

/** True when people are found by GitHub id: always, except in LDAP's login-binding compatibility mode. */
export function directoryBindsById(auth: AuthConfig): boolean {
  const source = directorySource(auth);
  return source.kind !== 'ldap' || bindsById(source.ldap);
}

/** Whether a GitHub user the directory does not know is refused: LDAP's `requireEntry`; always with the static directory. */
export function directoryRequiresEntry(auth: AuthConfig): boolean {
  const source = directorySource(auth);
  return source.kind !== 'ldap' || source.ldap.requireEntry;
}

/**
 * How long groups once read may be used before they are read again: LDAP's refreshSeconds. The
 * static directory's are read again at every request (they are in memory), so a change applies as
 * soon as configuration is re-read; with no directory, nobody keeps any.
 */
export function groupsRefreshMs(auth: AuthConfig): number {
  const source = directorySource(auth);
  return source.kind === 'ldap' ? source.ldap.refreshSeconds * 1000 : 0;
}

/** In a few words, for people: where groups come from. */
export function describeDirectory(auth: AuthConfig): string {
  const source = directorySource(auth);
  if (source.kind === 'ldap') return 'the LDAP directory';
  if (source.kind === 'static') return source.builtIn ? 'the demo’s built-in directory (no LDAP is configured)' : 'the static directory in Foresail’s configuration';
  return 'no directory (none is configured)';
}

export type PersonLookup = { kind: 'found'; username: string; groups: string[] } | { kind: 'no-entry' };

interface CacheEntry {
  result: PersonLookup;
  at: number;
}

interface State {
  directory?: DirectoryProvider;
  directoryKey?: string;
  cache: Map<string, CacheEntry>;
  inflight: Map<string, Promise<PersonLookup>>;
}

const globalForDirectory = globalThis as unknown as { foresailDirectory?: State };
const state = (): State => (globalForDirectory.foresailDirectory ??= { cache: new Map(), inflight: new Map() });

/** The configured directory, created once per configuration (a re-read configuration that changed it replaces it). */
function directory(): DirectoryProvider {
  const source = directorySource(getConfig().auth);
  if (source.kind === 'none') throw new DirectoryUnavailableError('no directory is configured (auth.ldap or auth.staticDirectory)');
  const s = state();
  const key = JSON.stringify(source);
  if (!s.directory || s.directoryKey !== key) {
    void s.directory?.close();
    s.directory = source.kind === 'ldap' ? createLdapDirectory(source.ldap) : createStaticDirectory(source.users);
    s.directoryKey = key;
    s.cache.clear();
  }
  return s.directory;
}

/**
 * The person's name and groups, read from the directory at most once per `maxAgeMs` per process
 * (concurrent callers share one lookup). Throws DirectoryUnavailableError when the directory cannot
 * answer: callers fail closed. A failed lookup is not cached, so recovery is immediate.
 */
export async function lookupPerson(key: PersonKey, maxAgeMs: number): Promise<PersonLookup> {
  const s = state();
  const source = directory();
  const cacheKey = 'githubId' in key ? `id:${key.githubId}:${key.githubLogin}` : `name:${key.username}`;
  const cached = s.cache.get(cacheKey);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.result;
  const running = s.inflight.get(cacheKey);
  if (running) return running;
  const lookup = (async () => {
    const user = await source.findUser(key);
    const result: PersonLookup = user ? { kind: 'found', username: user.username, groups: user.groups } : { kind: 'no-entry' };
    s.cache.set(cacheKey, { result, at: Date.now() });
    return result;
  })();
  s.inflight.set(cacheKey, lookup);
  try {
    return await lookup;
  } finally {
    s.inflight.delete(cacheKey);
  }
}

/** Tests and shutdown: drop cached groups and close pooled connections. */
export async function resetDirectory(): Promise<void> {
  const s = state();
  s.cache.clear();
  await s.directory?.close();
  s.directory = undefined;
  s.directoryKey = undefined;
}
