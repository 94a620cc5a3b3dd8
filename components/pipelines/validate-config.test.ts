import { describe, expect, it } from 'vitest';
import { validateConfig } from './validate-config';

const wait = (refId: string, waitTime: unknown) => ({ refId, requisiteStageRefIds: [], type: 'wait', name: `Wait ${refId}`, waitTime });
const pipeline = (...stages: unknown[]) => ({ application: 'shop', name: 'P', stages });

describe('validateConfig in the editor', () => {
  it('blocks a new pipeline on every error', () => {
    expect(validateConfig(pipeline(wait('1', -5))).map((i) => [i.severity, i.path])).toStrictEqual([['error', 'stages[0].waitTime']]);
  });

  it('keeps an imported problem a warning until fixed, but a new error still blocks Save', () => {
    const stored = pipeline(wait('1', -5));
    const edited = validateConfig({ ...stored, description: 'changed' }, stored);
    expect(edited.map((i) => [i.severity, i.path])).toStrictEqual([['warning', 'stages[0].waitTime']]);
    expect(edited[0]?.message).toMatch(/^must be at least 0 \(found -5\); the stage fails when a run reaches it/);
    // Moving the stage keeps its finding (it is known by refId, not position); a new bad stage is an error.
    const grown = validateConfig(pipeline(wait('2', -1), wait('1', -5)), stored);
    expect(grown.map((i) => [i.severity, i.path])).toStrictEqual([
      ['error', 'stages[0].waitTime'],
      ['warning', 'stages[1].waitTime'],
    ]);
    expect(validateConfig(pipeline(wait('1', 5)), stored)).toStrictEqual([]);
  });
});
