import 'server-only';
import { getConfig } from '../env';
import { createLdapDirectory, DirectoryUnavailableError, type Directory } from './ldap';

export type GroupsLookup = { kind: 'found'; groups: string[] } | { kind: 'no-entry' };

interface CacheEntry {
  result: GroupsLookup;
  at: number;
}

interface State {
  directory?: Directory;
  directoryKey?: string;
  cache: Map<string, CacheEntry>;
  inflight: Map<string, Promise<GroupsLookup>>;
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
 * The login's groups, read from LDAP at most once per `maxAgeMs` per process (concurrent callers
 * share one lookup). Throws DirectoryUnavailableError when the directory cannot answer: callers
 * fail closed. A failed lookup is not cached, so recovery is immediate.
 */
export async function lookupGroups(login: string, maxAgeMs: number): Promise<GroupsLookup> {
  const s = state();
  const cached = s.cache.get(login);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.result;
  const running = s.inflight.get(login);
  if (running) return running;
  const lookup = (async () => {
    const user = await directory().findUser(login);
    const result: GroupsLookup = user ? { kind: 'found', groups: user.groups } : { kind: 'no-entry' };
    s.cache.set(login, { result, at: Date.now() });
    return result;
  })();
  s.inflight.set(login, lookup);
  try {
    return await lookup;
  } finally {
    s.inflight.delete(login);
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
