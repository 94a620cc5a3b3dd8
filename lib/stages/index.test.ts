import { describe, expect, it } from 'vitest';
import { stageTypes, type KnownStageType } from '../pipeline';
import { stageHandlers } from './index';
import type { StageHandler } from './types';

describe('stage handler registry', () => {
  it('has a handler of the right type for every stage type', () => {
    for (const type of stageTypes) expect(stageHandlers[type].type).toBe(type);
  });

  it('fits a list of handlers with opaque state (what the engine stores)', () => {
    const all: { [T in KnownStageType]: StageHandler<T, unknown> }[KnownStageType][] = Object.values(stageHandlers);
    expect(all).toHaveLength(stageTypes.length);
  });
});
