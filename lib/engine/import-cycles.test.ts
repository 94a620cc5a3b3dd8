/**
 * The engine flows one way (issue 15): job entry points → the step module → handlers and the
 * database, never back. A cycle among lib/engine's files is what made a stage start visit the
 * same files dozens of times; this check reads the imports as text and names any cycle it finds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Relative imports (`import … from './x'`, `export … from '../y'`) that resolve to a file of lib/engine. */
function importsOf(file: string, files: Set<string>): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gms)].map((m) => m[1] ?? '');
  return specifiers.map((s) => path.resolve(path.dirname(file), s)).flatMap((base) => [`${base}.ts`, path.join(base, 'index.ts')].filter((f) => files.has(f)).slice(0, 1));
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('lib/engine imports', () => {
  it('the cycle finder finds a cycle when there is one', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('form no cycle', () => {
    const files = new Set(sourceFiles(root));
    const graph = new Map([...files].map((f) => [f, importsOf(f, files)]));
    const cycles = findCycles(graph).map((cycle) => cycle.map((f) => path.relative(root, f)).join(' → '));
    expect(cycles).toEqual([]);
    // The walk saw the engine's real import graph (guards against a pattern that matches nothing).
    expect(graph.get(path.join(root, 'jobs/run-stage.ts'))?.length).toBeGreaterThan(2);
  });
});
