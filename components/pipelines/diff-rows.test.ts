import { describe, expect, it } from 'vitest';
import { diffLines } from '@/lib/pipeline/json-diff';
import { diffRows } from './diff-rows';

/** The lines of a diff small enough to show inline. */
function lineDiff(before: string, after: string) {
  const diff = diffLines(before, after);
  if (diff.kind !== 'lines') throw new Error('expected an inline diff');
  return diff.lines;
}
const lines = (n: number, prefix = 'l') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join('\n');

describe('diffRows', () => {
  it('numbers lines on both sides', () => {
    const rows = diffRows(lineDiff('a\nb\nc', 'a\nx\nc'));
    expect(rows).toEqual([
      { kind: 'same', text: 'a', before: 1, after: 1 },
      { kind: 'removed', text: 'b', before: 2 },
      { kind: 'added', text: 'x', after: 2 },
      { kind: 'same', text: 'c', before: 3, after: 3 },
    ]);
  });

  it('folds long unchanged runs, keeping context around changes', () => {
    const before = `${lines(20)}\nold\n${lines(20, 'm')}`;
    const after = `${lines(20)}\nnew\n${lines(20, 'm')}`;
    const rows = diffRows(lineDiff(before, after), 3);
    expect(rows[0]).toEqual({ kind: 'skip', count: 17, key: 'skip-0' });
    expect(rows.filter((r) => r.kind === 'same')).toHaveLength(6);
    expect(rows.at(-1)).toMatchObject({ kind: 'skip', count: 17 });
  });

  it('returns one fold when nothing changed', () => {
    expect(diffRows(lineDiff(lines(10), lines(10)))).toEqual([{ kind: 'skip', count: 10, key: 'skip-0' }]);
  });
});
