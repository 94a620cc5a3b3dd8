import 'server-only';
import fs from 'node:fs/promises';
import type { ArtifactAccountConfig, ArtifactAccountType } from '../config/artifacts-schema';

type Loose = Record<string, unknown>;

/** Where GitHub's API is when a github/file account names no baseUrl. */
export const GITHUB_API = 'https://api.github.com';

/**
 * The account that fetches `artifact`: the one its `artifactAccount` names, or the only account of
 * its type (Deck fills artifactAccount; hand-written pipelines often leave it out).
 */
export function accountFor(artifact: Loose, type: ArtifactAccountType, accounts: readonly ArtifactAccountConfig[]): ArtifactAccountConfig | { error: string } {
  const ofType = accounts.filter((a) => a.type === type);
  const names = ofType.map((a) => a.name).join(', ');
  const named = typeof artifact.artifactAccount === 'string' && artifact.artifactAccount !== '' ? artifact.artifactAccount : undefined;
  if (named !== undefined) {
    const account = accounts.find((a) => a.name === named);
    if (!account) return { error: `artifact account "${named}" is not configured in this Foresail${ofType.length ? ` (its ${type} accounts: ${names})` : ''}` };
    if (account.type !== type) return { error: `artifact account "${named}" fetches ${account.type} artifacts, not ${type}` };
    return account;
  }
  const [only] = ofType;
  if (only && ofType.length === 1) return only;
  return ofType.length === 0
    ? { error: `no ${type} artifact account is configured (artifacts.accounts in the configuration)` }
    : { error: `the artifact names no account (artifactAccount) and ${ofType.length} ${type} accounts are configured: ${names}` };
}

/** The account's URL prefix: what it may fetch, and so where its credentials may go. */
export function accountBase(account: ArtifactAccountConfig): string | undefined {
  return account.baseUrl ?? (account.type === 'github/file' ? GITHUB_API : undefined);
}

/** Whether `url` is under the account's base URL (same origin, path at or below), when it has one. */
export function isUnderBase(url: string, base: string | undefined): boolean {
  if (base === undefined) return true;
  if (!URL.canParse(url)) return false;
  const target = new URL(url);
  const root = new URL(base);
  const path = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  return target.origin === root.origin && (target.pathname === root.pathname || target.pathname.startsWith(path));
}

export type Credentials = { token: string } | { username: string; password: string } | { username: string } | undefined;

/** The account's credentials, files read at each use (a rotated, mounted secret needs no restart). */
export async function credentialsOf(account: ArtifactAccountConfig): Promise<Credentials> {
  const read = async (file: string) => (await fs.readFile(file, 'utf8')).trim();
  const token = account.token ?? (account.tokenFile ? await read(account.tokenFile) : undefined);
  const password = account.password ?? (account.passwordFile ? await read(account.passwordFile) : undefined);
  if (token !== undefined && account.username === undefined) return { token };
  if (account.username !== undefined) return { username: account.username, password: password ?? token ?? '' };
  return undefined;
}

/** The Authorization header value for HTTP fetches: a bearer token, or Basic with a username. */
export function authorizationOf(credentials: Credentials, tokenScheme = 'Bearer'): string | undefined {
  if (!credentials) return undefined;
  if ('token' in credentials) return `${tokenScheme} ${credentials.token}`;
  const password = 'password' in credentials ? credentials.password : '';
  return `Basic ${Buffer.from(`${credentials.username}:${password}`, 'utf8').toString('base64')}`;
}
