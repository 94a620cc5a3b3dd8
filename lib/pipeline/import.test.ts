import { describe, expect, it } from 'vitest';
import { parsePipelineImport } from './import';

const pipeline = (name: string, extra: Record<string, unknown> = {}) => ({
  application: 'shop',
  name,
  stages: [{ refId: '1', type: 'wait', name: 'Wait', waitTime: 1 }],
  ...extra,
});

describe('parsePipelineImport', () => {
  it('accepts a single pipeline', () => {
    const result = parsePipelineImport(pipeline('Deploy'));
    expect(result.application).toBeUndefined();
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ index: 0, name: 'Deploy', issues: [], pipeline: { application: 'shop', name: 'Deploy' } });
  });

  it('accepts a list of pipelines, each with its own report', () => {
    const result = parsePipelineImport([pipeline('A'), { application: 'shop', name: 'B', stages: [{ refId: '1', type: 'wait', waitTime: 'soon' }] }, 'junk']);
    expect(result.items.map((i) => [i.index, i.name, i.pipeline !== undefined, i.issues.map((x) => x.path)])).toStrictEqual([
      [0, 'A', true, []],
      [1, 'B', true, ['stages[0].waitTime', 'stages[0].name']],
      [2, undefined, false, ['']],
    ]);
  });

  it('accepts a Dinghy-style container and fills in its application', () => {
    const result = parsePipelineImport({ application: 'shop', globals: {}, pipelines: [{ name: 'A', stages: [] }, pipeline('B', { application: 'other' })] });
    expect(result.application).toBe('shop');
    expect(result.items[0]?.pipeline?.application).toBe('shop');
    expect(result.items[1]?.issues).toContainEqual({ path: 'application', message: 'belongs to application "other", but the import is for "shop"', severity: 'warning' });
  });

  it('fills the application the import is made for', () => {
    const result = parsePipelineImport({ name: 'A', stages: [] }, { application: 'shop' });
    expect(result.items[0]?.pipeline?.application).toBe('shop');
    expect(result.items[0]?.issues).toStrictEqual([{ path: 'application', message: 'was missing; the pipeline is imported into application "shop"', severity: 'warning' }]);
    expect(parsePipelineImport({ name: 'A', stages: [] }).items[0]?.issues).toStrictEqual([
      {
        path: 'application',
        message: 'every pipeline belongs to an application; import it from an application (or pass --application) to say where it belongs',
        severity: 'warning',
      },
    ]);
  });

  it('names a pipeline without a name (pasted into Deck\'s "Edit as JSON") after the file, and says so', () => {
    const [item] = parsePipelineImport({ stages: [] }, { application: 'shop', name: 'deploy-prod' }).items;
    expect(item?.config).toMatchObject({ application: 'shop', name: 'deploy-prod' });
    expect(item?.issues).toContainEqual({ path: 'name', message: 'was missing; the pipeline is named "deploy-prod" after the file', severity: 'warning' });
    const list = parsePipelineImport([{ stages: [] }, { stages: [] }], { application: 'shop' }).items;
    expect(list.map((i) => i.name)).toStrictEqual(['Imported pipeline 1', 'Imported pipeline 2']);
  });

  it('refuses only what cannot be a pipeline', () => {
    const refused = (input: unknown) => parsePipelineImport(input, { application: 'shop' }).items[0]?.issues.filter((i) => i.severity === 'error');
    expect(refused({ name: 'A' })).toStrictEqual([{ path: 'stages', message: 'has no stages list, so this is not a pipeline', severity: 'error' }]);
    expect(refused({ name: 'A', stages: [{ name: 'typeless' }] })).toStrictEqual([{ path: 'stages[0].type', message: 'every stage needs a type', severity: 'error' }]);
    expect(refused(pipeline('A', { stages: [{ refId: '1', type: 'wait' }, { refId: '1', type: 'wait' }] }))?.map((i) => i.path)).toStrictEqual(['stages[1].refId']);
    // Negative or non-numeric numbers, bad enum values, unknown types and dangling artifact ids are warnings.
    const kept = parsePipelineImport(
      pipeline('A', {
        stages: [
          { refId: '1', type: 'wait', name: 'W', waitTime: -5 },
          { refId: '2', type: 'scaleManifest', name: 'S', account: 'a', manifestName: 'deployment web', replicas: 'many' },
          { refId: '3', type: 'deployManifest', name: 'D', account: 'a', source: 'bogus', manifests: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }], requiredArtifactIds: ['nope'] },
          { refId: '4', type: 'jenkins', name: 'J', master: 'ci', job: 'build' },
        ],
      }),
    ).items[0];
    expect(kept?.issues.map((i) => [i.severity, i.path, i.message])).toStrictEqual([
      ['warning', 'stages[0].waitTime', 'must be at least 0 (found -5); the stage fails when a run reaches it, until this is fixed'],
      ['warning', 'stages[1].replicas', 'must be a whole number (found "many"); the stage fails when a run reaches it, until this is fixed'],
      ['warning', 'stages[2].source', 'must be one of "text", "artifact" (found "bogus"); the stage fails when a run reaches it, until this is fixed'],
      [
        'warning',
        'stages[3].type',
        '"jenkins" stages do not run in Foresail: Foresail has no CI-server integration; run the build as a Kubernetes Job (runJobManifest) or call the CI server with a webhook stage. The pipeline is kept as written, and a run fails when it reaches this stage',
      ],
      ['warning', 'stages[2].requiredArtifactIds[0]', 'refers to expected artifact "nope", which is not defined in this pipeline; the stage fails when a run reaches it, until this is fixed'],
    ]);
    // What is stored keeps every value as written.
    expect(kept?.config).toMatchObject({ stages: [{ waitTime: -5 }, { replicas: 'many' }, { source: 'bogus' }, { type: 'jenkins', master: 'ci' }] });
  });

  it('flags two pipelines of an import with one name or one id', () => {
    const result = parsePipelineImport([pipeline('Same', { id: 'x' }), pipeline('Same', { id: 'x' })]);
    expect(result.items[1]?.issues).toStrictEqual([
      { path: 'name', message: 'pipeline 1 of this import has the same name in the same application; importing both keeps only this one', severity: 'warning' },
      { path: 'id', message: 'pipeline 1 of this import has the same id; importing both keeps only this one', severity: 'warning' },
    ]);
  });

  it('explains input that is no pipeline at all', () => {
    expect(parsePipelineImport(42).items).toStrictEqual([
      { index: 0, issues: [{ path: '', message: 'expected a pipeline, a list of pipelines, or {application, pipelines: [...]}', severity: 'error' }] },
    ]);
    expect(parsePipelineImport([]).items).toStrictEqual([]);
  });

  it('passes the validation context through', () => {
    const result = parsePipelineImport(pipeline('A', { stages: [{ refId: '1', type: 'scaleManifest', name: 'Scale', account: 'nope', manifestName: 'deployment a', replicas: 1 }] }), {
      context: { accounts: ['prod'] },
    });
    expect(result.items[0]?.issues).toStrictEqual([{ path: 'stages[0].account', message: 'account "nope" is not configured in Foresail, or you may not use it', severity: 'warning' }]);
  });

  it('reads the artifacts stages produce as targets of requiredArtifactIds and manifestArtifactId', () => {
    const [item] = parsePipelineImport(
      pipeline('A', {
        stages: [
          { refId: '1', type: 'findArtifactFromExecution', name: 'F', application: 'other', pipeline: 'abc', executionOptions: { successful: true }, expectedArtifact: { id: 'img', matchArtifact: { type: 'docker/image', name: 'gcr.io/x' } } },
          { refId: '2', type: 'bakeManifest', name: 'B', templateRenderer: 'HELM3', outputName: 'x', inputArtifacts: [{ artifact: { type: 'embedded/base64', reference: 'H4sI' } }], expectedArtifacts: [{ id: 'baked', matchArtifact: { type: 'embedded/base64', name: 'x' } }] },
          { refId: '3', requisiteStageRefIds: ['1', '2'], type: 'deployManifest', name: 'D', account: 'a', source: 'artifact', manifestArtifactId: 'baked', requiredArtifactIds: ['img'] },
        ],
      }),
    ).items;
    // Nothing says an artifact id is unknown.
    expect(item?.issues).toStrictEqual([]);
  });

  it('reads the older deleteManifest by kinds and label selectors, and every spelling of the dynamic criteria', () => {
    const [item] = parsePipelineImport(
      pipeline('A', {
        stages: [
          { refId: '1', type: 'deleteManifest', name: 'D', account: 'a', cloudProvider: 'kubernetes', location: 'web', kinds: ['deployment'], labelSelectors: { selectors: [{ kind: 'EQUALS', key: 'app', values: ['web'] }, { kind: 'NOT_EXISTS', key: 'keep', values: [] }] } },
          { refId: '2', type: 'scaleManifest', name: 'S', credentials: 'a', location: 'web', cluster: 'deployment web', kind: 'deployment', criteria: 'second_newest', replicas: 2 },
          { refId: '3', type: 'scaleManifest', name: 'S2', account: 'a', location: 'web', cluster: 'deployment web', kind: 'deployment', criteria: 'secondNewest', replicas: 2 },
        ],
      }),
    ).items;
    expect(item?.issues).toStrictEqual([]);
    expect(item?.pipeline?.stages.map((s) => [s.mode, s.criteria, s.account])).toStrictEqual([
      ['label', undefined, 'a'],
      ['dynamic', 'second-newest', 'a'],
      ['dynamic', 'second-newest', 'a'],
    ]);
  });

  it('checks an MPT v2 template document without storing it, and keeps a templated pipeline with a warning', () => {
    const [template] = parsePipelineImport({ schema: 'v2', id: 'tpl', metadata: { name: 'Template' }, variables: [], pipeline: { stages: [{ refId: '1', type: 'wait', name: 'W', waitTime: '${ templateVariables.t }' }] } }, { application: 'shop' }).items;
    expect(template).toMatchObject({ template: true, name: 'Template' });
    expect(template?.issues[0]?.message).toMatch(/^is a pipeline template \(Managed Pipeline Templates v2, id "tpl"\)/);
    const [templated] = parsePipelineImport({ schema: 'v2', application: 'shop', name: 'P', template: { reference: 'spinnaker://tpl' }, stages: [] }).items;
    expect(templated?.issues.map((i) => i.path)).toStrictEqual(['template']);
    expect(templated?.config).toBeDefined();
  });
});
