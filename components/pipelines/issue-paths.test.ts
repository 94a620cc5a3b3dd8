import { describe, expect, it } from 'vitest';
import { indexIssues, isWithin, parsePath, stageIndexOf } from './issue-paths';

describe('issue paths', () => {
  it('parses formatted paths', () => {
    expect(parsePath('stages[3].requisiteStageRefIds[0]')).toEqual(['stages', 3, 'requisiteStageRefIds', 0]);
    expect(parsePath('')).toEqual([]);
    expect(parsePath('customHeaders.X-Token')).toEqual(['customHeaders', 'X-Token']);
  });

  it('tells whether a path is inside another', () => {
    expect(isWithin('stages[1].name', 'stages[1]')).toBe(true);
    expect(isWithin('stages[10].name', 'stages[1]')).toBe(false);
    expect(isWithin('stages[1]', 'stages[1]')).toBe(true);
    expect(stageIndexOf('stages[12].x')).toBe(12);
    expect(stageIndexOf('triggers[0]')).toBeUndefined();
  });

  it('indexes issues by stage and finds them by prefix, errors first', () => {
    const index = indexIssues([
      { path: 'stages[0].waitTime', message: 'w', severity: 'warning' },
      { path: 'stages[0].waitTime', message: 'e', severity: 'error' },
      { path: 'stages[1].name', message: 'n', severity: 'error' },
      { path: 'triggers[0].cronExpression', message: 'c', severity: 'error' },
    ]);
    expect(index.errors).toBe(3);
    expect(index.warnings).toBe(1);
    expect(index.at('stages[0]').map((i) => i.message)).toEqual(['e', 'w']);
    expect(index.at('triggers').map((i) => i.message)).toEqual(['c']);
    expect(index.byStage.get(1)?.length).toBe(1);
    expect(index.at('').length).toBe(4);
  });
});
