import { describe, expect, it } from 'vitest';
import type { GraphStage } from './graph-model';
import { timelineRows } from './timeline-rows';

const stage = (refId: string, startTime: number | null, endTime: number | null, parentStageId: string | null = null): GraphStage => ({
  id: refId, refId, name: refId, type: 'wait', status: 'SUCCEEDED', requisiteStageRefIds: [], parentStageId, syntheticStageOwner: parentStageId ? 'STAGE_BEFORE' : null, startTime, endTime,
});

describe('timelineRows', () => {
  it('places bars relative to the first start, running stages up to now', () => {
    const t = timelineRows([stage('b', 5_000, 7_000), stage('a', 1_000, 3_000), stage('c', 9_000, null)], 11_000);
    expect(t.startMs).toBe(1_000);
    expect(t.spanMs).toBe(10_000);
    expect(t.rows.map((r) => r.stage.refId)).toEqual(['a', 'b', 'c']);
    expect(t.rows[1]).toMatchObject({ offset: 0.4, width: 0.2, durationMs: 2_000 });
    expect(t.rows[2]).toMatchObject({ offset: 0.8, width: 0.2, durationMs: 2_000 });
  });

  it('puts synthetic stages under their parent and unstarted stages last without bars', () => {
    const t = timelineRows([stage('later', null, null), stage('p', 0, 4_000), stage('child', 1_000, 2_000, 'p')], 5_000);
    expect(t.rows.map((r) => [r.stage.refId, r.depth])).toEqual([['p', 0], ['child', 1], ['later', 0]]);
    expect(t.rows[2]?.offset).toBeUndefined();
  });

  it('gives instant stages a minimum span', () => {
    const t = timelineRows([stage('x', 2_000, 2_000)], 2_000);
    expect(t.spanMs).toBe(1_000);
    expect(t.rows[0]?.width).toBe(0);
  });
});
