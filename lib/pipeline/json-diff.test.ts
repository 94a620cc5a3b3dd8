import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson, diffLines } from './json-diff';

describe('diffJson', () => {
  it('names added, removed and changed paths', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] }, d: 'x' }, { a: 2, b: { c: [1, 2, 3] }, e: true })).toEqual([
      { path: 'a', kind: 'changed', before: 1, after: 2 },
      { path: 'b.c[2]', kind: 'added', after: 3 },
      { path: 'd', kind: 'removed', before: 'x' },
      { path: 'e', kind: 'added', after: true },
    ]);
    expect(diffJson({ a: [1] }, { a: [1] })).toEqual([]);
  });
});

describe('diffLines', () => {
  it('marks changed lines', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('always reconstructs both sides (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '{', '}'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (x, y) => {
        const d = diffLines(x.join('\n'), y.join('\n'));
        expect(d.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(x.join('\n').split('\n'));
        expect(d.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(y.join('\n').split('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('is quick on a large file with a small change', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const changed = [...big];
    changed[10_000] = 'changed';
    const d = diffLines(big.join('\n'), changed.join('\n'));
    expect(d.filter((l) => l.kind !== 'same')).toHaveLength(2);
  });
});
