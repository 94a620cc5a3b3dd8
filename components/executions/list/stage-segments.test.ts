import { describe, expect, it } from 'vitest';
import { stageSegments } from './stage-segments';

const stage = (id: string, status: string, startTime: number | null, endTime: number | null, parentStageId: string | null = null) => ({
  id, refId: id, type: 'wait', name: `Stage ${id}`, status, requisiteStageRefIds: [], parentStageId, syntheticStageOwner: parentStageId ? 'STAGE_BEFORE' : null, startTime, endTime, lastModified: null,
});

describe('stageSegments', () => {
  it('keeps top-level stages in order and measures running ones up to now', () => {
    const segments = stageSegments([stage('a', 'SUCCEEDED', 1_000, 6_000), stage('a1', 'SUCCEEDED', 1_000, 2_000, 'a'), stage('b', 'RUNNING', 6_000, null), stage('c', 'NOT_STARTED', null, null)], 10_000);
    expect(segments).toEqual([
      { id: 'a', name: 'Stage a', status: 'SUCCEEDED', durationMs: 5_000 },
      { id: 'b', name: 'Stage b', status: 'RUNNING', durationMs: 4_000 },
      { id: 'c', name: 'Stage c', status: 'NOT_STARTED', durationMs: null },
    ]);
  });
});
