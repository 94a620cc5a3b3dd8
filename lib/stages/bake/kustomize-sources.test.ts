import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKustomizeSources } from './kustomize-sources';

const dirs: string[] = [];
async function tree(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kustomize-sources-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), text);
  }
  return root;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

describe('checkKustomizeSources', () => {
  it('accepts an overlay whose bases, patches and generator files are all in the repository', async () => {
    const root = await tree({
      'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'base/deploy.yaml': 'kind: Deployment\n',
      'overlay/Kustomization': 'resources: [../base]\npatches:\n  - path: patch.yaml\n  - patch: "inline: true"\nconfigMapGenerator:\n  - name: c\n    files: [conf=app.conf]\n    envs: [app.env]\npatchesStrategicMerge:\n  - |\n    kind: Deployment\n',
      'overlay/patch.yaml': 'kind: Deployment\n',
      'overlay/app.conf': 'x\n',
      'overlay/app.env': 'A=1\n',
    });
    expect(await checkKustomizeSources(root, path.join(root, 'overlay'))).toBeUndefined();
  });

  it('refuses remote bases, paths outside the artifact, missing files, Helm charts and folders without a kustomization', async () => {
    const root = await tree({
      'a/kustomization.yaml': 'resources: [github.com/acme/base?ref=main]\n',
      'b/kustomization.yaml': 'resources: [../../outside]\n',
      'c/kustomization.yml': 'configMapGenerator:\n  - name: c\n    files: [k=/etc/passwd]\n',
      'd/kustomization.yaml': 'helmCharts:\n  - name: nginx\n    repo: https://charts.example\n',
      'e/kustomization.yaml': 'resources: [../f]\n',
      'f/readme.md': 'no kustomization\n',
      'g/kustomization.yaml': 'resources: [x\n',
    });
    const check = (dir: string) => checkKustomizeSources(root, path.join(root, dir));
    expect(await check('a')).toBe(`a/kustomization.yaml names "github.com/acme/base?ref=main" in resources, which is not a file or folder of the repository; Foresail builds only from the repository's own files (remote bases are not fetched)`);
    expect(await check('b')).toMatch(/^b\/kustomization\.yaml names "\.\.\/\.\.\/outside" in resources, which is not a file or folder of the repository \(it is outside the artifact\)/);
    expect(await check('c')).toMatch(/^c\/kustomization\.yml names "\/etc\/passwd" in configMapGenerator, .* \(it is outside the artifact\)/);
    expect(await check('d')).toBe('d/kustomization.yaml inflates Helm charts (helmCharts), which would download them; bake the chart with the HELM3 renderer instead');
    expect(await check('e')).toBe('f has no kustomization file (kustomization.yaml, kustomization.yml, Kustomization)');
    expect(await check('g')).toMatch(/^g\/kustomization\.yaml is not valid YAML/);
  });
});
