import 'server-only';
import fs from 'node:fs';
import { Client, InvalidCredentialsError } from 'ldapts';
import type { z } from 'zod';
import type { ldapConfigSchema } from '../config/auth-schema';
import { fillFilter, firstRdnValue } from './ldap-filter';

export type LdapConfig = z.infer<typeof ldapConfigSchema>;

/**
 * How a person is looked up: by their GitHub account (sign-in, session refresh), or by the name
 * Foresail knows them by (API tokens, whose owner is recorded by name).
 */
export type PersonKey = { githubId: number; githubLogin: string } | { username: string };

export interface DirectoryUser {
  dn: string;
  /** The person's name in Foresail: the entry's usernameAttribute, or the GitHub login in login-binding mode. */
  username: string;
  groups: string[];
}

/** True when people are found by GitHub id; false in the compatibility mode that finds them by login. */
export const bindsById = (config: Pick<LdapConfig, 'userFilter'>) => config.userFilter.includes('{id}');

/** The directory could not answer (down, timed out, service bind refused). Callers fail closed. */
export class DirectoryUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The LDAP directory is unavailable: ${reason}`);
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

export interface Directory {
  /** The person's entry, name and group names, or null if the directory has no (single) entry for them. */
  findUser(key: PersonKey): Promise<DirectoryUser | null>;
  close(): Promise<void>;
}

const maxIdle = 4;

/**
 * An LDAP directory reached with a service account. Bound clients are pooled and reused; a client
 * that fails is unbound and dropped, never returned to the pool. Every client is unbound on close.
 */
export function createLdapDirectory(config: LdapConfig): Directory {
  const idle: Client[] = [];
  const tlsOptions = config.url.startsWith('ldaps:')
    ? { rejectUnauthorized: config.tls.rejectUnauthorized, ...(config.tls.caFile ? { ca: fs.readFileSync(config.tls.caFile) } : {}) }
    : undefined;

  async function acquire(): Promise<Client> {
    while (idle.length > 0) {
      const client = idle.pop();
      if (client?.isConnected) return client;
      await client?.unbind().catch(() => undefined);
    }
    const client = new Client({ url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs, tlsOptions, autoRebind: true });
    try {
      await client.bind(config.bindDn, config.bindPassword);
    } catch (err) {
      await client.unbind().catch(() => undefined);
      throw new DirectoryUnavailableError(err instanceof InvalidCredentialsError ? 'the service account bind was refused' : describe(err));
    }
    return client;
  }

  async function release(client: Client, healthy: boolean): Promise<void> {
    if (healthy && idle.length < maxIdle) idle.push(client);
    else await client.unbind().catch(() => undefined);
  }

  async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await acquire();
    let healthy = false;
    try {
      const result = await fn(client);
      healthy = true;
      return result;
    } catch (err) {
      if (isDirectoryUnavailable(err)) throw err;
      throw new DirectoryUnavailableError(describe(err));
    } finally {
      await release(client, healthy);
    }
  }

  return {
    findUser(key) {
      return withClient(async (client) => {
        const byId = bindsById(config);
        const filter =
          'githubId' in key
            ? fillFilter(config.userFilter, { id: String(key.githubId), login: key.githubLogin })
            : byId
              ? fillFilter(`(${config.usernameAttribute}={name})`, { name: key.username })
              : fillFilter(config.userFilter, { login: key.username });
        const { searchEntries } = await client.search(config.userBase, {
          scope: 'sub',
          filter,
          attributes: ['dn', config.groups.memberOfAttribute, config.usernameAttribute],
          sizeLimit: 2,
        });
        if (searchEntries.length !== 1) return null; // none, or ambiguous: never guess who this is
        const entry = searchEntries[0];
        if (!entry) return null;
        const username = byId ? values(entry[config.usernameAttribute])[0] : 'githubId' in key ? key.githubLogin : key.username;
        if (!username) return null; // an entry without a name cannot own tokens or audit records
        const groups =
          config.groups.mode === 'memberOf'
            ? values(entry[config.groups.memberOfAttribute]).map(firstRdnValue).filter((g): g is string => Boolean(g))
            : await searchGroups(client, entry.dn, username);
        return { dn: entry.dn, username, groups: [...new Set(groups)].sort() };
      });
    },
    async close() {
      await Promise.all(idle.splice(0).map((client) => client.unbind().catch(() => undefined)));
    },
  };

  async function searchGroups(client: Client, dn: string, login: string): Promise<string[]> {
    const { searchEntries } = await client.search(config.groups.searchBase ?? config.userBase, {
      scope: 'sub',
      filter: fillFilter(config.groups.searchFilter, { dn, login }),
      attributes: [config.groups.nameAttribute],
    });
    return searchEntries.flatMap((entry) => values(entry[config.groups.nameAttribute]));
  }
}

function values(value: unknown): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (/timeout/i.test(err.message) || code === 'ETIMEDOUT') return 'timed out';
  // ldapts messages name the operation, never credentials; keep only the first line.
  return err.message.split('\n')[0] ?? 'error';
}
