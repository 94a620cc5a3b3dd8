import { describe, expect, it } from 'vitest';
import { parseTemplateReference, formatTemplateReference } from './reference';
import { isTemplatedPipeline, resolveTemplatedPipeline, templateReferenceOf } from './resolve';
import { nestsDeeperThan, templateDocumentSchema, templateScopes } from './template-document';
import template from '../../../e2e/fixtures/spinnaker-corpus/mpt-v2/create-template-newSpelTemplate.json';
import instance from '../../../e2e/fixtures/spinnaker-corpus/mpt-v2/instantiate-templated-pipeline.json';

const digest = 'a'.repeat(64);
const doc = templateDocumentSchema.parse(template);

const deployTemplate = templateDocumentSchema.parse({
  id: 'deploy',
  schema: 'v2',
  metadata: { name: 'Deploy', scopes: ['shop'] },
  variables: [
    { name: 'namespace', type: 'string' },
    { name: 'replicas', type: 'int', defaultValue: 2 },
    { name: 'approve', type: 'bool', defaultValue: true },
  ],
  pipeline: {
    lastModifiedBy: 'someone',
    triggers: [{ type: 'docker', enabled: true, repository: 'acme/web' }],
    parameterConfig: [{ name: 'region', default: 'eu' }, { name: 'size', default: 's' }],
    notifications: [{ type: 'slack', address: '#deploys', when: ['pipeline.failed'] }],
    stages: [
      { refId: 'bake', type: 'wait', name: 'Bake', waitTime: 1 },
      { refId: 'deploy', requisiteStageRefIds: ['bake'], type: 'wait', name: 'Deploy to ${templateVariables.namespace}', waitTime: '${ templateVariables.replicas }' },
      { refId: 'verify', requisiteStageRefIds: ['deploy'], type: 'wait', name: 'Verify', waitTime: 3 },
    ],
  },
});

const config = (extra: Record<string, unknown> = {}) => ({
  schema: 'v2',
  type: 'templatedPipeline',
  application: 'shop',
  name: 'Deploy shop',
  id: 'p1',
  template: { artifactAccount: 'front50ArtifactCredentials', reference: 'spinnaker://deploy', type: 'front50/pipelineTemplate' },
  variables: { namespace: 'prod' },
  ...extra,
});

describe('template references', () => {
  it('reads the three spellings Front50 keys templates by, and refuses anything else', () => {
    expect(parseTemplateReference('spinnaker://newSpelTemplate')).toStrictEqual({ id: 'newSpelTemplate' });
    expect(parseTemplateReference('spinnaker://t:stable')).toStrictEqual({ id: 't', tag: 'stable' });
    expect(parseTemplateReference(`spinnaker://t@sha256:${digest}`)).toStrictEqual({ id: 't', digest });
    expect(parseTemplateReference('https://x/t')).toBeUndefined();
    expect(parseTemplateReference('spinnaker://t:a:b')).toBeUndefined();
    expect(formatTemplateReference({ id: 't', tag: 'stable' })).toBe('spinnaker://t:stable');
  });

  it('names the field when a templated pipeline names no stored template', () => {
    expect(templateReferenceOf(config({ template: { reference: 'gs://bucket/t.json', type: 'gcs/object' } }))).toMatchObject({ issue: { path: 'template.type' } });
    expect(templateReferenceOf(config({ template: {} }))).toMatchObject({ issue: { path: 'template.reference' } });
    expect(templateReferenceOf(config())).toStrictEqual({ ref: { id: 'deploy' } });
  });

  it('measures nesting without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 64)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('scopes default to global', () => {
    expect(templateScopes(doc)).toStrictEqual(['global']);
    expect(templateScopes({ metadata: { scopes: ['Shop', 'shop'] } })).toStrictEqual(['shop']);
  });
});

describe('resolving a templated pipeline', () => {
  it("renders spinnaker.io's own example: the pipeline's variable replaces the default and keeps its type", () => {
    expect(isTemplatedPipeline(instance)).toBe(true);
    const { pipeline, issues, source } = resolveTemplatedPipeline(instance, { document: doc, digest });
    expect(issues).toStrictEqual([]);
    expect(pipeline?.stages).toStrictEqual([{ waitTime: 4, name: 'My Wait Stage', type: 'wait', refId: 'wait1', requisiteStageRefIds: [] }]);
    expect(pipeline).toMatchObject({ application: 'myApp', name: '<pipeline name>', templateVariables: { timeToWait: 4 }, limitConcurrent: true });
    expect(source).toMatchObject({ id: 'newSpelTemplate', reference: 'spinnaker://newSpelTemplate', digest });
    expect(resolveTemplatedPipeline({ ...instance, variables: {} }, { document: doc, digest }).pipeline?.stages).toMatchObject([{ waitTime: 42 }]);
  });

  it('refuses a missing variable and a wrong type, naming each', () => {
    const missing = resolveTemplatedPipeline(config({ variables: {} }), { document: deployTemplate, digest });
    expect(missing.pipeline).toBeUndefined();
    expect(missing.issues).toStrictEqual([{ path: 'variables.namespace', message: 'is required by template deploy (type string) and it has no default value; set it in "variables"', severity: 'error' }]);
    const wrong = resolveTemplatedPipeline(config({ variables: { namespace: 'prod', replicas: 'three', approve: 1.5 } }), { document: deployTemplate, digest });
    expect(wrong.issues.map((i) => `${i.path}: ${i.message}`)).toStrictEqual([
      'variables.replicas: must be a whole number (template deploy declares type int), but it is a string',
      'variables.approve: must be true or false (template deploy declares type bool), but it is a number',
    ]);
    expect(resolveTemplatedPipeline(config({ variables: { namespace: 'prod', extra: 1 } }), { document: deployTemplate, digest }).issues).toMatchObject([{ path: 'variables.extra', severity: 'warning' }]);
  });

  it('renders references inside longer strings as text, and keeps what it cannot render for the run', () => {
    const { pipeline } = resolveTemplatedPipeline(config(), { document: deployTemplate, digest });
    expect(pipeline?.stages).toMatchObject([{ refId: 'bake' }, { refId: 'deploy', name: 'Deploy to prod', waitTime: 2 }, { refId: 'verify' }]);
    expect(pipeline?.lastModifiedBy).toBeUndefined();
  });

  it('inherits triggers, parameters and notifications unless excluded (or not inherited), marking them inherited', () => {
    const all = resolveTemplatedPipeline(config({ parameters: [{ name: 'region', default: 'us' }], triggers: [{ type: 'cron', cronExpression: '0 0 * * * ?' }] }), { document: deployTemplate, digest }).pipeline;
    expect(all?.triggers).toMatchObject([{ type: 'docker', inherited: true }, { type: 'cron' }]);
    expect(all?.parameterConfig).toStrictEqual([{ name: 'size', default: 's', inherited: true }, { name: 'region', default: 'us' }]);
    expect(all?.notifications).toMatchObject([{ type: 'slack', inherited: true }]);
    const excluded = resolveTemplatedPipeline(config({ exclude: ['triggers', 'notifications'] }), { document: deployTemplate, digest }).pipeline;
    expect(excluded?.triggers).toStrictEqual([]);
    expect(excluded?.notifications).toStrictEqual([]);
    expect(excluded?.parameterConfig).toHaveLength(2);
    const inheritOnly = resolveTemplatedPipeline(config({ inherit: ['parameters'] }), { document: deployTemplate, digest }).pipeline;
    expect(inheritOnly?.triggers).toStrictEqual([]);
    expect(inheritOnly?.parameterConfig).toHaveLength(2);
  });

  it('excludes a stage and rewires what waited for it', () => {
    const { pipeline, issues } = resolveTemplatedPipeline(config({ exclude: ['deploy', 'nothing'] }), { document: deployTemplate, digest });
    expect(pipeline?.stages).toMatchObject([{ refId: 'bake' }, { refId: 'verify', requisiteStageRefIds: ['bake'] }]);
    expect(issues).toMatchObject([{ path: 'exclude', severity: 'warning' }]);
  });

  it('replaces and injects stages of the pipeline into the template graph', () => {
    const stages = [
      { refId: 'verify', type: 'wait', name: 'Verify longer', waitTime: 30 },
      { refId: 'gate', type: 'manualJudgment', name: 'Approve', inject: { before: ['deploy'] } },
      { refId: 'first', type: 'wait', name: 'First', waitTime: 1, inject: { first: true } },
      { refId: 'last', type: 'wait', name: 'Last', waitTime: 1, inject: { last: true } },
      { refId: 'smoke', type: 'wait', name: 'Smoke', waitTime: 1, inject: { after: ['deploy'] } },
    ];
    const { pipeline, issues } = resolveTemplatedPipeline(config({ stages }), { document: deployTemplate, digest });
    expect(issues).toStrictEqual([]);
    const graph = Object.fromEntries((pipeline?.stages as { refId: string; requisiteStageRefIds: string[] }[]).map((s) => [s.refId, s.requisiteStageRefIds]));
    expect(graph).toStrictEqual({ bake: ['first'], deploy: ['gate'], verify: ['smoke'], gate: ['bake'], first: [], last: ['verify'], smoke: ['deploy'] });
    expect(pipeline?.stages).toContainEqual({ refId: 'verify', type: 'wait', name: 'Verify longer', waitTime: 30, requisiteStageRefIds: ['smoke'] });
    const bad = resolveTemplatedPipeline(config({ stages: [{ refId: 'x', type: 'wait', inject: { after: ['nope'] } }] }), { document: deployTemplate, digest });
    expect(bad.issues).toMatchObject([{ path: 'stages[0].inject', severity: 'error' }]);
  });

  it('refuses changes to the graph of a protected template', () => {
    const protectedDoc = { ...deployTemplate, protect: true };
    expect(resolveTemplatedPipeline(config({ exclude: ['verify'] }), { document: protectedDoc, digest }).issues).toMatchObject([{ path: 'exclude', severity: 'error' }]);
    expect(resolveTemplatedPipeline(config(), { document: protectedDoc, digest }).issues).toStrictEqual([]);
  });
});
