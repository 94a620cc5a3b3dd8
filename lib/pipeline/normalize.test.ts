import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from './duration';
import { normalizePipeline, normalizeStages } from './normalize';

describe('normalizeStages', () => {
  it('makes a pipeline without refIds linear, as Orca does', () => {
    expect(normalizeStages([{ type: 'a' }, { type: 'b', refId: null, requisiteStageRefIds: ['x'] }, { type: 'c' }])).toStrictEqual([
      { type: 'a', refId: '0', requisiteStageRefIds: [] },
      { type: 'b', refId: '1', requisiteStageRefIds: ['0'] },
      { type: 'c', refId: '2', requisiteStageRefIds: ['1'] },
    ]);
  });

  it('turns numbers into strings and null requisites into none', () => {
    expect(normalizeStages([{ refId: 1, requisiteStageRefIds: null }, { refId: 2, requisiteStageRefIds: [1] }])).toStrictEqual([
      { refId: '1', requisiteStageRefIds: [] },
      { refId: '2', requisiteStageRefIds: ['1'] },
    ]);
  });

  it('reports stages without a refId when others have one, without touching the input', () => {
    const input = [{ refId: 'a' }, { refId: '' }];
    const { pipeline, issues } = normalizePipeline({ name: 'p', stages: input, kept: true });
    expect(pipeline).toStrictEqual({ name: 'p', kept: true, stages: [{ refId: 'a', requisiteStageRefIds: [] }, { refId: '', requisiteStageRefIds: [] }] });
    expect(issues).toStrictEqual([{ path: 'stages[1].refId', message: 'has no refId, but other stages do: give every stage a refId (or none, for a linear pipeline)', severity: 'error' }]);
    expect(input).toStrictEqual([{ refId: 'a' }, { refId: '' }]);
  });

  it('leaves an empty pipeline empty', () => {
    expect(normalizePipeline({ stages: null }).pipeline.stages).toStrictEqual([]);
  });
});

describe('parseIsoDuration', () => {
  it('reads the durations Kayenta uses', () => {
    expect(parseIsoDuration('PT1H')).toBe(3_600_000);
    expect(parseIsoDuration('PT0H5M')).toBe(300_000);
    expect(parseIsoDuration('P1DT2H')).toBe(93_600_000);
    expect(parseIsoDuration('pt1.5s')).toBe(1_500);
  });
  it('rejects what is not one', () => {
    for (const bad of ['', 'P', 'PT', '1h', 'PT1X', 'P1H']) expect(parseIsoDuration(bad)).toBeUndefined();
  });
});

describe('normalizePipeline types', () => {
  it('keeps the other keys typed', () => {
    const { pipeline } = normalizePipeline({ name: 'p', index: 3, stages: [{ refId: 1, type: 'wait' }] });
    const name: string = pipeline.name;
    const refId: string | undefined = pipeline.stages[0]?.refId;
    const type: string | undefined = pipeline.stages[0]?.type;
    expect([name, refId, type]).toStrictEqual(['p', '1', 'wait']);
  });
});
