import 'server-only';
import { getConfig } from '../env';
import { createLdapDirectory, DirectoryUnavailableError, type Directory, type PersonKey } from './ldap';

export type PersonLookup = { kind: 'found'; username: string; groups: string[] } | { kind: 'no-entry' };

interface CacheEntry {
  result: PersonLookup;
  at: number;
}

interface State {
  directory?: Directory;
  directoryKey?: string;
  cache: Map<string, CacheEntry>;
  inflight: Map<string, Promise<PersonLookup>>;
}

const globalForDirectory = globalThis as unknown as { foresailDirectory?: State };
const state = (): State => (globalForDirectory.foresailDirectory ??= { cache: new Map(), inflight: new Map() });

function directory(): Directory {
  const ldap = getConfig().auth.ldap;
  if (!ldap) throw new DirectoryUnavailableError('LDAP is not configured (auth.ldap)');
  const s = state();
  const key = JSON.stringify(ldap);
  if (!s.directory || s.directoryKey !== key) {
    void s.directory?.close();
    s.directory = createLdapDirectory(ldap);
    s.directoryKey = key;
    s.cache.clear();
  }
  return s.directory;
}

/**
 * The person's name and groups, read from LDAP at most once per `maxAgeMs` per process (concurrent
 * callers share one lookup). Throws DirectoryUnavailableError when the directory cannot answer:
 * callers fail closed. A failed lookup is not cached, so recovery is immediate.
 */
export async function lookupPerson(key: PersonKey, maxAgeMs: number): Promise<PersonLookup> {
  const s = state();
  const cacheKey = 'githubId' in key ? `id:${key.githubId}:${key.githubLogin}` : `name:${key.username}`;
  const cached = s.cache.get(cacheKey);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.result;
  const running = s.inflight.get(cacheKey);
  if (running) return running;
  const lookup = (async () => {
    const user = await directory().findUser(key);
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
