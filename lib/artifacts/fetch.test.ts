import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from '@/e2e/github/server';
import type { ArtifactAccountConfig } from '../config/artifacts-schema';
import { startTestServer, type TestServer } from '../egress/test-server';
import { checkoutArtifact, fetchArtifact, type ArtifactFetchDeps } from '.';
import { startTestGitRepo, type TestGitRepo } from './test-git-repo';

// Each remote type against a real local server: the GitHub stand-in's contents API, a plain HTTP
// server, and a bare repository served over git's HTTP protocol, under a real egress policy.
const TOKEN = 'ghp_artifact_token_value';
let gh: GitHubStandIn;
let web: TestServer;
let repo: TestGitRepo;
let privateRepo: TestGitRepo;
let accounts: ArtifactAccountConfig[];
const text = (r: { bytes: Buffer } | { error: string }) => ('bytes' in r ? r.bytes.toString('utf8') : r.error);
const allowLoopback = (extra: Partial<ArtifactFetchDeps> = {}): ArtifactFetchDeps => ({ accounts, policy: { allow: ['127.0.0.1'] }, gitBinary: 'git', ...extra });

beforeAll(async () => {
  gh = await startGitHubStandIn();
  gh.putContents({ owner: 'acme', repo: 'deploy', files: { 'k8s/app.yaml': 'kind: ConfigMap\n' }, token: TOKEN });
  gh.putContents({ owner: 'acme', repo: 'deploy', ref: 'release-2', files: { 'k8s/app.yaml': 'kind: ConfigMap # release 2\n' } });
  web = await startTestServer((req, res) => {
    if (req.path === '/private.yaml' && req.headers.authorization !== `Basic ${Buffer.from('deployer:s3cret-pass').toString('base64')}`) res.writeHead(401).end();
    else if (req.path === '/chart.tgz') res.writeHead(200).end(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe]));
    else if (req.path.endsWith('.yaml')) res.writeHead(200).end(`path: ${req.path}\n`);
    else res.writeHead(404).end();
  });
  repo = await startTestGitRepo({ main: { 'apps/web/a.yaml': 'a: 1\n', 'apps/web/b.yml': 'b: 2', 'apps/web/notes.txt': 'x', 'root.yaml': 'root: main\n' }, 'release-2': { 'root.yaml': 'root: release-2\n' } });
  privateRepo = await startTestGitRepo({ main: { 'app.yaml': 'private: true\n' } }, { token: 'git-token-value', name: 'private' });
  accounts = [
    { name: 'gh', type: 'github/file', baseUrl: `${gh.url}/api/v3`, token: TOKEN },
    { name: 'web', type: 'http/file' },
    { name: 'web-basic', type: 'http/file', baseUrl: `${web.origin}/`, username: 'deployer', password: 's3cret-pass' },
    { name: 'git', type: 'git/repo' },
    { name: 'git-private', type: 'git/repo', token: 'git-token-value' },
  ];
});

afterAll(async () => {
  await gh?.stop();
  await web?.close();
  await repo?.close();
  await privateRepo?.close();
});

describe('github/file', () => {
  const reference = () => `${gh.url}/api/v3/repos/acme/deploy/contents/k8s/app.yaml`;

  it('reads a file through the contents API (GitHub Enterprise base URL) with the account token, at the artifact version', async () => {
    expect(text(await fetchArtifact({ type: 'github/file', reference: reference(), artifactAccount: 'gh' }, allowLoopback()))).toBe('kind: ConfigMap\n');
    expect(text(await fetchArtifact({ type: 'github/file', reference: reference(), version: 'release-2' }, allowLoopback()))).toBe('kind: ConfigMap # release 2\n');
  });

  it('says what is missing, and never sends the token outside the account base URL', async () => {
    expect(text(await fetchArtifact({ type: 'github/file', reference: reference().replace('app.yaml', 'gone.yaml') }, allowLoopback()))).toMatch(/^GitHub has no file .*\/k8s\/gone\.yaml/);
    const before = gh.requests.length;
    const elsewhere = await fetchArtifact({ type: 'github/file', reference: `${web.origin}/repos/acme/deploy/contents/a.yaml` }, allowLoopback());
    expect(text(elsewhere)).toMatch(/is not a contents URL of artifact account gh's GitHub/);
    expect(web.requests.filter((r) => r.path.startsWith('/repos'))).toEqual([]);
    expect(gh.requests.length).toBe(before);
  });
});

describe('http/file', () => {
  it('fetches text and binary files, with Basic credentials when the account has them', async () => {
    expect(text(await fetchArtifact({ type: 'http/file', reference: `${web.origin}/m.yaml`, artifactAccount: 'web' }, allowLoopback()))).toBe('path: /m.yaml\n');
    expect(text(await fetchArtifact({ type: 'http/file', reference: `${web.origin}/private.yaml`, artifactAccount: 'web-basic' }, allowLoopback()))).toBe('path: /private.yaml\n');
    const chart = await fetchArtifact({ type: 'http/file', reference: `${web.origin}/chart.tgz`, artifactAccount: 'web' }, allowLoopback());
    expect('bytes' in chart && [...chart.bytes]).toEqual([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe]);
    expect(text(await fetchArtifact({ type: 'http/file', reference: `${web.origin}/none`, artifactAccount: 'web' }, allowLoopback()))).toBe(`${web.origin}/none answered HTTP 404`);
  });

  it('refuses a loopback address the egress policy does not allow, with the reason', async () => {
    const refused = await fetchArtifact({ type: 'http/file', reference: `${web.origin}/m.yaml?token=abc`, artifactAccount: 'web' }, allowLoopback({ policy: { allow: [] } }));
    expect(text(refused)).toBe(`fetching ${web.origin}/m.yaml failed: 127.0.0.1 is a loopback address; ask an administrator to allow it in egress.allow`);
  });

  it('picks the account by artifactAccount, or the only one of the type, and says which are configured', async () => {
    expect(text(await fetchArtifact({ type: 'http/file', reference: `${web.origin}/m.yaml` }, allowLoopback()))).toBe('the artifact names no account (artifactAccount) and 2 http/file accounts are configured: web, web-basic');
    expect(text(await fetchArtifact({ type: 'http/file', reference: `${web.origin}/m.yaml`, artifactAccount: 'nope' }, allowLoopback()))).toBe('artifact account "nope" is not configured in this Foresail (its http/file accounts: web, web-basic)');
    expect(text(await fetchArtifact({ type: 'http/file', reference: `${web.origin}/m.yaml`, artifactAccount: 'gh' }, allowLoopback()))).toBe('artifact account "gh" fetches github/file artifacts, not http/file');
    expect(text(await fetchArtifact({ type: 's3/object', reference: 's3://b/k' }, allowLoopback()))).toMatch(/^it is a s3\/object artifact, which Foresail cannot fetch/);
  });
});

describe('git/repo', () => {
  it('reads the file or the YAML files of the folder that the sub-path names, at the branch', async () => {
    expect(text(await fetchArtifact({ type: 'git/repo', reference: repo.url, version: 'main', metadata: { subPath: 'root.yaml' }, artifactAccount: 'git' }, allowLoopback()))).toBe('root: main\n');
    expect(text(await fetchArtifact({ type: 'git/repo', reference: repo.url, version: 'release-2', metadata: { subPath: 'root.yaml' }, artifactAccount: 'git' }, allowLoopback()))).toBe('root: release-2\n');
    expect(text(await fetchArtifact({ type: 'git/repo', reference: repo.url, version: 'main', metadata: { subPath: 'apps/web' }, artifactAccount: 'git' }, allowLoopback()))).toBe('a: 1\n---\nb: 2\n');
  });

  it('checks out the repository for a bake, and clones a private one with the account token', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'checkout-test-'));
    try {
      const checkout = await checkoutArtifact({ type: 'git/repo', reference: privateRepo.url, version: 'main', artifactAccount: 'git-private' }, dir, allowLoopback());
      expect(checkout).toEqual({ root: path.join(dir, 'repo'), path: path.join(dir, 'repo') });
      expect(await fs.readFile(path.join(dir, 'repo', 'app.yaml'), 'utf8')).toBe('private: true\n');
      await expect(fs.stat(path.join(dir, 'repo', '.git'))).rejects.toThrow();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    // Without the token the server answers 401, and git is never prompted.
    const refused = await fetchArtifact({ type: 'git/repo', reference: privateRepo.url, version: 'main', metadata: { subPath: 'app.yaml' }, artifactAccount: 'git' }, allowLoopback());
    expect(text(refused)).toMatch(/^cloning http:\/\/127\.0\.0\.1:\d+\/private\.git \(branch main\) failed: .*(401|Authentication failed|could not read Username)/);
  });

  it('says when the branch, the sub-path or the address is not there or not allowed', async () => {
    expect(text(await fetchArtifact({ type: 'git/repo', reference: repo.url, version: 'nope', artifactAccount: 'git' }, allowLoopback()))).toMatch(/\(branch nope\) failed: .*nope/);
    expect(text(await fetchArtifact({ type: 'git/repo', reference: repo.url, version: 'main', metadata: { subPath: 'missing' }, artifactAccount: 'git' }, allowLoopback()))).toBe('the branch main of the repository has no missing');
    expect(text(await fetchArtifact({ type: 'git/repo', reference: repo.url, metadata: { subPath: '../etc' }, artifactAccount: 'git' }, allowLoopback()))).toBe('the sub-path "../etc" leaves the repository');
    expect(text(await fetchArtifact({ type: 'git/repo', reference: repo.url, version: 'main', artifactAccount: 'git' }, allowLoopback({ policy: { allow: [] } })))).toMatch(/^cloning .* failed: 127\.0\.0\.1 is a loopback address; ask an administrator to allow it in egress\.allow$/);
    expect(text(await fetchArtifact({ type: 'git/repo', reference: '/srv/repos/secret.git', artifactAccount: 'git' }, allowLoopback()))).toMatch(/^cloning .* failed: .*not a valid absolute URL/);
    expect(text(await fetchArtifact({ type: 'git/repo', reference: 'file:///srv/repos/secret.git', artifactAccount: 'git' }, allowLoopback()))).toMatch(/file: URLs are not allowed/);
  });
});
