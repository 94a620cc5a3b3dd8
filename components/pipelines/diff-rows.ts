import type { DiffLine } from '@/lib/pipeline/json-diff';

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string; before?: number; after?: number }
  | { kind: 'skip'; count: number; key: string };

/**
 * Numbers the lines of a line diff (before/after) and folds long unchanged runs, keeping `context`
 * lines around each change, as `git diff` does.
 */
export function diffRows(lines: readonly DiffLine[], context = 3): DiffRow[] {
  let before = 0;
  let after = 0;
  const numbered: DiffRow[] = lines.map((line) => {
    if (line.kind === 'same') return { ...line, before: ++before, after: ++after };
    if (line.kind === 'removed') return { ...line, before: ++before };
    return { ...line, after: ++after };
  });
  const out: DiffRow[] = [];
  let i = 0;
  while (i < numbered.length) {
    if (numbered[i]?.kind !== 'same') {
      out.push(numbered[i] as DiffRow);
      i++;
      continue;
    }
    let end = i;
    while (end < numbered.length && numbered[end]?.kind === 'same') end++;
    const keepHead = i === 0 ? 0 : context;
    const keepTail = end === numbered.length ? 0 : context;
    if (end - i > keepHead + keepTail + 1) {
      out.push(...numbered.slice(i, i + keepHead));
      out.push({ kind: 'skip', count: end - i - keepHead - keepTail, key: `skip-${i}` });
      out.push(...numbered.slice(end - keepTail, end));
    } else out.push(...numbered.slice(i, end));
    i = end;
  }
  return out;
}
