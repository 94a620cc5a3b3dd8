import 'server-only';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactAccountConfig } from '../config/artifacts-schema';
import type { EgressPolicy } from '../egress';
import { accountFor } from './accounts';
import { cleanSubPath, cloneGitRepo, type GitRepoRef } from './git-repo';
import { fetchGitHubFile } from './github-file';
import { fetchHttpFile } from './http-file';
import type { FetchedArtifact } from './result';

export type { FetchedArtifact } from './result';

/**
 * Remote artifacts (Spinnaker's artifact accounts): http/file, github/file and git/repo, fetched
 * with configured accounts' credentials under an egress policy. Dependencies are passed in; nothing
 * here reads configuration, and no credential reaches a result or an error.
 */
export interface ArtifactFetchDeps {
  accounts: readonly ArtifactAccountConfig[];
  policy: EgressPolicy;
  gitBinary: string;
  signal?: AbortSignal;
}

type Loose = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** An artifact fetched for a stage: a manifest, a chart or a values file. Larger is not a file a stage should pass around. */
export const ARTIFACT_MAX_BYTES = 8 * 1024 * 1024;
export const ARTIFACT_TIMEOUT_MS = 30_000;
/** git/repo manifests read as one file: the YAML files of a folder, as `kubectl apply -f DIR` takes them. */
const YAML_FILE = /\.(ya?ml|json)$/i;

function gitRepoRef(artifact: Loose): GitRepoRef | { error: string } {
  const url = text(artifact.reference);
  if (!url) return { error: 'it names no repository (its reference is empty)' };
  const metadata = typeof artifact.metadata === 'object' && artifact.metadata !== null ? (artifact.metadata as Loose) : {};
  const subPath = cleanSubPath(text(metadata.subPath) ?? text(artifact.location) ?? '');
  if (typeof subPath !== 'string') return subPath;
  return { url, branch: text(artifact.version) || 'master', subPath };
}

/**
 * Clones a git/repo artifact into `dir` (dir/repo holds the repository's files, without .git) and
 * returns the folder the artifact stands for (its sub-path).
 */
export async function checkoutArtifact(artifact: Loose, dir: string, deps: ArtifactFetchDeps): Promise<{ root: string; path: string } | { error: string }> {
  if (artifact.type !== 'git/repo') return { error: `it is a ${String(artifact.type ?? 'unknown')} artifact; only git/repo artifacts are folders` };
  const ref = gitRepoRef(artifact);
  if ('error' in ref) return ref;
  const account = accountFor(artifact, 'git/repo', deps.accounts);
  if ('error' in account) return account;
  const cloned = await cloneGitRepo(ref, account, deps.policy, { gitBinary: deps.gitBinary, dir, signal: deps.signal });
  if ('error' in cloned) return cloned;
  const root = path.join(dir, 'repo');
  const target = path.join(root, ref.subPath);
  try {
    await fs.stat(target);
  } catch {
    return { error: `the branch ${ref.branch} of the repository has no ${ref.subPath}` };
  }
  return { root, path: target };
}

async function gitRepoFile(artifact: Loose, deps: ArtifactFetchDeps): Promise<FetchedArtifact> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'foresail-artifact-'));
  try {
    const checkout = await checkoutArtifact(artifact, dir, deps);
    if ('error' in checkout) return checkout;
    const stat = await fs.stat(checkout.path);
    if (stat.isFile()) return { bytes: await fs.readFile(checkout.path) };
    const files = (await fs.readdir(checkout.path, { withFileTypes: true })).filter((e) => e.isFile() && YAML_FILE.test(e.name)).map((e) => e.name).sort();
    if (files.length === 0) return { error: 'it names a folder with no YAML files (set metadata.subPath to a manifest file or a folder of them)' };
    const docs = await Promise.all(files.map((name) => fs.readFile(path.join(checkout.path, name), 'utf8')));
    return { bytes: Buffer.from(docs.map((doc) => doc.replace(/\n?$/, '\n')).join('---\n'), 'utf8') };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The bytes of a remote artifact (a git/repo: the file, or the YAML files of the folder, its sub-path names). */
export async function fetchArtifact(artifact: Loose, deps: ArtifactFetchDeps): Promise<FetchedArtifact> {
  const type = text(artifact.type) ?? 'unknown';
  const limits = { signal: deps.signal, timeoutMs: ARTIFACT_TIMEOUT_MS, maxResponseBytes: ARTIFACT_MAX_BYTES };
  if (type === 'git/repo') return gitRepoFile(artifact, deps);
  if (type !== 'http/file' && type !== 'github/file') {
    return { error: `it is a ${type} artifact, which Foresail cannot fetch (it fetches embedded/base64, http/file, github/file and git/repo)` };
  }
  const reference = text(artifact.reference);
  if (!reference) return { error: 'it names nothing to fetch (its reference is empty)' };
  const account = accountFor(artifact, type, deps.accounts);
  if ('error' in account) return account;
  return type === 'http/file' ? fetchHttpFile(reference, account, deps.policy, limits) : fetchGitHubFile(reference, text(artifact.version), account, deps.policy, limits);
}
