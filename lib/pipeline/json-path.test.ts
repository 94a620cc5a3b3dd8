import { describe, expect, it } from 'vitest';
import { JsonPathSyntaxError, parseJsonPath, readJsonPath, readPath } from './json-path';

const doc = { status: 'RUNNING', job: { steps: [{ name: 'build' }, { name: 'test', state: null }] }, 'odd-key': { 'a.b': 1 } };

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['$.status', ['status']],
    ['status', ['status']],
    ['a.b.c', ['a', 'b', 'c']],
    ['$.job.steps[1].name', ['job', 'steps', 1, 'name']],
    ['items[0].name', ['items', 0, 'name']],
    ["$['odd-key'][\"a.b\"]", ['odd-key', 'a.b']],
    ["a['dotted.key'].x", ['a', 'dotted.key', 'x']],
    ['a["quoted \\" key"]', ['a', 'quoted " key']],
    ["a['it\\'s']", ['a', "it's"]],
    ['[1][2]', [1, 2]],
    ['$.job.steps[-1]', ['job', 'steps', -1]],
    ['$.steps[ 0 ]', ['steps', 0]],
    [' $.a ', ['a']],
  ])('%s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each(['', '  ', '$..status', 'a..b', '$.*', '$.steps[*]', '$.steps[?(@.x)]', '$.steps[0:2]', '$.a.', '$status', 'a[x]'])('rejects %j, saying what it reads', (path) => {
    expect(() => parseJsonPath(path)).toThrow(JsonPathSyntaxError);
    expect(() => parseJsonPath(path)).toThrow(`"${path}" is not a JSON path Foresail reads (it supports paths like $.a.b[0].c, a.b and a['key'])`);
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

describe('readPath', () => {
  it('reads values, and says when there is none', () => {
    const values = { a: { b: [10, { c: 'x' }] }, n: null };
    expect(readPath(values, ['a', 'b', 1, 'c'])).toEqual({ found: true, value: 'x' });
    expect(readPath(values, ['a', 'b', 5])).toEqual({ found: false });
    expect(readPath(values, ['a', 'x'])).toEqual({ found: false });
    expect(readPath(values, ['a', 0])).toEqual({ found: false });
    expect(readPath(values, ['n'])).toEqual({ found: true, value: null });
    expect(readPath(values, ['toString'])).toEqual({ found: false });
  });
});
