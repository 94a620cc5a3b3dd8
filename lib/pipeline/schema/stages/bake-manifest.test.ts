import { describe, expect, it } from 'vitest';
import { checkPipeline } from '../../parse';

const bake = (fields: Record<string, unknown>) => ({
  refId: '1',
  type: 'bakeManifest',
  name: 'Bake',
  templateRenderer: 'HELM3',
  outputName: 'web',
  inputArtifacts: [{ id: 'chart', account: 'embedded-artifact' }],
  expectedArtifacts: [{ id: 'baked', matchArtifact: { type: 'embedded/base64', name: 'web' } }],
  ...fields,
});
const issuesOf = (fields: Record<string, unknown>) =>
  checkPipeline({ application: 'a', name: 'p', expectedArtifacts: [{ id: 'chart', matchArtifact: { type: 'embedded/base64' } }], stages: [bake(fields)] }).issues.map((i) => `${i.severity} ${i.path}: ${i.message}`);

describe('bakeManifest', () => {
  it('accepts a Helm 3 bake as Deck writes it', () => {
    expect(issuesOf({ overrides: { 'image.tag': '${trigger.parameters.tag}' }, rawOverrides: 'false', includeCRDs: true, namespace: 'prod' })).toStrictEqual([]);
  });

  it('refuses what Orca refuses at run time: no chart, not exactly one produced artifact, an output name that differs from it', () => {
    expect(issuesOf({ inputArtifacts: [], expectedArtifacts: [], outputName: '' })).toStrictEqual([
      'error stages[0].inputArtifacts: needs the chart to bake (an input artifact)',
      'error stages[0].expectedArtifacts: produces 0 artifacts; a bake produces exactly one embedded/base64 artifact, so list exactly one',
      'error stages[0].outputName: needs a name for the baked manifest (the release name, and the produced artifact\u2019s name)',
    ]);
    expect(issuesOf({ outputName: 'api' })).toStrictEqual(['error stages[0].outputName: is "api", but the produced artifact is named "web"; Spinnaker requires the two to match']);
  });

  it('needs an input named by id alone to be an artifact the pipeline or a stage defines', () => {
    expect(issuesOf({ inputArtifacts: [{ id: 'chart' }, { id: 'values' }, { id: 'gone', artifact: { type: 'embedded/base64', reference: 'YTogMQ==' } }] })).toStrictEqual([
      'error stages[0].inputArtifacts[1].id: refers to expected artifact "values", which is not defined in this pipeline',
    ]);
  });

  it('warns about what imports but will not run: Helmfile, a chart artifact Helm cannot read; Helm 2 charts render with Helm 3', () => {
    expect(issuesOf({ templateRenderer: 'HELMFILE' })).toStrictEqual([
      'warning stages[0].templateRenderer: is HELMFILE: Foresail runs the HELM3 and KUSTOMIZE renderers (not Helmfile or CDK8s); the pipeline is kept as written, and a run fails when it reaches this stage',
    ]);
    expect(issuesOf({ templateRenderer: 'HELM2', inputArtifacts: [{ account: 'helm', artifact: { type: 'helm/chart', name: 'nginx', version: '0.2.4' } }, { artifact: { type: 'github/file', reference: 'https://api.github.com/repos/a/b/contents/values.yaml' } }] })).toStrictEqual([
      'warning stages[0].templateRenderer: is HELM2: Helm 2 is end-of-life, so Foresail renders the chart with Helm 3 (which reads Helm 2 charts); a chart that relies on Helm 2 behaviour may render differently',
      'warning stages[0].inputArtifacts[0].artifact.type: is helm/chart: Foresail bakes Helm charts from embedded/base64, http/file and github/file artifacts (a packaged chart) and git/repo artifacts (a chart folder); a run fails when it reaches this stage',
    ]);
  });

  it('accepts a Kustomize bake as Deck writes it (one git/repo inputArtifact and kustomizeFilePath), and says what it lacks', () => {
    const repo = { type: 'git/repo', reference: 'https://github.com/acme/deploy.git', version: 'main', artifactAccount: 'gitrepo' };
    expect(issuesOf({ templateRenderer: 'KUSTOMIZE', inputArtifacts: undefined, inputArtifact: { account: 'gitrepo', artifact: repo }, kustomizeFilePath: 'overlays/prod/kustomization.yaml' })).toStrictEqual([]);
    expect(issuesOf({ templateRenderer: 'KUSTOMIZE4', inputArtifacts: undefined, inputArtifact: { id: 'chart' }, kustomizeFilePath: 'k/kustomization.yaml' })).toStrictEqual([]);
    expect(issuesOf({ templateRenderer: 'KUSTOMIZE', inputArtifacts: undefined, inputArtifact: { artifact: { type: 'embedded/base64', reference: 'eA==' } } })).toStrictEqual([
      'warning stages[0].inputArtifact.artifact.type: is embedded/base64: a Kustomize bake builds from a git/repo artifact; a run fails when it reaches this stage',
      'error stages[0].kustomizeFilePath: needs the kustomization file to build (its path in the repository, such as overlays/prod/kustomization.yaml)',
    ]);
    expect(issuesOf({ templateRenderer: 'KUSTOMIZE', inputArtifacts: undefined, inputArtifact: { id: 'missing' }, kustomizeFilePath: 'k' })).toStrictEqual([
      'error stages[0].inputArtifact.id: refers to expected artifact "missing", which is not defined in this pipeline',
    ]);
  });
});
