import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStageGraph, downstreamOf, findGraphIssues, wouldCreateCycle, type GraphStage } from './graph';
import { collectInto, type ValidationIssue } from './issues';
import { parsePipeline } from './parse';
import { validatePipeline } from './validate';

const stage = (refId: string, ...requisiteStageRefIds: string[]): GraphStage => ({ refId, requisiteStageRefIds });

function graphIssues(stages: GraphStage[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  findGraphIssues(stages, collectInto(issues));
  return issues;
}

describe('stage graph', () => {
  const diamond = [stage('a'), stage('b', 'a'), stage('c', 'a'), stage('d', 'b', 'c'), stage('e')];

  it('finds roots, joins and a topological order', () => {
    const graph = buildStageGraph(diamond);
    expect(graph.roots).toStrictEqual(['a', 'e']);
    expect(graph.joins).toStrictEqual(['d']);
    expect(graph.order).toStrictEqual(['a', 'e', 'b', 'c', 'd']);
    expect(graph.children.get('a')).toStrictEqual(['b', 'c']);
    expect(graph.parents.get('d')).toStrictEqual(['b', 'c']);
  });

  it('lists what is downstream of a stage (what a restart resets)', () => {
    const graph = buildStageGraph(diamond);
    expect(downstreamOf(graph, 'a').sort()).toStrictEqual(['b', 'c', 'd']);
    expect(downstreamOf(graph, 'd')).toStrictEqual([]);
  });

  it('tells the editor which new requisites would close a cycle', () => {
    const graph = buildStageGraph(diamond);
    expect(wouldCreateCycle(graph, 'a', 'd')).toBe(true);
    expect(wouldCreateCycle(graph, 'b', 'b')).toBe(true);
    expect(wouldCreateCycle(graph, 'd', 'e')).toBe(false);
    expect(wouldCreateCycle(graph, 'c', 'b')).toBe(false);
  });

  it('accepts a fan-out/fan-in (join) graph', () => {
    expect(graphIssues(diamond)).toStrictEqual([]);
  });

  it('names a cycle in run order on the requisite that closes it', () => {
    expect(graphIssues([stage('a', 'c'), stage('b', 'a'), stage('c', 'b')])).toStrictEqual([
      { path: 'stages[0].requisiteStageRefIds[0]', message: 'stages form a cycle: a → b → c → a', severity: 'error' },
    ]);
  });

  it('names a stage that requires itself', () => {
    expect(graphIssues([stage('a'), stage('b', 'a', 'b')])).toStrictEqual([
      { path: 'stages[1].requisiteStageRefIds[1]', message: 'stages form a cycle: b → b (the stage requires itself)', severity: 'error' },
    ]);
  });

  it('reports each separate cycle once', () => {
    const issues = graphIssues([stage('a', 'b'), stage('b', 'a'), stage('c', 'd'), stage('d', 'c'), stage('e', 'a', 'c')]);
    expect(issues.map((i) => i.message)).toStrictEqual(['stages form a cycle: a → b → a', 'stages form a cycle: c → d → c']);
  });

  it('reports duplicate refIds, missing and repeated requisites, and empty refIds', () => {
    expect(graphIssues([stage('1'), stage('1'), stage('2', '1', '1', '7'), stage(' ')])).toStrictEqual([
      { path: 'stages[1].refId', message: 'refId "1" is already used by stages[0]; refIds must be unique', severity: 'error' },
      { path: 'stages[2].requisiteStageRefIds[1]', message: 'requires stage "1" twice', severity: 'warning' },
      { path: 'stages[2].requisiteStageRefIds[2]', message: 'requires stage "7", but no stage has that refId', severity: 'error' },
      { path: 'stages[3].refId', message: 'must not be empty', severity: 'error' },
    ]);
  });

  it('handles a long chain without recursion limits', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => (i === 0 ? stage('0', '19999') : stage(String(i), String(i - 1))));
    const issues = graphIssues(chain);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe(
      'stages form a cycle: 0 → 1 → 2 → 3 → 4 → 5 → 6 → 7 → 8 → 9 → … (19981 more) → 19991 → 19992 → 19993 → 19994 → 19995 → 19996 → 19997 → 19998 → 19999 → 0',
    );
  });

  it('asks for a refId on every stage when only some have one', () => {
    const result = parsePipeline({ application: 'a', name: 'n', stages: [{ refId: '1', type: 'wait', waitTime: 1 }, { type: 'wait', waitTime: 1 }] });
    expect(result.issues).toStrictEqual([
      { path: 'stages[1].refId', message: 'has no refId, but other stages do: give every stage a refId (or none, for a linear pipeline)', severity: 'error' },
    ]);
  });
});

/** Random DAGs: stage i may only require stages created before it, so there is never a cycle. */
const dagArbitrary = fc.integer({ min: 1, max: 40 }).chain((size) =>
  fc
    .tuple(
      fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: size, maxLength: size }),
      fc.shuffledSubarray(Array.from({ length: size }, (_, i) => i), { minLength: size, maxLength: size }),
    )
    .map(([picks, order]) => {
      const stages = picks.map((choices, i) => stage(`s${i}`, ...new Set(i === 0 ? [] : choices.map((c) => `s${c % i}`))));
      return order.map((i) => stages[i] ?? stage('missing'));
    }),
);

const asPipeline = (stages: GraphStage[]) => ({
  application: 'prop',
  name: 'random',
  stages: stages.map((s) => ({ ...s, type: 'wait', name: `wait ${s.refId}`, waitTime: 1 })),
});

/** Follows a named cycle "a → b → … → a" and checks each step is a real edge (b requires a). */
function isRealCycle(stages: GraphStage[], names: string[]): boolean {
  const requires = new Map(stages.map((s) => [s.refId, new Set(s.requisiteStageRefIds)]));
  return names.length >= 2 && names[0] === names[names.length - 1] && names.slice(1).every((next, i) => requires.get(next)?.has(names[i] ?? '') === true);
}

describe('graph properties', () => {
  it('random DAGs validate clean', () => {
    fc.assert(
      fc.property(dagArbitrary, (stages) => {
        const parsed = parsePipeline(asPipeline(stages));
        expect(parsed.issues).toStrictEqual([]);
        expect(parsed.pipeline && validatePipeline(parsed.pipeline)).toStrictEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('adding a back edge always yields a cycle error naming a real cycle through it', () => {
    fc.assert(
      fc.property(dagArbitrary, fc.nat(), fc.nat(), (stages, a, b) => {
        // Pick an ancestor → descendant pair (or one stage, for a self-loop) and add the reverse edge.
        const graph = buildStageGraph(stages);
        const from = stages[a % stages.length]?.refId ?? 's0';
        const below = downstreamOf(graph, from);
        const to = below.length === 0 ? from : (below[b % below.length] ?? from);
        const withBackEdge = stages.map((s) => (s.refId === from ? stage(s.refId, ...s.requisiteStageRefIds, to) : s));
        const parsed = parsePipeline(asPipeline(withBackEdge));
        const issues = parsed.pipeline ? validatePipeline(parsed.pipeline) : parsed.issues;
        const cycles = issues.filter((i) => i.message.startsWith('stages form a cycle: '));
        expect(cycles).toHaveLength(1);
        const named = (cycles[0]?.message ?? '').replace('stages form a cycle: ', '').replace(' (the stage requires itself)', '').split(' → ');
        expect(isRealCycle(withBackEdge, named)).toBe(true);
        expect(named).toContain(from);
        expect(named).toContain(to);
      }),
      { numRuns: 300 },
    );
  });
});
