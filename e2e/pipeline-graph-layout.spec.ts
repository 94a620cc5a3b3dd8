import fs from 'node:fs';
import path from 'node:path';
import { edgesThroughBoxes, fanOutFanIn, type Box } from '../components/pipelines/testing';
import type { Locator } from '@playwright/test';
import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';
import { createPipelineViaApi, openEditor, waitStage } from './support/pipeline-editor';

const screenshots = path.resolve(import.meta.dirname, '..', '.foresail', 'test-results', 'screenshots');

interface DrawnEdge {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

interface DrawingSelectors {
  /** A stage's element, the attribute naming it (up to the first comma), and whether its box is its parent's. */
  box: string;
  boxId: string;
  boxFrame: 'self' | 'parent';
  /** An edge's element, the attribute holding "from->to", and its path inside it (null: the element is the path). */
  edge: string;
  edgeId: string;
  edgePath: string | null;
}

/** Boxes and edges as rendered, in screen pixels: each edge sampled along its SVG path every ≤ 2 units. */
function readDrawing(graph: Locator, selectors: DrawingSelectors): Promise<{ boxes: Box[]; edges: DrawnEdge[] }> {
  return graph.evaluate((root, sel) => {
    const boxes = [...root.querySelectorAll<HTMLElement>(sel.box)].map((element) => {
      const r = (sel.boxFrame === 'parent' ? (element.parentElement ?? element) : element).getBoundingClientRect();
      return { id: (element.getAttribute(sel.boxId) ?? '').split(',')[0] ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    const edges = [...root.querySelectorAll<SVGElement>(sel.edge)].map((edge) => {
      const line = sel.edgePath ? edge.querySelector<SVGPathElement>(sel.edgePath) : (edge as SVGPathElement);
      const matrix = line?.getScreenCTM();
      const [from = '', to = ''] = (edge.getAttribute(sel.edgeId) ?? '').split('->');
      if (!line || !matrix) return { from, to, points: [] };
      const length = line.getTotalLength();
      const steps = Math.max(1, Math.ceil(length / 2));
      const points = Array.from({ length: steps + 1 }, (_, i) => {
        const p = line.getPointAtLength((length * i) / steps).matrixTransform(matrix);
        return { x: p.x, y: p.y };
      });
      return { from, to, points };
    });
    return { boxes, edges };
  }, selectors);
}

/** Every stage is drawn, every edge is drawn, and no edge passes through a stage that is not one of its ends. */
function expectEveryEdgeClear({ boxes, edges }: { boxes: Box[]; edges: DrawnEdge[] }, refIds: string[], edgeCount: number): void {
  expect(boxes.map((b) => b.id).sort()).toEqual([...refIds].sort());
  expect(edges.filter((e) => e.points.length > 1)).toHaveLength(edgeCount);
  expect(edgesThroughBoxes(edges, boxes)).toEqual([]);
}

test.use({ viewport: { width: 1600, height: 1000 } });

test('the editor draws a 30-stage fan-out/fan-in with no edge through a stage between its ends', async ({ page, adminApi }, testInfo) => {
  const app = uniqueName('layout');
  await createApplicationViaApi(adminApi, app);
  const stages = fanOutFanIn();
  const { id } = await createPipelineViaApi(adminApi, app, { name: 'Fan out, fan in', stages: stages.map((s) => waitStage(s.refId, s.refId, ...s.requisiteStageRefIds)) });
  await openEditor(page, app, id);
  const graph = page.getByRole('application', { name: 'Stage graph' });
  const edgeCount = stages.reduce((n, s) => n + s.requisiteStageRefIds.length, 0);
  await expect(graph.locator('.react-flow__node')).toHaveCount(stages.length);
  await expect(graph.locator('.react-flow__edge path.react-flow__edge-path')).toHaveCount(edgeCount);
  await graph.getByRole('button', { name: 'Fit View' }).click();

  const rendered = await readDrawing(graph, { box: '.react-flow__node', boxId: 'data-id', boxFrame: 'self', edge: '.react-flow__edge', edgeId: 'data-id', edgePath: 'path.react-flow__edge-path' });
  expectEveryEdgeClear(rendered, stages.map((s) => s.refId), edgeCount);

  fs.mkdirSync(screenshots, { recursive: true });
  const shot = path.join(screenshots, 'pipeline-graph-fan-out-fan-in.png');
  await graph.screenshot({ path: shot });
  await testInfo.attach('pipeline-graph-fan-out-fan-in', { path: shot, contentType: 'image/png' });
});

test('the execution page draws the same pipeline with no edge through a stage between its ends', async ({ page, adminApi }, testInfo) => {
  const app = uniqueName('layout');
  await createApplicationViaApi(adminApi, app);
  const stages = fanOutFanIn();
  const { id } = await createPipelineViaApi(adminApi, app, { name: 'Fan out, fan in', stages: stages.map((s) => waitStage(s.refId, s.refId, ...s.requisiteStageRefIds)) });
  const res = await adminApi.post(`/api/v1/applications/${app}/pipelines/${id}/executions`, { data: { parameters: {} } });
  expect(res.status(), await res.text()).toBe(202);
  const execution = ((await res.json()) as { id: string }).id;
  await page.goto(`/applications/${app}/executions/${execution}`);
  await expect(page.locator('html[data-execution-ready]')).toBeAttached();
  const graph = page.getByRole('group', { name: /^Stage graph/ });
  const edgeCount = stages.reduce((n, s) => n + s.requisiteStageRefIds.length, 0);
  await expect(graph.locator('path[data-edge]')).toHaveCount(edgeCount);

  // A stage's box is the positioned frame around its button, whose accessible name starts with the stage's name (its refId here).
  const rendered = await readDrawing(graph, { box: 'button[data-stage-id]', boxId: 'aria-label', boxFrame: 'parent', edge: 'path[data-edge]', edgeId: 'data-edge', edgePath: null });
  expectEveryEdgeClear(rendered, stages.map((s) => s.refId), edgeCount);

  fs.mkdirSync(screenshots, { recursive: true });
  const shot = path.join(screenshots, 'execution-graph-fan-out-fan-in.png');
  // The graph scrolls inside its frame: the frame is what the page shows.
  await graph.locator('xpath=..').screenshot({ path: shot });
  await testInfo.attach('execution-graph-fan-out-fan-in', { path: shot, contentType: 'image/png' });
});
