/**
 * Issue 22 item 10: the stage graph's layout (placeholders for long edges included) for 200-stage
 * pipelines, budget well under 100 ms. Runs the same module the editor and the execution page run,
 * here in Node (the browser's V8 runs it the same way), median of 20 after 3 warm-up runs.
 */
import { layeredLayout, type LayoutNode } from '../../components/pipelines/layout';
import { bigPipeline } from './pipeline-fixtures';
import { median } from './stats';
import type { BenchRow } from './types';

const RUNS = 20;

/** 200 stages: a root, 22 branches of 1 to 9 stages, each branch's 3rd stage also after the previous branch's 1st, one join. */
function wideFanOut(): LayoutNode[] {
  const nodes: LayoutNode[] = [{ id: 'root', parents: [] }];
  const ends: string[] = [];
  for (let b = 0; nodes.length < 199; b++) {
    const length = 1 + (b % 9);
    for (let k = 0; k < length && nodes.length < 199; k++) {
      const id = `b${b}-${k}`;
      nodes.push({ id, parents: [k === 0 ? 'root' : `b${b}-${k - 1}`, ...(k === 2 && b > 0 ? [`b${b - 1}-0`] : [])] });
      if (k === length - 1 || nodes.length === 199) ends.push(id);
    }
  }
  nodes.push({ id: 'join', parents: [...ends, 'root'] });
  return nodes;
}

function time(nodes: readonly LayoutNode[]): { ms: number; lanes: number } {
  for (let i = 0; i < 3; i++) layeredLayout(nodes);
  const runs: number[] = [];
  let lanes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const layout = layeredLayout(nodes);
    runs.push(performance.now() - t0);
    lanes = [...layout.routes.values()].reduce((n, l) => n + l.length, 0);
  }
  return { ms: median(runs), lanes };
}

export function graphLayoutRows(): BenchRow[] {
  const chain = (bigPipeline(200, 'bench').stages as { refId: string; requisiteStageRefIds: string[] }[]).map((s) => ({ id: s.refId, parents: s.requisiteStageRefIds }));
  const shapes = [
    { name: 'the 200-stage chain above', nodes: chain },
    { name: '200-stage fan-out/fan-in with long edges', nodes: wideFanOut() },
  ];
  return shapes.map(({ name, nodes }) => {
    const { ms, lanes } = time(nodes);
    return { metric: `graph layout, ${name}, median of ${RUNS} (Node)`, value: `${ms.toFixed(1)} ms`, target: 'well under 100 ms', note: `${nodes.length} stages, ${lanes} lane placeholders` };
  });
}
