import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson, diffLines, MAX_DIFF_EDITS, type DiffLine } from './json-diff';

/** The lines of a diff small enough to show inline. */
function inline(before: string, after: string): DiffLine[] {
  const diff = diffLines(before, after);
  if (diff.kind !== 'lines') throw new Error(`expected an inline diff, got ${diff.kind}`);
  return diff.lines;
}

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

  it('sees keys named like inherited properties (toString, constructor) as added or removed, not changed', () => {
    expect(diffJson({ toString: 'x' }, {})).toEqual([{ path: 'toString', kind: 'removed', before: 'x' }]);
    expect(diffJson({}, { constructor: 'y' })).toEqual([{ path: 'constructor', kind: 'added', after: 'y' }]);
    expect(diffJson({ stage: { hasOwnProperty: 1 } }, { stage: { valueOf: 2 } })).toEqual([
      { path: 'stage.hasOwnProperty', kind: 'removed', before: 1 },
      { path: 'stage.valueOf', kind: 'added', after: 2 },
    ]);
    // Parsed from JSON, as revisions are: `__proto__` is an ordinary own key there.
    expect(diffJson(JSON.parse('{"__proto__": {"a": 1}}'), {})).toEqual([{ path: '__proto__', kind: 'removed', before: { a: 1 } }]);
  });
});

describe('diffLines', () => {
  it('marks changed lines', () => {
    expect(inline('a\nb\nc', 'a\nx\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('keeps empty lines and a last line without a newline', () => {
    expect(inline('a\n\nb', 'a\n\nb\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: '' },
      { kind: 'same', text: 'b' },
      { kind: 'added', text: 'c' },
    ]);
    expect(inline('', '')).toEqual([{ kind: 'same', text: '' }]);
  });

  it('always reconstructs both sides (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '{', '}', ''), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (x, y) => {
        const d = inline(x.join('\n'), y.join('\n'));
        expect(d.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(x.join('\n').split('\n'));
        expect(d.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(y.join('\n').split('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('diffs a large file with a small change', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const changed = [...big];
    changed[10_000] = 'changed';
    expect(inline(big.join('\n'), changed.join('\n')).filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'line 10000' },
      { kind: 'added', text: 'changed' },
    ]);
  });

  // The bound is what keeps time and memory small: the search stops after MAX_DIFF_EDITS edits
  // instead of exploring every one (the hand-written diff took seconds and 600 MB here).
  it('answers "too large" for 2,000 changed lines instead of diffing them', { timeout: 30_000 }, () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `  "key${i}": "old ${i}",`);
    const after = before.map((line, i) => (i % 3 === 0 ? line : line.replace('old', 'new')));
    expect(after.filter((line, i) => line !== before[i])).toHaveLength(2_000);
    expect(diffLines(before.join('\n'), after.join('\n'))).toEqual({ kind: 'too-large', maxEdits: MAX_DIFF_EDITS });
  });

  // (Generous timeouts: a diff of MAX_DIFF_EDITS edits takes up to a second on a busy machine.)
  it('diffs up to the bound: added plus removed lines', { timeout: 30_000 }, () => {
    const before = Array.from({ length: 400 }, (_, i) => `line ${i}`);
    const half = MAX_DIFF_EDITS / 2;
    const within = before.map((line, i) => (i < half ? `${line}!` : line));
    expect(inline(before.join('\n'), within.join('\n')).filter((l) => l.kind !== 'same')).toHaveLength(MAX_DIFF_EDITS);
    const beyond = before.map((line, i) => (i <= half ? `${line}!` : line));
    expect(diffLines(before.join('\n'), beyond.join('\n')).kind).toBe('too-large');
  });
});
