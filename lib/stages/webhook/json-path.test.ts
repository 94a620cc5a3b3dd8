import { describe, expect, it } from 'vitest';
import { JsonPathSyntaxError, parseJsonPath, readJsonPath } from './json-path';

const doc = { status: 'RUNNING', job: { steps: [{ name: 'build' }, { name: 'test', state: null }] }, 'odd-key': { 'a.b': 1 } };

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['$.status', ['status']],
    ['status', ['status']],
    ['$.job.steps[1].name', ['job', 'steps', 1, 'name']],
    ["$['odd-key'][\"a.b\"]", ['odd-key', 'a.b']],
    ['$.job.steps[-1]', ['job', 'steps', -1]],
    [' $.a ', ['a']],
  ])('%s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each(['', '$..status', '$.*', '$.steps[*]', '$.steps[?(@.x)]', '$.steps[0:2]', '$.a.', '$status'])('rejects %j', (path) => {
    expect(() => parseJsonPath(path)).toThrow(JsonPathSyntaxError);
  });
});

describe('readJsonPath', () => {
  it.each([
    ['$.status', 'RUNNING'],
    ['$.job.steps[1].name', 'test'],
    ['$.job.steps[-1].name', 'test'],
    ['$.job.steps[1].state', null],
    ["$['odd-key']['a.b']", 1],
    ['$', doc],
  ])('%s → %j', (path, value) => {
    expect(readJsonPath(doc, path)).toEqual({ found: true, value });
  });

  it.each(['$.missing', '$.job.steps[2]', '$.job.steps.name', '$.status.length', '$.job[0]', '$.constructor', '$.job.steps[-3]'])('%s is not found', (path) => {
    expect(readJsonPath(doc, path)).toEqual({ found: false });
  });

  it('reads from a non-JSON body only at the root', () => {
    expect(readJsonPath('plain text', '$')).toEqual({ found: true, value: 'plain text' });
    expect(readJsonPath('plain text', '$.status')).toEqual({ found: false });
  });
});
