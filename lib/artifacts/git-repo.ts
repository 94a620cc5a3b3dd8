import 'server-only';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactAccountConfig } from '../config/artifacts-schema';
import { checkEgressTarget, EgressError, type EgressPolicy } from '../egress';
import { accountBase, authorizationOf, credentialsOf, isUnderBase, type Credentials } from './accounts';
import { shownUrl } from './result';

/** What a git/repo artifact names (Spinnaker: reference = URL, version = branch, metadata.subPath). */
export interface GitRepoRef {
  url: string;
  /** Branch or tag; Spinnaker's default is master. */
  branch: string;
  /** The part of the repository the artifact stands for ('' = all of it). */
  subPath: string;
}

export const GIT_TIMEOUT_MS = 120_000;
const MAX_ERROR_CHARS = 1_000;

/** The sub-path as a relative path inside the repository, or an error when it would leave it. */
export function cleanSubPath(subPath: string): string | { error: string } {
  const normal = path.posix.normalize(subPath.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (normal === '.' || normal === '') return '';
  if (normal === '..' || normal.startsWith('../')) return { error: `the sub-path "${subPath}" leaves the repository` };
  return normal;
}

/**
 * Git hosts take HTTP Basic for clones: a token goes as the password, with the account's username or
 * `x-access-token` (what GitHub expects for tokens; GitLab and others accept any name with a token).
 */
function gitAuthorization(credentials: Credentials): string | undefined {
  if (credentials && 'token' in credentials) return authorizationOf({ username: 'x-access-token', password: credentials.token });
  return authorizationOf(credentials);
}

/** git's message, without credentials (it never prints the header, but a URL may carry a user) and bounded. */
function gitMessage(stderr: string, url: string): string {
  const text = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Cloning into'))
    .join('; ')
    .replaceAll(url, shownUrl(url));
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/**
 * Clones the branch (depth 1) into `dir` with git run directly (no shell), over http(s) only, to the
 * addresses the egress policy checked (`http.curloptResolve` pins them, so DNS cannot change between
 * the check and the clone), with redirects off (a redirect would skip the check). Credentials go in
 * an `http.extraHeader` passed through the environment (not the command line, which `ps` shows), and
 * the host's git configuration, credential helpers and prompts are out of play. Symlinks are checked
 * out as plain files, so nothing in the clone points outside it. Afterwards `.git` is removed.
 */
export async function cloneGitRepo(ref: GitRepoRef, account: ArtifactAccountConfig, policy: EgressPolicy, options: { gitBinary: string; dir: string; signal?: AbortSignal }): Promise<{ ok: true } | { error: string }> {
  const base = accountBase(account);
  if (!isUnderBase(ref.url, base)) return { error: `${shownUrl(ref.url)} is not under ${base ?? ''}, the base URL of artifact account ${account.name}` };
  let addresses: string[];
  let url: URL;
  try {
    const target = await checkEgressTarget(ref.url, policy);
    url = target.url;
    addresses = target.addresses.map((a) => (a.family === 6 ? `[${a.address}]` : a.address));
  } catch (err) {
    if (err instanceof EgressError) return { error: `cloning ${shownUrl(ref.url)} failed: ${err.message}` };
    throw err;
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const authorization = gitAuthorization(await credentialsOf(account));
  const config: [string, string][] = [
    ['http.curloptResolve', `${url.hostname.replace(/^\[|\]$/g, '')}:${port}:${addresses.join(',')}`],
    ['http.followRedirects', 'false'],
    ['core.symlinks', 'false'],
    ['credential.helper', ''],
    ...(authorization ? ([['http.extraHeader', `Authorization: ${authorization}`]] as [string, string][]) : []),
  ];
  const home = path.join(options.dir, '.git-home');
  await fs.mkdir(home, { recursive: true });
  const env = {
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'true',
    GIT_ALLOW_PROTOCOL: 'http:https',
    GIT_CONFIG_COUNT: String(config.length),
    ...Object.fromEntries(config.flatMap(([key, value], i) => [[`GIT_CONFIG_KEY_${i}`, key], [`GIT_CONFIG_VALUE_${i}`, value]])),
  };
  const checkout = path.join(options.dir, 'repo');
  const args = ['clone', '--quiet', '--depth', '1', '--single-branch', '--branch', ref.branch, '--no-tags', '--', url.href, checkout];
  const failure = await new Promise<string | undefined>((resolve, reject) => {
    execFile(options.gitBinary, args, { env, cwd: options.dir, timeout: GIT_TIMEOUT_MS, signal: options.signal, encoding: 'utf8', windowsHide: true, maxBuffer: 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve(undefined);
      if (options.signal?.aborted) return reject(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
      if (err.code === 'ENOENT') return resolve(`git could not be started: ${options.gitBinary} was not found (configure bake.gitBinary)`);
      if (err.killed || err.signal) return resolve(`git did not finish cloning within ${GIT_TIMEOUT_MS / 1000} s`);
      resolve(gitMessage(stderr, ref.url) || err.message);
    });
  });
  await fs.rm(home, { recursive: true, force: true });
  if (failure !== undefined) return { error: `cloning ${shownUrl(ref.url)} (branch ${ref.branch}) failed: ${failure}` };
  await fs.rm(path.join(checkout, '.git'), { recursive: true, force: true });
  return { ok: true };
}
