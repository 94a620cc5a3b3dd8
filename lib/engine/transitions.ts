import { halts, isComplete, letsDownstreamRun } from '../pipeline/status';

/**
 * Orca's DAG rules as pure functions over the stages of one execution (§3.4). The handlers load
 * rows, ask these what to do, and write the answer in one transaction.
 */

export interface StageNode {
  id: string;
  refId: string;
  status: string;
  requisiteStageRefIds: string[];
  parentStageId: string | null;
  syntheticStageOwner: string | null;
  position: number;
  failPipeline?: boolean;
  continuePipeline?: boolean;
  completeOtherBranchesThenFail?: boolean;
}

export const topLevel = <T extends StageNode>(stages: T[]): T[] => stages.filter((s) => s.parentStageId === null);

/** Stages that start when the execution starts: top-level, no requisites. */
export function initialStages<T extends StageNode>(stages: T[]): T[] {
  return topLevel(stages).filter((s) => s.requisiteStageRefIds.length === 0);
}

/** Top-level stages that list this one as a requisite. */
export function downstreamOf<T extends StageNode>(stage: StageNode, stages: T[]): T[] {
  return topLevel(stages).filter((s) => s.requisiteStageRefIds.includes(stage.refId));
}

export type UpstreamState = 'ready' | 'waiting' | 'blocked';

/**
 * Whether a stage may start now: `blocked` if an upstream stage halted (directly, or through an
 * upstream stage that is still NOT_STARTED and so never will start), `ready` if every upstream stage
 * let downstream run, `waiting` otherwise (a join waits for all parents).
 */
export function upstreamState(stage: StageNode, stages: StageNode[]): UpstreamState {
  const byRef = new Map(topLevel(stages).map((s) => [s.refId, s]));
  const seen = new Set<string>();
  const blockedFrom = (refId: string): boolean => {
    if (seen.has(refId)) return false;
    seen.add(refId);
    const s = byRef.get(refId);
    if (!s) return false;
    if (halts(s.status)) return true;
    return s.status === 'NOT_STARTED' && s.requisiteStageRefIds.some(blockedFrom);
  };
  if (stage.requisiteStageRefIds.some(blockedFrom)) return 'blocked';
  const parents = stage.requisiteStageRefIds.map((r) => byRef.get(r));
  return parents.every((p) => p === undefined || letsDownstreamRun(p.status)) ? 'ready' : 'waiting';
}

/** The status a failing stage ends in: FAILED_CONTINUE if it continues, TERMINAL if it fails the pipeline (default), else STOPPED. */
export function failureStatus(stage: Pick<StageNode, 'failPipeline' | 'continuePipeline'>): 'FAILED_CONTINUE' | 'TERMINAL' | 'STOPPED' {
  if (stage.continuePipeline === true) return 'FAILED_CONTINUE';
  if (stage.failPipeline === false) return 'STOPPED';
  return 'TERMINAL';
}

export interface ExecutionOutcome {
  status: 'SUCCEEDED' | 'TERMINAL' | 'CANCELED';
  /** Stages still running in other branches, canceled because the pipeline failed. */
  cancel: string[];
}

/**
 * The execution's final status from its top-level stages, or null while it must keep waiting for
 * other branches (§3.4 step 5). A stage that can still start counts as "other branches".
 */
export function executionOutcome(stages: StageNode[]): ExecutionOutcome | null {
  const top = topLevel(stages);
  const active = top.filter((s) => s.status === 'RUNNING' || s.status === 'PAUSED');
  const startable = top.filter((s) => s.status === 'NOT_STARTED' && upstreamState(s, stages) !== 'blocked');
  if (top.every((s) => letsDownstreamRun(s.status))) return { status: 'SUCCEEDED', cancel: [] };
  if (top.some((s) => s.status === 'TERMINAL')) return { status: 'TERMINAL', cancel: active.map((s) => s.id) };
  if (top.some((s) => s.status === 'CANCELED')) return active.length === 0 ? { status: 'CANCELED', cancel: [] } : null;
  if (active.length > 0 || startable.length > 0) return null;
  const stopped = top.filter((s) => s.status === 'STOPPED');
  if (stopped.length > 0) return { status: stopped.some((s) => s.completeOtherBranchesThenFail === true) ? 'TERMINAL' : 'SUCCEEDED', cancel: [] };
  // Only blocked NOT_STARTED stages remain (their upstream halted): nothing more can happen.
  return { status: top.some((s) => s.status === 'NOT_STARTED') ? 'TERMINAL' : 'SUCCEEDED', cancel: [] };
}

/** A stage, every top-level stage downstream of it (transitively), and all their synthetic children: what a restart resets. */
export function restartSet(stage: StageNode, stages: StageNode[]): StageNode[] {
  const root = topLevelAncestor(stage, stages);
  const out = new Map<string, StageNode>([[root.id, root]]);
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current) break;
    for (const next of downstreamOf(current, stages)) {
      if (!out.has(next.id)) {
        out.set(next.id, next);
        queue.push(next);
      }
    }
  }
  const roots = new Set(out.keys());
  for (const s of stages) if (s.parentStageId !== null && descendsFrom(s, roots, stages)) out.set(s.id, s);
  return [...out.values()];
}

export function topLevelAncestor(stage: StageNode, stages: StageNode[]): StageNode {
  let current = stage;
  const byId = new Map(stages.map((s) => [s.id, s]));
  for (let i = 0; i < 100 && current.parentStageId; i++) current = byId.get(current.parentStageId) ?? current;
  return current;
}

function descendsFrom(stage: StageNode, ids: Set<string>, stages: StageNode[]): boolean {
  const byId = new Map(stages.map((s) => [s.id, s]));
  let parent = stage.parentStageId;
  for (let i = 0; i < 100 && parent; i++) {
    if (ids.has(parent)) return true;
    parent = byId.get(parent)?.parentStageId ?? null;
  }
  return false;
}

export type SyntheticStep =
  | { kind: 'start'; stageId: string }
  | { kind: 'run-parent' }
  | { kind: 'complete-parent'; status: 'SUCCEEDED' | 'FAILED' ; failedChildId?: string }
  | { kind: 'wait' };

/**
 * Where a stage with synthetic children stands: before-children run one after another, then the
 * parent's own work, then the after-children. A child that fails (halts) fails the parent.
 * `parentRan` says whether the parent's own work has finished.
 */
export function syntheticStep(parent: StageNode, stages: StageNode[], parentRan: boolean): SyntheticStep {
  const children = stages.filter((s) => s.parentStageId === parent.id).sort((a, b) => a.position - b.position);
  const failedChild = children.find((c) => halts(c.status));
  if (failedChild) return { kind: 'complete-parent', status: 'FAILED', failedChildId: failedChild.id };
  if (children.some((c) => c.status === 'RUNNING' || c.status === 'PAUSED')) return { kind: 'wait' };
  const before = children.filter((c) => c.syntheticStageOwner === 'STAGE_BEFORE');
  const after = children.filter((c) => c.syntheticStageOwner === 'STAGE_AFTER');
  const nextBefore = before.find((c) => !isComplete(c.status));
  if (nextBefore) return { kind: 'start', stageId: nextBefore.id };
  if (!parentRan) return { kind: 'run-parent' };
  const nextAfter = after.find((c) => !isComplete(c.status));
  if (nextAfter) return { kind: 'start', stageId: nextAfter.id };
  return { kind: 'complete-parent', status: 'SUCCEEDED' };
}
