import 'server-only';
import fs from 'node:fs';
import { Client, InvalidCredentialsError } from 'ldapts';
import type { z } from 'zod';
import type { ldapConfigSchema } from '../config/auth-schema';
import { DirectoryUnavailableError, isDirectoryUnavailable, type DirectoryPerson, type DirectoryProvider, type PersonKey } from './directory-provider';
import { fillFilter, firstRdnValue } from './ldap-filter';

export type LdapConfig = z.infer<typeof ldapConfigSchema>;

export interface DirectoryUser extends DirectoryPerson {
  dn: string;
}

/** True when people are found by GitHub id; false in the compatibility mode that finds them by login. */
export const bindsById = (config: Pick<LdapConfig, 'userFilter'>) => config.userFilter.includes('{id}');

export interface LdapDirectory extends DirectoryProvider {
  findUser(key: PersonKey): Promise<DirectoryUser | null>;
}

const maxIdle = 4;

/**
 * An LDAP directory reached with a service account. Bound clients are pooled and reused; a client
 * that fails is unbound and dropped, never returned to the pool. Every client is unbound on close.
 */
export function createLdapDirectory(config: LdapConfig): LdapDirectory {
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
