import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateObject } from './index';
import { testContext } from './test-context';

const ctx = testContext();

describe('evaluateObject', () => {
  it('returns a new value and leaves the input untouched', () => {
    const input = { a: '${replicas}', list: ['${parameters.env}', 1, null, true], nested: { keep: 'plain' } };
    const snapshot = structuredClone(input);
    const { value, summary } = evaluateObject(input, ctx);
    expect(value).toEqual({ a: 3, list: ['staging', 1, null, true], nested: { keep: 'plain' } });
    expect(summary).toEqual([]);
    expect(input).toEqual(snapshot);
    expect(value).not.toBe(input);
    expect(value.nested).not.toBe(input.nested);
  });

  it('builds paths like stages[0].context.replicas, quoting keys that are not identifiers', () => {
    const input = { stages: [{ context: { replicas: '${nope}', 'odd key': ['${1/0}'] } }] };
    const { summary } = evaluateObject(input, ctx, { path: 'pipeline' });
    expect(summary.map((issue) => issue.path)).toEqual(['pipeline.stages[0].context.replicas', 'pipeline.stages[0].context["odd key"][0]']);
  });

  it('skips the subtrees skipKeys names, sharing them unevaluated', () => {
    const manifests = [{ data: { script: 'echo ${NOT_SPEL}' } }];
    const input = { manifests, skipExpressionEvaluation: true, name: '${parameters.env}' };
    const { value, summary } = evaluateObject(input, ctx, { skipKeys: (path) => path === 'manifests' });
    expect(value).toEqual({ manifests, skipExpressionEvaluation: true, name: 'staging' });
    expect(value.manifests).toBe(manifests);
    expect(summary).toEqual([]);
  });

  it('evaluates map keys, as Orca does', () => {
    expect(evaluateObject({ '${parameters.env}-weight': 1, '${nope}': 2 }, ctx).value).toEqual({ 'staging-weight': 1, '${nope}': 2 });
  });

  it('reports a cycle in the input instead of recursing forever', () => {
    const input: Record<string, unknown> = { name: '${parameters.env}' };
    input.self = input;
    const { value, summary } = evaluateObject(input, ctx);
    expect((value as Record<string, unknown>).name).toBe('staging');
    expect(summary[0]?.message).toContain('contains itself');
  });

  it('shares one step budget across the whole object', () => {
    const input = Array.from({ length: 50 }, () => '${{1,2,3,4,5,6,7,8,9,10}.![{1,2,3,4,5,6,7,8,9,10}.![#this]]}');
    const { value, summary } = evaluateObject(input, testContext({ limits: { maxSteps: 2_000 } }));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ kind: 'limit' });
    expect((value as unknown[]).at(-1)).toBe(input[0]);
  });

  it('keeps non-data leaves as they are', () => {
    const when = new Date(0);
    expect(evaluateObject({ when, n: 1 }, ctx).value.when).toBe(when);
  });
});

describe('evaluateCondition', () => {
  it.each<[string, string]>([
    ["parameters.env ? 'a' : 'b'", "must be true or false, but is the text 'staging'"],
    ['parameters.env', "the condition must be true or false, but evaluated to the text 'staging'"],
    ['replicas', 'the condition must be true or false, but evaluated to 3'],
    ['parameters.nope', "parameters has no key 'nope'"],
    ['', 'the expression is empty'],
    ['T(java.lang.System).exit(0)', 'type references like T(...) are not allowed'],
  ])('%j is false with an issue', (expression, message) => {
    const result = evaluateCondition(expression, ctx);
    expect(result.value).toBe(false);
    expect(result.issue?.message).toContain(message);
  });

  it('accepts the text "TRUE" produced by mixed text', () => {
    expect(evaluateCondition("${'TR'}${'UE'}", ctx)).toEqual({ value: true });
  });
});
