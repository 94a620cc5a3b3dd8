import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../parse';
import { isKnownStage } from './stages';

const minimal = { application: 'shop', name: 'Deploy' };

describe('parsePipeline', () => {
  it('keeps unknown keys at every level', () => {
    const input = {
      ...minimal,
      dummy: { anything: [1, { deep: null }] },
      stages: [
        {
          refId: '1',
          type: 'deployManifest',
          account: 'prod',
          manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }],
          trafficManagement: { enabled: false, options: { strategy: 'none', futureOption: 7 }, note: 'x' },
          isNew: true,
          group: 'Deploy',
        },
      ],
      triggers: [{ type: 'docker', repository: 'a/b', registryCredentials: { kept: true } }],
      parameterConfig: [{ name: 'p', uiHint: 'dropdown' }],
      expectedArtifacts: [{ id: 'x', matchArtifact: { type: 'docker/image', name: 'a', uuid: 'u' }, extra: 1 }],
      locked: { ui: true, by: 'anna' },
    };
    const { pipeline, issues } = parsePipeline(input);
    expect(issues).toStrictEqual([]);
    expect(pipeline).toMatchObject({
      dummy: input.dummy,
      stages: [{ isNew: true, group: 'Deploy', trafficManagement: { note: 'x', options: { futureOption: 7 } } }],
      triggers: [{ registryCredentials: { kept: true } }],
      parameterConfig: [{ uiHint: 'dropdown' }],
      expectedArtifacts: [{ extra: 1, matchArtifact: { uuid: 'u' } }],
      locked: { by: 'anna' },
    });
  });

  it('stores unknown stage and trigger types as written', () => {
    const stage = { refId: 'x', type: 'someCustomWebhook', parameterValues: { a: 1 }, name: 'Custom' };
    const trigger = { type: 'pubsub', pubsubSystem: 'google', subscriptionName: 's', attributeConstraints: {} };
    const { pipeline } = parsePipeline({ ...minimal, stages: [stage], triggers: [trigger] });
    expect(pipeline?.stages).toStrictEqual([{ ...stage, requisiteStageRefIds: [] }]);
    expect(pipeline?.triggers).toStrictEqual([trigger]);
    expect(pipeline?.stages[0] && isKnownStage(pipeline.stages[0])).toBe(false);
  });

  it('still parses the common fields of unknown stages (the engine applies failPipeline to them)', () => {
    const { pipeline, issues } = parsePipeline({ ...minimal, stages: [{ refId: '1', type: 'jenkins', failPipeline: 'false', stageTimeoutMs: '60000' }] });
    expect(issues).toStrictEqual([]);
    expect(pipeline?.stages[0]).toMatchObject({ failPipeline: false, stageTimeoutMs: 60000 });
    expect(parsePipeline({ ...minimal, stages: [{ refId: '1', type: 'jenkins', failPipeline: 'maybe' }] }).issues).toStrictEqual([
      { path: 'stages[0].failPipeline', message: 'must be true or false', severity: 'error' },
    ]);
  });

  it('reads messy pipeline-level values: strings for numbers and booleans, nulls for absent', () => {
    const { pipeline, issues } = parsePipeline({
      ...minimal,
      index: '4',
      limitConcurrent: 'false',
      maxConcurrentExecutions: '2',
      updateTs: 1700000000000,
      description: null,
      stages: null,
      triggers: null,
      tags: [{ name: 'tier', value: 1 }],
      parameterConfig: [{ name: 'n', default: 3, required: 'true', options: [{ value: 1 }] }],
    });
    expect(issues).toStrictEqual([]);
    expect(pipeline).toMatchObject({ index: 4, limitConcurrent: false, maxConcurrentExecutions: 2, updateTs: '1700000000000', stages: [], triggers: [], tags: [{ value: '1' }] });
    expect(pipeline?.parameterConfig?.[0]).toMatchObject({ default: '3', required: true, options: [{ value: '1' }] });
    expect(pipeline && 'description' in pipeline ? pipeline.description : undefined).toBeUndefined();
  });

  it('defaults limitConcurrent to true, as Deck does', () => {
    expect(parsePipeline(minimal).pipeline?.limitConcurrent).toBe(true);
  });

  it('refuses expressions at pipeline level, where nothing evaluates them', () => {
    expect(parsePipeline({ ...minimal, disabled: '${parameters.off}' }).issues).toStrictEqual([
      { path: 'disabled', message: 'cannot hold a ${…} expression here (only stage fields are evaluated)', severity: 'error' },
    ]);
  });

  it('gives shape errors plain words and paths', () => {
    expect(parsePipeline([]).issues).toStrictEqual([{ path: '', message: 'must be an object, not a list', severity: 'error' }]);
    expect(parsePipeline({ name: 5, stages: {} }).issues).toStrictEqual([
      { path: 'application', message: 'is required', severity: 'error' },
      { path: 'name', message: 'must be text, not the number 5', severity: 'error' },
      { path: 'stages', message: 'must be a list, not an object', severity: 'error' },
    ]);
    expect(parsePipeline({ ...minimal, stages: ['wait'] }).issues).toStrictEqual([{ path: 'stages[0]', message: 'must be an object, not the text "wait"', severity: 'error' }]);
    expect(parsePipeline({ ...minimal, stages: [{ refId: '1', type: 'webhook', url: 'https://x', method: 'FETCH' }] }).issues).toStrictEqual([
      { path: 'stages[0].method', message: 'must be one of "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"', severity: 'error' },
    ]);
  });

  it('types known stages by their type', () => {
    const { pipeline } = parsePipeline({ ...minimal, stages: [{ refId: '1', type: 'wait', waitTime: '10' }] });
    const stage = pipeline?.stages[0];
    if (!stage || !isKnownStage(stage) || stage.type !== 'wait') throw new Error('expected a wait stage');
    const waitTime: number | string = stage.waitTime; // a number, or a ${…} expression
    expect(waitTime).toBe(10);
    const refId: string = stage.refId; // normalised: always a string
    expect(refId).toBe('1');
  });
});
