import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from './server.ts';

let gh: GitHubStandIn;
beforeAll(async () => {
  gh = await startGitHubStandIn();
});
afterAll(() => gh.stop());
beforeEach(() => gh.reset());

const get = (path: string, token?: string) => fetch(`${gh.url}${path}`, { headers: token ? { authorization: `token ${token}` } : {} });

describe('repository contents API', () => {
  it('serves a file as base64 at a ref (github.com and Enterprise paths), and a folder as its entries', async () => {
    gh.putContents({ owner: 'acme', repo: 'deploy', files: { 'k8s/app.yaml': 'kind: ConfigMap\n', 'README.md': '# hi\n' } });
    gh.putContents({ owner: 'acme', repo: 'deploy', ref: 'v2', files: { 'k8s/app.yaml': 'kind: Secret\n' } });
    for (const prefix of ['', '/api/v3']) {
      const res = await get(`${prefix}/repos/acme/deploy/contents/k8s/app.yaml`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { type: string; encoding: string; content: string; path: string; url: string };
      expect(body).toMatchObject({ type: 'file', encoding: 'base64', path: 'k8s/app.yaml' });
      expect(Buffer.from(body.content, 'base64').toString('utf8')).toBe('kind: ConfigMap\n');
      expect(body.url).toBe(`${gh.url}${prefix}/repos/acme/deploy/contents/k8s/app.yaml?ref=main`);
    }
    const tagged = (await (await get('/repos/acme/deploy/contents/k8s/app.yaml?ref=v2')).json()) as { content: string };
    expect(Buffer.from(tagged.content, 'base64').toString('utf8')).toBe('kind: Secret\n');
    const root = (await (await get('/repos/acme/deploy/contents/')).json()) as { type: string; path: string }[];
    expect(root.map((e) => [e.type, e.path])).toEqual([['dir', 'k8s'], ['file', 'README.md']]);
  });

  it('answers 404 for missing paths, refs and repositories, and for a private repository without its token', async () => {
    gh.putContents({ owner: 'acme', repo: 'private', files: { 'a.yaml': 'a: 1\n' }, token: 'ghp_standin' });
    expect((await get('/repos/acme/private/contents/a.yaml')).status).toBe(404);
    expect((await get('/repos/acme/private/contents/a.yaml', 'ghp_other')).status).toBe(404);
    expect((await get('/repos/acme/private/contents/a.yaml', 'ghp_standin')).status).toBe(200);
    expect((await get('/repos/acme/private/contents/b.yaml', 'ghp_standin')).status).toBe(404);
    expect((await get('/repos/acme/private/contents/a.yaml?ref=nope', 'ghp_standin')).status).toBe(404);
    expect((await get('/repos/acme/none/contents/a.yaml')).status).toBe(404);
  });
});
