import { describe, expect, it } from 'vitest';
import { stageCatalog, stageTypes, type KnownStageType } from '../pipeline';
import { stageHandlers } from './index';
import { stageContext } from './testing';
import type { StageHandler } from './types';

const implemented = new Set<KnownStageType>([
  'wait',
  'manualJudgment',
  'checkPreconditions',
  'evaluateVariables',
  'pipeline',
  'webhook',
  'kayentaCanary',
  'deployManifest',
  'deleteManifest',
  'scaleManifest',
  'patchManifest',
  'undoRolloutManifest',
  'rollingRestartManifest',
  'findArtifactsFromResource',
  'runJobManifest',
]);

async function runOnce<T extends KnownStageType>(type: T) {
  const handler = stageHandlers[type];
  return handler.run(stageContext(handler, stageCatalog[type].defaults()));
}

describe('stage handler registry', () => {
  it('has a handler of the right type for every stage type', () => {
    for (const type of stageTypes) expect(stageHandlers[type].type).toBe(type);
  });

  it('fits a list of handlers with opaque state (what the engine stores)', () => {
    const all: { [T in KnownStageType]: StageHandler<T, unknown> }[KnownStageType][] = Object.values(stageHandlers);
    expect(all).toHaveLength(stageTypes.length);
  });

  it.each(stageTypes.filter((type) => !implemented.has(type)))('%s fails with "not available yet"', async (type) => {
    expect(await runOnce(type)).toMatchObject({ status: 'failed', reason: `The ${stageCatalog[type].label} stage is not available yet in this Foresail` });
  });
});
