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
      [1, 'B', false, ['stages[0].waitTime']],
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
    expect(parsePipelineImport({ name: 'A', stages: [] }).items[0]?.issues).toStrictEqual([{ path: 'application', message: 'is required', severity: 'error' }]);
  });

  it('flags two pipelines of an import with one name or one id', () => {
    const result = parsePipelineImport([pipeline('Same', { id: 'x' }), pipeline('Same', { id: 'x' })]);
    expect(result.items[1]?.issues).toStrictEqual([
      { path: 'name', message: 'pipeline 1 of this import has the same name', severity: 'error' },
      { path: 'id', message: 'pipeline 1 of this import has the same id', severity: 'error' },
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
});
